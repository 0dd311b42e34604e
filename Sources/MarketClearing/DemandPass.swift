import Foundation
import LinearAlgebra

/// Aggregate CES demand at one price vector, in a form that cannot overflow.
///
/// With `x = log p`, a shift `s = min_j x_j`, `q_j = exp((1-σ)(x_j - s)) ∈ (0, 1]`:
///
///     den'_i = Σ_j W_ij q_j          (= den_i · c^(σ-1), c = e^s)
///     u_i    = B_i / den'_i
///     agg'_j = Σ_i W_ij u_i          (= a_j · c^(1-σ))
///     D_j    = p_j^(-σ) · a_j,   log a_j = log agg'_j + (σ-1)s
///
/// and the allocation is `x_ij = W_ij · u_i · q_j / p_j`. When some `den'_i` leaves the normal
/// range (extreme σ with prices many orders apart), the pass is redone in the log domain:
/// `log den_i = LSE_j(log W_ij + (1-σ)x_j)`, `log a_j = LSE_i(log W_ij + log B_i - log den_i)`.
struct DemandPass: Sendable {
  /// log a_j: aggregate demand is `D_j = exp(logAggregate_j - σ x_j)`.
  var logAggregate: [Double]
  /// Per-buyer factor: `u_i` (scaled domain) or `log(B_i / den_i)` (log domain).
  var buyerFactors: [Double]
  /// The shift `s` used by the scaled domain (0 in the log domain).
  var shift: Double
  /// Whether this pass was computed in the log domain.
  var logDomain: Bool

  /// D_j at log prices `x`.
  func demand(_ j: Int, logPrice x: Double, sigma: Double) -> Double {
    exp(logAggregate[j] - sigma * x)
  }
}

/// Evaluates `DemandPass`es for one reduced market with a chosen kernel.
struct DemandEvaluator: Sendable {
  let market: ReducedMarket
  let useBLAS: Bool
  let fused: FusedGemvPair
  /// `log W`, for the log-domain pass (computed once, when first needed).
  private(set) var logWeights: Matrix?

  init(market: ReducedMarket, useBLAS: Bool, parallel: Bool) {
    self.market = market
    self.useBLAS = useBLAS
    self.fused = FusedGemvPair(columns: market.productCount, parallel: parallel)
    self.logWeights = market.logWeights
  }

  /// Aggregate demand at log prices `x`.
  mutating func evaluate(logPrices x: [Double]) -> DemandPass {
    if market.logWeights == nil, let pass = scaledPass(x) { return pass }
    return logDomainPass(x)
  }

  /// The fast pass: BLAS or loops over `W`; nil when a value leaves the normal range.
  private func scaledPass(_ x: [Double]) -> DemandPass? {
    let sigma = market.sigma
    let n = market.buyerCount
    let m = market.productCount
    let shift = x.min() ?? 0
    let q = x.map { exp((1 - sigma) * ($0 - shift)) }
    var u = [Double](repeating: 0, count: n)
    var agg = [Double](repeating: 0, count: m)
    let w = market.weights
    let budgets = market.budgets
    if useBLAS {
      u.withUnsafeMutableBufferPointer { uBuffer in
        nonisolated(unsafe) let uBase = uBuffer.baseAddress!
        budgets.withUnsafeBufferPointer { bBuffer in
          nonisolated(unsafe) let bBase = bBuffer.baseAddress!
          fused.apply(w, x: q, into: &agg) { firstRow, values in
            for k in 0..<values.count {
              let den = values[k]
              let factor = den.isNormal ? bBase[firstRow + k] / den : .nan
              uBase[firstRow + k] = factor
              values[k] = factor.isFinite ? factor : 0
            }
          }
        }
      }
    } else {
      w.elements.withUnsafeBufferPointer { wb in
        for i in 0..<n {
          let row = wb.baseAddress! + i * m
          var den = 0.0
          for j in 0..<m { den += row[j] * q[j] }
          let factor = den.isNormal ? budgets[i] / den : .nan
          u[i] = factor
          guard factor.isFinite else { continue }
          for j in 0..<m { agg[j] += row[j] * factor }
        }
      }
    }
    guard u.allSatisfy({ $0.isFinite }) else { return nil }
    var logAggregate = [Double](repeating: 0, count: m)
    for j in 0..<m {
      guard agg[j].isNormal, agg[j].isFinite else { return nil }
      logAggregate[j] = log(agg[j]) + (sigma - 1) * shift
    }
    return DemandPass(logAggregate: logAggregate, buyerFactors: u, shift: shift, logDomain: false)
  }

  /// The exact-range pass: every sum as a log-sum-exp. O(n·m) exponentials; used only when the
  /// scaled pass cannot represent the numbers.
  mutating func logDomainPass(_ x: [Double]) -> DemandPass {
    if logWeights == nil {
      let w = market.weights
      logWeights = Matrix(
        rows: w.rows, columns: w.columns, elements: w.elements.map { $0 > 0 ? log($0) : -.infinity }
      )
    }
    let logW = logWeights!
    let sigma = market.sigma
    let n = market.buyerCount
    let m = market.productCount
    var logBuyer = [Double](repeating: 0, count: n)
    var terms = [Double](repeating: 0, count: max(n, m))
    for i in 0..<n {
      for j in 0..<m { terms[j] = logW[i, j] + (1 - sigma) * x[j] }
      logBuyer[i] = log(market.budgets[i]) - logSumExp(terms[0..<m])
    }
    var logAggregate = [Double](repeating: 0, count: m)
    for j in 0..<m {
      for i in 0..<n { terms[i] = logW[i, j] + logBuyer[i] }
      logAggregate[j] = logSumExp(terms[0..<n])
    }
    return DemandPass(logAggregate: logAggregate, buyerFactors: logBuyer, shift: 0, logDomain: true)
  }

  /// The allocation `x_ij` (reduced indices) from a pass at log prices `x`.
  func allocation(_ pass: DemandPass, logPrices x: [Double]) -> Matrix {
    let sigma = market.sigma
    let n = market.buyerCount
    let m = market.productCount
    if pass.logDomain {
      var result = Matrix(rows: n, columns: m)
      let logW = logWeights!
      for i in 0..<n {
        for j in 0..<m where logW[i, j] > -.infinity {
          result[i, j] = exp(logW[i, j] + pass.buyerFactors[i] - sigma * x[j])
        }
      }
      return result
    } else {
      // Written straight into uninitialised storage: for large markets this is a full write of an
      // n x m matrix, and zero-filling it first would double the traffic.
      let columnFactor = x.map { exp((1 - sigma) * ($0 - pass.shift) - $0) }
      // Rows are independent: chunks of rows may be written on several threads with the same bits.
      return Matrix(rows: n, columns: m) { buffer in
        market.weights.elements.withUnsafeBufferPointer { w in
          columnFactor.withUnsafeBufferPointer { c in
            pass.buyerFactors.withUnsafeBufferPointer { u in
              // Unwrapped inside the chunks: an empty matrix has no chunks and may have no storage.
              nonisolated(unsafe) let out = buffer.baseAddress
              nonisolated(unsafe) let weights = w.baseAddress
              nonisolated(unsafe) let factors = c.baseAddress
              nonisolated(unsafe) let buyers = u.baseAddress
              RowChunks.forEach(rows: n, parallel: fused.parallel) { _, rows in
                let (out, weights, factors, buyers) = (out!, weights!, factors!, buyers!)
                for i in rows {
                  let factor = buyers[i]
                  let row = i * m
                  for j in 0..<m { out[row + j] = weights[row + j] * factor * factors[j] }
                }
              }
            }
          }
        }
      }
    }
  }
}

extension DemandEvaluator {
  /// The allocation of a scaled-domain pass capped at supply, with what each buyer spends and
  /// each product sells, for a market in which nothing was dropped (reduced = original indices).
  ///
  /// `x_ij = W_ij · u_i · c_j · cap_j` with `c_j = q_j / p_j` and `cap_j = min(1, S_j / Σ_i W_ij
  /// u_i c_j)`: one read of `W` for the column totals, then one pass that reads `W`, writes `x`
  /// straight into uninitialised storage and sums spending (`min(Σ_j p_j x_ij, B_i)`, prices as
  /// reported) and sales (`Σ_i x_ij`) from the values just written.
  func cappedAllocation(
    _ pass: DemandPass, logPrices x: [Double], prices: [Double], budgets: [Double],
    reusing storage: consuming [Double] = []
  ) -> (allocation: Matrix, spending: [Double], sales: [Double]) {
    var spare: [Double]? = consume storage  // taken once below, so the buffer stays unique
    let sigma = market.sigma
    let n = market.buyerCount
    let m = market.productCount
    let columnFactor = x.map { exp((1 - sigma) * ($0 - pass.shift) - $0) }
    let supplies = market.supplies
    let chunks = RowChunks.count(rows: n)
    var spending = [Double](repeating: 0, count: n)
    var partials = [Double](repeating: 0, count: chunks * m)
    var caps = [Double](repeating: 1, count: m)
    let allocation = market.weights.elements.withUnsafeBufferPointer { w in
      columnFactor.withUnsafeBufferPointer { c in
        pass.buyerFactors.withUnsafeBufferPointer { u in
          nonisolated(unsafe) let weights = w.baseAddress!
          nonisolated(unsafe) let factors = c.baseAddress!
          nonisolated(unsafe) let buyers = u.baseAddress!
          let sold = RowChunks.sumColumns(rows: n, columns: m, parallel: fused.parallel) {
            rows, partial in
            for i in rows {
              let factor = buyers[i]
              let row = i * m
              for j in 0..<m { partial[j] += weights[row + j] * factor * factors[j] }
            }
          }
          // Demand may exceed supply by the clearing tolerance; sell exactly the supply then.
          for j in 0..<m where sold[j] > supplies[j] { caps[j] = supplies[j] / sold[j] }
          return caps.withUnsafeBufferPointer { capBuffer in
            prices.withUnsafeBufferPointer { p in
              budgets.withUnsafeBufferPointer { b in
                spending.withUnsafeMutableBufferPointer { spent in
                  partials.withUnsafeMutableBufferPointer { partialBuffer in
                    nonisolated(unsafe) let capBase = capBuffer.baseAddress!
                    nonisolated(unsafe) let priceBase = p.baseAddress!
                    nonisolated(unsafe) let budgetBase = b.baseAddress!
                    nonisolated(unsafe) let spentBase = spent.baseAddress!
                    nonisolated(unsafe) let partialBase = partialBuffer.baseAddress!
                    return Matrix(rows: n, columns: m, reusing: spare.take() ?? []) { buffer in
                      nonisolated(unsafe) let out = buffer.baseAddress!
                      RowChunks.forEach(rows: n, parallel: fused.parallel) { chunk, rows in
                        let partial = partialBase + chunk * m
                        for i in rows {
                          let factor = buyers[i]
                          let row = i * m
                          var total = 0.0
                          for j in 0..<m {
                            let value = weights[row + j] * factor * factors[j] * capBase[j]
                            out[row + j] = value
                            total += priceBase[j] * value
                            partial[j] += value
                          }
                          spentBase[i] = min(total, budgetBase[i])
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
    var sales = [Double](repeating: 0, count: m)
    for chunk in 0..<chunks {
      for j in 0..<m { sales[j] += partials[chunk * m + j] }
    }
    return (allocation, spending, sales)
  }
}

/// `log Σ exp(t)`, stable for any finite or −∞ terms.
func logSumExp<C: Collection>(_ terms: C) -> Double where C.Element == Double {
  let top = terms.max() ?? -.infinity
  guard top > -.infinity else { return -.infinity }
  var sum = 0.0
  for t in terms { sum += exp(t - top) }
  return top + log(sum)
}
