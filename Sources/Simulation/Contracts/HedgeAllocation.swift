import Foundation

/// How hedging buyers' contract money becomes GPUs of each product on offer, at posted prices.
///
/// Buyer b spreads its money `M_b` over the products it values by the CES shares of the spot
/// market, `s_bj = V_bj^σ F_j^(1−σ) / Σ_k V_bk^σ F_k^(1−σ)`, asking `g_bj = s_bj M_b / (F_j · h)`
/// GPUs (`h` GPU-hours per GPU over the step). Where the GPUs asked of a product exceed what it
/// offers, `G_j`, every request is cut in the same proportion `G_j / Σ_b g_bj`; money not placed
/// stays with the buyer.
enum HedgeAllocation {
  /// GPUs signed, `gpus[buyer, product]`.
  /// - Parameters:
  ///   - money: USD per step each buyer puts into new contracts (≥ 0).
  ///   - values: valuations `V_bj` (≥ 0).
  ///   - prices: posted prices `F_j`, $/GPU-hour (> 0).
  ///   - offeredGPUs: `G_j` (≥ 0).
  ///   - hoursPerGPU: GPU-hours one GPU delivers in the step.
  ///   - sigma: elasticity of substitution σ (≥ 1).
  static func allocate(
    money: IndexedArray<Hedger, Double>, values: Table<Hedger, ContractProduct, Double>,
    prices: IndexedArray<ContractProduct, Double>,
    offeredGPUs: IndexedArray<ContractProduct, Double>, hoursPerGPU: Double, sigma: Double
  ) -> Table<Hedger, ContractProduct, Double> {
    var gpus = Table<Hedger, ContractProduct, Double>(
      rows: money.count, columns: prices.count, repeating: 0)
    guard !prices.isEmpty, hoursPerGPU > 0 else { return gpus }
    var asked = IndexedArray<ContractProduct, Double>(repeating: 0, count: prices.count)
    for (b, budget) in money.indexed() where budget > 0 {
      // Shares computed relative to the largest weight so that large σ cannot overflow.
      var logWeights = IndexedArray<ContractProduct, Double>(
        repeating: -.infinity, count: prices.count)
      var largest = -Double.infinity
      for j in prices.indices where values[b, j] > 0 && offeredGPUs[j] > 0 {
        let w = sigma * log(values[b, j]) + (1 - sigma) * log(prices[j])
        logWeights[j] = w
        largest = max(largest, w)
      }
      guard largest.isFinite else { continue }
      var total = 0.0
      for j in prices.indices where logWeights[j].isFinite { total += exp(logWeights[j] - largest) }
      for j in prices.indices where logWeights[j].isFinite {
        let share = exp(logWeights[j] - largest) / total
        let g = share * budget / (prices[j] * hoursPerGPU)
        gpus[b, j] = g
        asked[j] += g
      }
    }
    for j in prices.indices where asked[j] > offeredGPUs[j] {
      let fill = offeredGPUs[j] / asked[j]
      for b in money.indices { gpus[b, j] *= fill }
    }
    return gpus
  }
}
