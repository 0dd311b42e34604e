import Foundation
import LinearAlgebra

/// Evaluates the demand passes of several markets that share one `W` (and differ in budgets) in
/// one read of `W`: `den = W Q` and `agg = Wᵀ (B ⊘ den)` over `n x K` and `m x K` blocks
/// (`FusedGemmPair`), column `k` holding market `k`'s scaled prices `q` and budgets.
///
/// Each column is the scaled pass of `DemandEvaluator` for that market: with its own shift
/// `s_k = min_j x_jk`, `Q_jk = exp((1-σ)(x_jk - s_k))`, `U_ik = B_ik / den_ik`,
/// `log a_jk = log agg_jk + (σ-1) s_k`. A column whose numbers leave the normal range is redone
/// alone in the log domain by that market's own evaluator.
struct BatchDemandEvaluator {
  /// The shared reduction (its `budgets` are not used).
  let market: ReducedMarket
  /// Per market, the budgets of the active buyers.
  let budgets: [[Double]]
  let fused: FusedGemmPair

  init(market: ReducedMarket, budgets: [[Double]], parallel: Bool) {
    self.market = market
    self.budgets = budgets
    self.fused = FusedGemmPair(columns: market.productCount, parallel: parallel)
  }

  /// The Cobb-Douglas start of each market, `max(log r, log(Wᵀ (B_k ⊘ rowSums)) - log S)`, as
  /// one `m x K` product (unclamped; the caller clamps).
  func cobbDouglasLogPrices() -> [[Double]] {
    let n = market.buyerCount
    let m = market.productCount
    let k = budgets.count
    var shares = Matrix(rows: n, columns: k)
    for i in 0..<n {
      for c in 0..<k { shares[i, c] = budgets[c][i] / market.rowSums[i] }
    }
    let spend = BLAS.gemm(.transposed, .none, market.weights, shares)
    return (0..<k).map { c in (0..<m).map { log(spend[$0, c]) - market.logSupplies[$0] } }
  }

  /// The passes at `logPrices[c]` for market `markets[c]`.
  func evaluate(
    _ logPrices: [[Double]], markets: [Int], evaluators: inout [DemandEvaluator]
  ) -> [DemandPass] {
    let n = market.buyerCount
    let m = market.productCount
    let k = markets.count
    let sigma = market.sigma
    let shifts = logPrices.map { $0.min() ?? 0 }
    var q = Matrix(rows: m, columns: k)
    var b = Matrix(rows: n, columns: k)
    for c in 0..<k {
      let x = logPrices[c]
      for j in 0..<m { q.elements[j * k + c] = exp((1 - sigma) * (x[j] - shifts[c])) }
      let set = budgets[markets[c]]
      for i in 0..<n { b.elements[i * k + c] = set[i] }
    }
    var u = Matrix(rows: n, columns: k)
    var agg = Matrix(rows: m, columns: k)
    b.elements.withUnsafeBufferPointer { bBuffer in
      u.elements.withUnsafeMutableBufferPointer { uBuffer in
        nonisolated(unsafe) let bBase = bBuffer.baseAddress!
        nonisolated(unsafe) let uBase = uBuffer.baseAddress!
        fused.apply(market.weights, x: q, into: &agg) { firstRow, values in
          let offset = firstRow * k
          for index in 0..<values.count {
            let den = values[index]
            let factor = den.isNormal ? bBase[offset + index] / den : .nan
            uBase[offset + index] = factor
            values[index] = factor.isFinite ? factor : 0
          }
        }
      }
    }
    return (0..<k).map { c in
      let factors = (0..<n).map { u.elements[$0 * k + c] }
      var logAggregate = [Double](repeating: 0, count: m)
      var scaled = factors.allSatisfy { $0.isFinite }
      for j in 0..<m where scaled {
        let a = agg.elements[j * k + c]
        guard a.isNormal, a.isFinite else {
          scaled = false
          break
        }
        logAggregate[j] = log(a) + (sigma - 1) * shifts[c]
      }
      guard scaled else { return evaluators[markets[c]].logDomainPass(logPrices[c]) }
      return DemandPass(
        logAggregate: logAggregate, buyerFactors: factors, shift: shifts[c], logDomain: false)
    }
  }
}
