import Foundation
import LinearAlgebra
import MarketClearing

/// Proportional response dynamics for a CES Fisher market without reserve prices: an algorithm
/// independent of the solver's, used as a reference.
///
/// With utility `u_i = (Σ_j V_ij x_ij^ρ)^(1/ρ)`, `ρ = (σ-1)/σ`, each buyer re-bids its budget in
/// proportion to the utility each product gave it:
///
///     b_ij ← B_i · V_ij x_ij^ρ / Σ_k V_ik x_ik^ρ,    p_j = Σ_i b_ij / S_j,    x_ij = b_ij / p_j.
///
/// Zhang, "Proportional response dynamics in the Fisher market", TCS 412 (2011): converges to the
/// equilibrium for 0 ≤ ρ < 1 (σ ≥ 1).
func proportionalResponsePrices(
  _ market: Market, iterations: Int = 200_000, tolerance: Double = 1e-14
) -> [Double] {
  let n = market.buyerCount
  let m = market.productCount
  let rho = (market.sigma - 1) / market.sigma
  let v = market.valuations
  var bids = Matrix(rows: n, columns: m)
  for i in 0..<n {
    let total = (0..<m).reduce(0.0) { $0 + v[i, $1] }
    for j in 0..<m { bids[i, j] = market.budgets[i] * v[i, j] / total }
  }
  var prices = [Double](repeating: 0, count: m)
  for _ in 0..<iterations {
    for j in 0..<m {
      var total = 0.0
      for i in 0..<n { total += bids[i, j] }
      prices[j] = total / market.supplies[j]
    }
    var change = 0.0
    for i in 0..<n {
      var weights = [Double](repeating: 0, count: m)
      var total = 0.0
      for j in 0..<m where v[i, j] > 0 {
        let x = bids[i, j] / prices[j]
        weights[j] = v[i, j] * pow(x, rho)
        total += weights[j]
      }
      for j in 0..<m {
        let bid = market.budgets[i] * weights[j] / total
        change = max(change, abs(bid - bids[i, j]) / market.budgets[i])
        bids[i, j] = bid
      }
    }
    if change < tolerance { break }
  }
  for j in 0..<m {
    var total = 0.0
    for i in 0..<n { total += bids[i, j] }
    prices[j] = total / market.supplies[j]
  }
  return prices
}
