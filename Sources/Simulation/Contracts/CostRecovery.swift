import Foundation

/// The lowest price at which a provider signs a term contract: the capital a chip ties up over
/// the tenor plus its running cost (see docs/model.md, "The term-contract market").
///
///     f(τ) = price · [1 − (1 − τ/L)⁺ · (1 + r)^(−τ)] · CRF(r, τ) / H_yr + o     ($/GPU-hour)
///
/// The bracket is the chip's value less the discounted resale value at the end of the tenor
/// (straight-line economic depreciation over the life `L`), annuitised over the tenor. For
/// τ = L it is the plain annuity `price · CRF(r, L)`; as τ → 0 it tends to
/// `price · (r + r / (L ln(1 + r)))`, the user cost of capital `price · (r + 1/L)` with the
/// depreciation compounded yearly like the interest.
struct CostRecovery: Sendable, Equatable {
  /// Cost of capital r, per year (0.10 = 10%).
  var costOfCapital: Double
  /// Depreciation life L, years.
  var lifeYears: Double
  /// Hours a year a chip can be sold: 8760 · availability.
  var hoursPerYear: Double

  /// Capital recovery factor `r / (1 − (1 + r)^(−τ))`, per year, for a tenor τ in years (> 0).
  /// With r = 0 it is `1/τ` (straight repayment).
  static func capitalRecoveryFactor(rate r: Double, years tau: Double) -> Double {
    guard r > 1e-12 else { return 1 / tau }
    return r / (1 - pow(1 + r, -tau))
  }

  /// Floor price for a tenor of `tenorYears` (> 0) on a chip of list price `chipPriceUSD`
  /// with running cost `runningCostPerHour` ($/GPU-hour), $/GPU-hour.
  func floor(chipPriceUSD: Double, runningCostPerHour: Double, tenorYears tau: Double) -> Double {
    chipPriceUSD * capitalFactor(tenorYears: tau) + runningCostPerHour
  }

  /// The floor's capital charge per USD of chip, per GPU-hour:
  /// `[1 − (1 − τ/L)⁺ (1 + r)^(−τ)] · CRF(r, τ) / H_yr`. It depends on the tenor only, so the
  /// engine computes it once per tenor.
  func capitalFactor(tenorYears tau: Double) -> Double {
    let residual = max(0, 1 - tau / lifeYears) * pow(1 + costOfCapital, -tau)
    let crf = Self.capitalRecoveryFactor(rate: costOfCapital, years: tau)
    return (1 - residual) * crf / hoursPerYear
  }

  /// Long-run price of the chip: the floor over its whole life, `price · CRF(r, L) / H_yr + o`.
  func longRunPrice(chipPriceUSD: Double, runningCostPerHour: Double) -> Double {
    floor(chipPriceUSD: chipPriceUSD, runningCostPerHour: runningCostPerHour, tenorYears: lifeYears)
  }
}
