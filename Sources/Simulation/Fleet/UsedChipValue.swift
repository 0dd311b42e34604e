import Foundation

/// The used market's price of a chip: the present value of its expected net rents (see
/// docs/model.md, "Vintages, retirement and the used market").
///
///     U = Σ_{m=1..M} β^m · (P̂(m) − o)⁺ · h
///     P̂(m) = L · a^m + (P − L) · e^(−κ m)      expected spot price m months ahead, $/GPU-hour
///     β = (1 + r)^(−1/12) · (1 − φ)^(1/12),  a = (1 − g)^(1/12)
///
/// with P the last spot price, L the value-equivalent cost of new compute (`L = v · min_c' L_c' /
/// v_c'`), o the running cost, h a month's sellable hours, r the cost of capital, φ the failure
/// rate and g the yearly fall of the cost of new compute, M at most `maxMonths`.
struct UsedChipValue: Sendable, Equatable {
  /// β: one month's discount times survival.
  let monthlyDiscount: Double
  /// a: one month's fall of the cost of new compute.
  let monthlyDecline: Double
  /// e^(−κ): one month's decay of the gap between spot and the long-run price.
  let monthlyReversion: Double
  /// h: sellable hours in a month (730 · availability).
  let hoursPerMonth: Double
  /// The longest horizon counted, months.
  static let maxMonths = 120

  init(
    costOfCapital: Double, failurePerYear: Double, priceDeclinePerYear: Double,
    meanReversionPerMonth: Double, hoursPerMonth: Double
  ) {
    monthlyDiscount = pow(1 + costOfCapital, -1.0 / 12) * pow(1 - failurePerYear, 1.0 / 12)
    monthlyDecline = pow(1 - priceDeclinePerYear, 1.0 / 12)
    monthlyReversion = exp(-meanReversionPerMonth)
    self.hoursPerMonth = hoursPerMonth
  }

  /// U in USD per chip for last price `last`, long-run price `longRun` and running cost
  /// `running` (all $/GPU-hour). The sum stops once both terms of P̂ have fallen below the
  /// running cost for good (the chip's expected economic life has ended).
  func price(last: Double, longRun: Double, running: Double) -> Double {
    guard last.isFinite, longRun.isFinite, running.isFinite else { return 0 }
    var value = 0.0
    var discount = 1.0
    var trend = longRun
    var gap = last - longRun
    for _ in 1...Self.maxMonths {
      discount *= monthlyDiscount
      trend *= monthlyDecline
      gap *= monthlyReversion
      let rent = trend + gap - running
      if rent > 0 {
        value += discount * rent * hoursPerMonth
      } else if trend + max(0, gap) <= running {
        break
      }
    }
    return value
  }
}
