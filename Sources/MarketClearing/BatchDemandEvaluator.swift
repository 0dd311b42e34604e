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

extension BatchDemandEvaluator {
  /// Capped allocations, spending and sales of several scaled-domain answers of a market in which
  /// nothing was dropped, written together in one read of `W`.
  ///
  /// Market `k`'s `x_ij = W_ij · u_ik · c_jk · cap_jk` with `c_jk = q_jk / p_jk` and
  /// `cap_jk = min(1, S_j / D_jk)`, where the column total `Σ_i W_ij u_ik c_jk` is the demand
  /// `D_jk = exp(log a_jk − σ x_jk)` the pass already holds (so no read of `W` for the caps).
  /// Rows in fixed chunks; sales add per-chunk partials in chunk order (any core count, same bits).
  func cappedAllocations(
    _ passes: [DemandPass], logPrices: [[Double]], prices: [[Double]], budgets: [[Double]],
    parallel: Bool, reusing storages: consuming [[Double]] = []
  ) -> [(allocation: Matrix, spending: [Double], sales: [Double])] {
    var spare: [[Double]]? = consume storages  // taken once below, so the buffers stay unique
    let n = market.buyerCount
    let m = market.productCount
    let k = passes.count
    let sigma = market.sigma
    // Per market, c_jk · cap_jk, then the factors as one array each for the inner loop.
    let columnFactors: [Double] = (0..<k).flatMap { c -> [Double] in
      let x = logPrices[c]
      let pass = passes[c]
      return (0..<m).map { j in
        let demand = pass.demand(j, logPrice: x[j], sigma: sigma)
        let cap = demand > market.supplies[j] ? market.supplies[j] / demand : 1
        return exp((1 - sigma) * (x[j] - pass.shift) - x[j]) * cap
      }
    }
    let buyerFactors = passes.flatMap(\.buyerFactors)
    let flatBudgets = budgets.flatMap { $0 }
    let flatPrices = prices.flatMap { $0 }
    let chunks = RowChunks.count(rows: n)
    var spending = [Double](repeating: 0, count: k * n)
    var partials = [Double](repeating: 0, count: chunks * k * m)
    let allocations = market.weights.elements.withUnsafeBufferPointer { w in
      columnFactors.withUnsafeBufferPointer { cf in
        buyerFactors.withUnsafeBufferPointer { bf in
          flatBudgets.withUnsafeBufferPointer { fb in
            flatPrices.withUnsafeBufferPointer { fp in
              spending.withUnsafeMutableBufferPointer { sp in
                partials.withUnsafeMutableBufferPointer { pp in
                  nonisolated(unsafe) let weights = w.baseAddress!
                  nonisolated(unsafe) let factors = cf.baseAddress!
                  nonisolated(unsafe) let buyers = bf.baseAddress!
                  nonisolated(unsafe) let budgetBase = fb.baseAddress!
                  nonisolated(unsafe) let priceBase = fp.baseAddress!
                  nonisolated(unsafe) let spent = sp.baseAddress!
                  nonisolated(unsafe) let partialBase = pp.baseAddress!
                  return Matrix.batch(count: k, rows: n, columns: m, reusing: spare.take() ?? []) {
                    outputs in
                    nonisolated(unsafe) let outputs = outputs
                    RowChunks.forEach(rows: n, parallel: parallel) { chunk, rows in
                      for i in rows {
                        let row = weights + i * m
                        for c in 0..<k {
                          let out = outputs[c] + i * m
                          let factor = buyers[c * n + i]
                          let columnFactor = factors + c * m
                          let price = priceBase + c * m
                          let partial = partialBase + (chunk * k + c) * m
                          var total = 0.0
                          for j in 0..<m {
                            let value = row[j] * factor * columnFactor[j]
                            out[j] = value
                            total += price[j] * value
                            partial[j] += value
                          }
                          spent[c * n + i] = min(total, budgetBase[c * n + i])
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return (0..<k).map { c in
      var sales = [Double](repeating: 0, count: m)
      for chunk in 0..<chunks {
        let offset = (chunk * k + c) * m
        for j in 0..<m { sales[j] += partials[offset + j] }
      }
      return (allocations[c], Array(spending[(c * n)..<((c + 1) * n)]), sales)
    }
  }
}
