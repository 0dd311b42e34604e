import Foundation

/// How much a provider orders and of which chips (see docs/model.md, "Chip buyers").
///
///     R̂_c = (p̂_c − o_c)⁺ · H_yr / capital_c        expected net rent per dollar, per year
///     h   = CRF(r, L) = r + r / ((1 + r)^L − 1)    the hurdle: capital cost plus depreciation
///     s_c = v_c^κc / Σ v^κc,  v_c = R̂_c · (1 + r)^(−ℓ_c/12)
///     K   = K̄ · clip((Σ_c s_c R̂_c / h)^η, lo, hi)
struct InvestmentRule: Sendable, Equatable {
  var settings: InvestmentSettings
  /// Cost of capital r, per year.
  var costOfCapital: Double
  /// Hours a year a chip can be sold: 8760 · availability.
  var hoursPerYear: Double
  /// The hurdle h = CRF(r, L), per year.
  let hurdle: Double

  init(settings: InvestmentSettings, costOfCapital: Double, lifeYears: Double, hoursPerYear: Double)
  {
    self.settings = settings
    self.costOfCapital = costOfCapital
    self.hoursPerYear = hoursPerYear
    hurdle = CostRecovery.capitalRecoveryFactor(rate: costOfCapital, years: lifeYears)
  }

  /// `R̂ = (p̂ − o)⁺ · H_yr / capital`: expected net rent per dollar of capital, per year.
  func rentPerDollar(expectedPrice: Double, runningCost: Double, capitalUSD: Double) -> Double {
    guard capitalUSD > 0, expectedPrice.isFinite else { return 0 }
    return max(0, expectedPrice - runningCost) * hoursPerYear / capitalUSD
  }

  /// `v = R̂ · (1 + r)^(−ℓ/12)`: value per dollar discounted for a lead time of ℓ months
  /// (0 when ℓ is infinite or NaN: the order would not be filled).
  func discountedValue(rentPerDollar: Double, leadTimeMonths: Double) -> Double {
    guard leadTimeMonths.isFinite else { return 0 }
    return rentPerDollar * pow(1 + costOfCapital, -max(0, leadTimeMonths) / 12)
  }

  /// Shares `s_c = v_c^κc / Σ v^κc` over the values given (all zero when no value is positive).
  func shares(_ values: [Double]) -> [Double] {
    let top = values.max() ?? 0
    guard top > 0 else { return values.map { _ in 0 } }
    // Scaled by the largest value so that large exponents do not overflow.
    let weights = values.map { $0 > 0 ? pow($0 / top, settings.choiceExponent) : 0 }
    let total = weights.reduce(0, +)
    return weights.map { $0 / total }
  }

  /// `clip((R̂ / h)^η, lo, hi)`: the multiple of the capex trend for an expected rent R̂.
  func capexMultiple(rentPerDollar: Double) -> Double {
    let ratio = max(0, rentPerDollar) / hurdle
    let multiple = pow(ratio, settings.marginElasticity)
    return min(settings.capexHigh, max(settings.capexLow, multiple))
  }

  /// A neocloud's bound: `lo · K̄ + V / λ`, USD per step, for contract value V signed last step.
  func financedCapex(trend: Double, contractValueSigned: Double) -> Double {
    settings.capexLow * trend + max(0, contractValueSigned) / settings.loanToValue
  }
}
