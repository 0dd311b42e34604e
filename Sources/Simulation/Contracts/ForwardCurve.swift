import Foundation

/// Forward prices from an explicit expectation of spot (see docs/model.md).
///
/// Spot is expected to revert to the long-run price `p̄` at rate κ per month from the last price
/// seen `p₀`: `Ê[p(t + k)] = p̄ + (p₀ − p̄) · e^(−κ k)`. A τ-month contract is priced at the mean
/// of that expectation over `k = 0 … τ−1`, times `(1 + ρ · τ/12)`, and never below the seller's
/// floor for the tenor.
struct ForwardCurve: Sendable, Equatable {
  /// The tenors every curve is posted for, months.
  static let tenorsMonths = [1, 3, 6, 12, 24, 36]

  /// Mean reversion rate κ, per month (≥ 0).
  var meanReversionPerMonth: Double
  /// Term premium ρ per year of tenor (relative; negative: a discount for certainty).
  var termPremiumPerYear: Double

  /// Expected spot k months ahead, $/GPU-hour.
  func expectedSpot(last p0: Double, longRun pBar: Double, monthsAhead k: Int) -> Double {
    pBar + (p0 - pBar) * exp(-meanReversionPerMonth * Double(k))
  }

  /// Mean of the expected spot over months `0 … τ−1` in closed form:
  /// `p̄ + (p₀ − p̄) · (1 − e^(−κτ)) / (τ (1 − e^(−κ)))` (the plain mean `p₀` when κ = 0).
  func meanExpectedSpot(last p0: Double, longRun pBar: Double, tenorMonths tau: Int) -> Double {
    pBar + (p0 - pBar) * reversionWeight(tenorMonths: tau)
  }

  /// The weight of the last price in the mean over a τ-month tenor,
  /// `(1 − e^(−κτ)) / (τ (1 − e^(−κ)))` (1 when κ = 0). It depends on the tenor only.
  func reversionWeight(tenorMonths tau: Int) -> Double {
    let kappa = meanReversionPerMonth
    let n = Double(tau)
    guard kappa > 1e-12 else { return 1 }
    return (1 - exp(-kappa * n)) / (n * (1 - exp(-kappa)))
  }

  /// The forward price of a τ-month contract, $/GPU-hour:
  /// `max(floor, (1 + ρ τ/12) · meanExpectedSpot)`.
  func price(last p0: Double, longRun pBar: Double, tenorMonths tau: Int, floor: Double) -> Double {
    price(
      last: p0, longRun: pBar, reversionWeight: reversionWeight(tenorMonths: tau),
      tenorMonths: tau, floor: floor)
  }

  /// The same with the tenor's reversion weight already computed.
  func price(
    last p0: Double, longRun pBar: Double, reversionWeight w: Double, tenorMonths tau: Int,
    floor: Double
  ) -> Double {
    let premium = 1 + termPremiumPerYear * Double(tau) / 12
    return max(floor, premium * (pBar + (p0 - pBar) * w))
  }
}
