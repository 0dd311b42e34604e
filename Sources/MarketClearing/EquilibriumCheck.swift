import Foundation
import LinearAlgebra

/// How far a (prices, allocation) pair is from being a competitive equilibrium of a market.
///
/// Each field is the worst relative violation of one condition, with the buyer or product where it
/// occurs. Computed from the definition, independently of the solver: demand is re-derived here in
/// the log domain.
public struct EquilibriumCheck: Sendable, Equatable {
  /// A violation's size and where it is worst.
  public struct Violation: Sendable, Equatable {
    /// Relative size (0 when the condition holds).
    public var value: Double
    /// The product or buyer index where it is worst, nil when there is no violation.
    public var index: Int?
  }

  /// `max_j (r_j - p_j) / max(r_j, p_j)` over products priced below reserve (or non-finite prices).
  public var priceBelowReserve: Violation
  /// `max_j (Σ_i x_ij - S_j) / S_j`: over-sold supply (for S_j = 0, any sale counts as 1).
  public var overSold: Violation
  /// `max_j (S_j - Σ_i x_ij) / S_j` over products priced above reserve: they must sell out.
  public var unsoldAboveReserve: Violation
  /// `max_i (Σ_j p_j x_ij - B_i) / B_i`: spending over budget.
  public var overBudget: Violation
  /// `max_i (B_i - Σ_j p_j x_ij) / B_i` over buyers who value something on offer: a CES buyer
  /// spends its whole budget.
  public var underSpent: Violation
  /// `max_i Σ_j p_j |x_ij - x*_ij| / B_i`, where `x*_i` is buyer i's CES-optimal bundle for its
  /// budget at the given prices: how far each bundle is from optimal, in budget shares.
  public var suboptimalBundle: Violation
  /// Negative or non-finite allocation entries (count).
  public var invalidEntries: Int

  /// The largest of all violations (∞ for invalid entries).
  public var worst: Double {
    guard invalidEntries == 0 else { return .infinity }
    return [
      priceBelowReserve, overSold, unsoldAboveReserve, overBudget, underSpent, suboptimalBundle,
    ]
    .map(\.value).max() ?? 0
  }

  /// Whether every condition holds within `tolerance`.
  public func holds(tolerance: Double) -> Bool { worst <= tolerance }

  /// The named violations in a fixed order, for printing.
  public var named: [(name: String, violation: Violation)] {
    [
      ("priceBelowReserve", priceBelowReserve), ("overSold", overSold),
      ("unsoldAboveReserve", unsoldAboveReserve), ("overBudget", overBudget),
      ("underSpent", underSpent), ("suboptimalBundle", suboptimalBundle),
    ]
  }
}

extension Market {
  /// Checks `prices` and `allocation` against the equilibrium conditions of this market.
  public func check(prices: [Double], allocation: Matrix) -> EquilibriumCheck {
    precondition(prices.count == productCount, "check: one price per product expected")
    precondition(
      allocation.rows == buyerCount && allocation.columns == productCount,
      "check: allocation must be buyers x products")
    func worst(_ values: [Double]) -> EquilibriumCheck.Violation {
      var best = EquilibriumCheck.Violation(value: 0, index: nil)
      for (k, v) in values.enumerated() where v > best.value || v.isNaN {
        best = .init(value: v.isNaN ? .infinity : v, index: k)
      }
      return best
    }
    let invalid = allocation.elements.filter { !($0.isFinite && $0 >= 0) }.count
    var sold = [Double](repeating: 0, count: productCount)
    for i in 0..<buyerCount { for j in 0..<productCount { sold[j] += allocation[i, j] } }
    let below = (0..<productCount).map { j -> Double in
      let p = prices[j]
      let r = reservePrices[j]
      guard p.isFinite else { return .infinity }
      return p < r ? (r - p) / max(r, abs(p)) : 0
    }
    let over = (0..<productCount).map { j -> Double in
      let s = supplies[j]
      return s > 0 ? max(0, sold[j] - s) / s : (sold[j] > 0 ? 1 : 0)
    }
    let unsold = (0..<productCount).map { j -> Double in
      supplies[j] > 0 && prices[j] > reservePrices[j]
        ? max(0, supplies[j] - sold[j]) / supplies[j] : 0
    }
    var overBudget = [Double](repeating: 0, count: buyerCount)
    var underSpent = [Double](repeating: 0, count: buyerCount)
    var suboptimal = [Double](repeating: 0, count: buyerCount)
    let logPrices = prices.map { log($0) }
    for i in 0..<buyerCount {
      var spent = 0.0
      for j in 0..<productCount { spent += prices[j] * allocation[i, j] }
      overBudget[i] = max(0, spent - budgets[i]) / budgets[i]
      // CES-optimal bundle at these prices over products on offer, in the log domain.
      let offered = (0..<productCount).filter {
        supplies[$0] > 0 && valuations[i, $0] > 0 && prices[$0] > 0
      }
      guard !offered.isEmpty else {
        suboptimal[i] = spent / budgets[i]  // should buy nothing
        continue
      }
      underSpent[i] = max(0, budgets[i] - spent) / budgets[i]
      let terms = offered.map { sigma * log(valuations[i, $0]) + (1 - sigma) * logPrices[$0] }
      let logDen = logSumExp(terms)
      var optimal = [Double](repeating: 0, count: productCount)
      for (k, j) in offered.enumerated() {
        optimal[j] = exp(log(budgets[i]) + terms[k] - logDen - logPrices[j])
      }
      var deviation = 0.0
      for j in 0..<productCount { deviation += prices[j] * abs(allocation[i, j] - optimal[j]) }
      suboptimal[i] = deviation / budgets[i]
    }
    return EquilibriumCheck(
      priceBelowReserve: worst(below), overSold: worst(over), unsoldAboveReserve: worst(unsold),
      overBudget: worst(overBudget), underSpent: worst(underSpent),
      suboptimalBundle: worst(suboptimal), invalidEntries: invalid)
  }

  /// Checks an `Equilibrium` found for this market.
  public func check(_ equilibrium: Equilibrium) -> EquilibriumCheck {
    check(prices: equilibrium.prices, allocation: equilibrium.allocation)
  }
}
