import Foundation

/// How hedging buyers' contract money becomes GPUs of each product on offer, at posted prices.
///
/// Buyer b spreads its money `M_b` over the products it values by the CES shares of the spot
/// market, `s_bj = V_bj^σ F_j^(1−σ) / Σ_k V_bk^σ F_k^(1−σ)`, asking `g_bj = s_bj M_b / (F_j · h)`
/// GPUs (`h` GPU-hours per GPU over the step). Where the GPUs asked of a product exceed what it
/// offers, `G_j`, every request is cut in the same proportion `G_j / Σ_b g_bj`; money not placed
/// stays with the buyer.
enum HedgeAllocation {
  /// GPUs signed, row-major `[b * m + j]`, for `money.count` buyers and `prices.count` products.
  /// - Parameters:
  ///   - money: USD per step each buyer puts into new contracts (≥ 0).
  ///   - values: valuations `V_bj` (≥ 0), row-major buyers × products.
  ///   - prices: posted prices `F_j`, $/GPU-hour (> 0).
  ///   - offeredGPUs: `G_j` (≥ 0).
  ///   - hoursPerGPU: GPU-hours one GPU delivers in the step.
  ///   - sigma: elasticity of substitution σ (≥ 1).
  static func allocate(
    money: [Double], values: [Double], prices: [Double], offeredGPUs: [Double],
    hoursPerGPU: Double, sigma: Double
  ) -> [Double] {
    let n = money.count
    let m = prices.count
    var gpus = [Double](repeating: 0, count: n * m)
    guard m > 0, hoursPerGPU > 0 else { return gpus }
    var asked = [Double](repeating: 0, count: m)
    for b in 0..<n where money[b] > 0 {
      // Shares computed relative to the largest weight so that large σ cannot overflow.
      var logWeights = [Double](repeating: -.infinity, count: m)
      var largest = -Double.infinity
      for j in 0..<m where values[b * m + j] > 0 && offeredGPUs[j] > 0 {
        let w = sigma * log(values[b * m + j]) + (1 - sigma) * log(prices[j])
        logWeights[j] = w
        largest = max(largest, w)
      }
      guard largest.isFinite else { continue }
      var total = 0.0
      for j in 0..<m where logWeights[j].isFinite { total += exp(logWeights[j] - largest) }
      for j in 0..<m where logWeights[j].isFinite {
        let share = exp(logWeights[j] - largest) / total
        let g = share * money[b] / (prices[j] * hoursPerGPU)
        gpus[b * m + j] = g
        asked[j] += g
      }
    }
    for j in 0..<m where asked[j] > offeredGPUs[j] {
      let fill = offeredGPUs[j] / asked[j]
      for b in 0..<n { gpus[b * m + j] *= fill }
    }
    return gpus
  }
}
