import Foundation

/// Spending that answers prices: a constant-elasticity demand for H100e-hours through the point
/// (`p̄`, `C/p̄`), bounded by cash (see docs/model.md, "Demand in quantities").
///
///     Q(P) = (C / p̄) · (P / p̄)^(−ε)                      (H100e-hours per month)
///     S(P) = min(C, P · Q(P)) = C · min(1, (P / p̄)^(1 − ε))      (USD per month)
///
/// ε = 1 spends the whole cash at any price; ε < 1 (quantity-seeking) pays up to its cash when
/// prices rise and keeps money when they fall; ε > 1 buys less and spends less when prices rise.
enum PriceResponse {
  /// Desired spending, USD, for cash `cash`, expected price `price` and reference price
  /// `reference` (both $/H100e-hour, > 0), elasticity `elasticity` (≥ 0).
  static func spending(cash: Double, price: Double, reference: Double, elasticity: Double)
    -> Double
  {
    guard cash > 0 else { return 0 }
    guard price > 0, reference > 0, abs(elasticity - 1) > 1e-12 else { return cash }
    return cash * min(1, pow(price / reference, 1 - elasticity))
  }
}
