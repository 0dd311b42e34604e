import Foundation
import LinearAlgebra

/// The part of a market that takes part in clearing, prepared for the demand step.
///
/// Products with zero supply are withdrawn. Products no remaining buyer values keep their reserve
/// price and stay unsold. Buyers who value nothing that is on offer keep their budget. What is left
/// is an `n' x m'` market in which every buyer values some product and every product is valued.
///
/// The solver works with `W = V^σ` scaled per buyer, `W_ij = (V_ij / max_k V_ik)^σ ∈ [0, 1]`:
/// a buyer's demand is unchanged by scaling its row, and the scaling keeps `V^σ` from overflowing
/// for large σ.
struct ReducedMarket: Sendable {
  /// Indices into the original market.
  let buyers: [Int]
  let products: [Int]
  /// B_i of the active buyers (replaced per market when a batch shares one reduction).
  var budgets: [Double]
  let supplies: [Double]
  let logSupplies: [Double]
  /// log r_j (−∞ for a zero reserve).
  let logReserves: [Double]
  let sigma: Double
  /// `n' x m'`, row-scaled `V^σ`.
  let weights: Matrix
  /// `log W`, filled when some positive valuation makes `W_ij` underflow: the solver then works
  /// in the log domain throughout.
  let logWeights: Matrix?
  /// `Σ_k W_ik` per active buyer.
  let rowSums: [Double]
  /// The Cobb-Douglas spend `Σ_i B_i W_ij / Σ_k W_ik` per product, for `budgets` as built.
  let startSpend: [Double]

  /// Buyers who value no product on offer (indices into the original market).
  let idleBuyers: [Int]
  /// Products with zero supply.
  let withdrawnProducts: [Int]
  /// Products on offer that no active buyer values.
  let unvaluedProducts: [Int]

  /// - Parameters:
  ///   - storage: a buffer to build `W` in (see `ClearingWorkspace`); any contents.
  ///   - parallel: whether chunks of rows may be built on several threads (the bits are the same).
  init(_ market: Market, reusing storage: consuming [Double] = [], parallel: Bool = true) {
    let n = market.buyerCount
    let m = market.productCount
    let v = market.valuations
    let offered = (0..<m).filter { market.supplies[$0] > 0 }
    var activeBuyers: [Int] = []
    var idle: [Int] = []
    for i in 0..<n {
      if offered.contains(where: { v[i, $0] > 0 }) {
        activeBuyers.append(i)
      } else {
        idle.append(i)
      }
    }
    let valued = offered.filter { j in activeBuyers.contains { v[$0, j] > 0 } }
    var isValued = [Bool](repeating: false, count: m)
    for j in valued { isValued[j] = true }
    buyers = activeBuyers
    products = valued
    idleBuyers = idle
    withdrawnProducts = (0..<m).filter { !(market.supplies[$0] > 0) }
    unvaluedProducts = offered.filter { !isValued[$0] }
    budgets = activeBuyers.map { market.budgets[$0] }
    supplies = valued.map { market.supplies[$0] }
    logSupplies = supplies.map { log($0) }
    logReserves = valued.map { log(market.reservePrices[$0]) }
    sigma = market.sigma

    // Every element of W is written once, walking V row by row: for a large market this loop is
    // a full read of V and a full write of W. The Cobb-Douglas start's spend is summed from each
    // row of W while it is still in cache (it would otherwise be another full read of W).
    let columns = valued.count
    let sigma = market.sigma
    // Rows are independent: chunks of rows may be built on several threads with the same bits;
    // the spend adds per-chunk partials in chunk order (as `RowChunks.sumColumns` does).
    let chunkCount = RowChunks.count(rows: activeBuyers.count)
    var underflows = [Bool](repeating: false, count: chunkCount)
    var spendPartials = [Double](repeating: 0, count: chunkCount * columns)
    var sums = [Double](repeating: 0, count: activeBuyers.count)
    let budgets = self.budgets
    let w = Matrix(rows: activeBuyers.count, columns: columns, reusing: consume storage) { out in
      v.elements.withUnsafeBufferPointer { vb in
        valued.withUnsafeBufferPointer { valuedColumns in
          activeBuyers.withUnsafeBufferPointer { buyerRows in
            underflows.withUnsafeMutableBufferPointer { flags in
              spendPartials.withUnsafeMutableBufferPointer { partials in
                sums.withUnsafeMutableBufferPointer { rowSums in
                  budgets.withUnsafeBufferPointer { budgetBuffer in
                    nonisolated(unsafe) let vBase = vb.baseAddress
                    nonisolated(unsafe) let wBase = out.baseAddress
                    nonisolated(unsafe) let valuedBase = valuedColumns
                    nonisolated(unsafe) let buyerBase = buyerRows
                    nonisolated(unsafe) let flagBase = flags.baseAddress
                    nonisolated(unsafe) let partialBase = partials.baseAddress
                    nonisolated(unsafe) let sumBase = rowSums.baseAddress
                    nonisolated(unsafe) let budgetBase = budgetBuffer.baseAddress
                    RowChunks.forEach(rows: buyerRows.count, parallel: parallel) { chunk, rows in
                      var underflow = false
                      let spend = partialBase! + chunk * columns
                      for row in rows {
                        let vRow = vBase! + buyerBase[row] * m
                        let wRow = wBase! + row * columns
                        // When every product is valued the row is contiguous: no gather.
                        let rowSum =
                          columns == m
                          ? weightRow(
                            vRow, into: wRow, count: columns, sigma: sigma, underflow: &underflow)
                          : weightRow(
                            vRow, columns: valuedBase, into: wRow, sigma: sigma,
                            underflow: &underflow)
                        sumBase![row] = rowSum
                        let budget = budgetBase![row]
                        for column in 0..<columns {
                          spend[column] += budget * (wRow[column] / rowSum)
                        }
                      }
                      flagBase![chunk] = underflow
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    var spend = [Double](repeating: 0, count: columns)
    for chunk in 0..<chunkCount {
      for column in 0..<columns { spend[column] += spendPartials[chunk * columns + column] }
    }
    rowSums = sums
    startSpend = spend
    let needsLogDomain = underflows.contains(true)
    weights = w
    if needsLogDomain {
      var logW = Matrix(rows: w.rows, columns: w.columns, repeating: -.infinity)
      for (row, i) in activeBuyers.enumerated() {
        let rowMax = valued.reduce(0.0) { max($0, v[i, $1]) }
        for (column, j) in valued.enumerated() where v[i, j] > 0 {
          logW[row, column] = market.sigma * (log(v[i, j]) - log(rowMax))
        }
      }
      logWeights = logW
    } else {
      logWeights = nil
    }
  }

  var buyerCount: Int { budgets.count }
  var productCount: Int { supplies.count }
}

/// Writes one row of `W`, `w_k = (v_k / max v)^σ` (0 where `v_k ≤ 0`), for a contiguous row of
/// `count` valuations, and returns `Σ_k w_k` summed in column order. Sets `underflow` when a
/// positive valuation's weight is not a normal number. The maximum is taken over four lanes (exact:
/// `max` does not round); the weights and their sum are one loop, so the sum's dependency chain
/// overlaps the divisions instead of following them.
@inline(__always)
private func weightRow(
  _ v: UnsafePointer<Double>, into w: UnsafeMutablePointer<Double>, count: Int,
  sigma: Double, underflow: inout Bool
) -> Double {
  var lanes = (0.0, 0.0, 0.0, 0.0)
  var k = 0
  while k + 4 <= count {
    lanes.0 = max(lanes.0, v[k])
    lanes.1 = max(lanes.1, v[k + 1])
    lanes.2 = max(lanes.2, v[k + 2])
    lanes.3 = max(lanes.3, v[k + 3])
    k += 4
  }
  var rowMax = max(max(lanes.0, lanes.1), max(lanes.2, lanes.3))
  while k < count {
    rowMax = max(rowMax, v[k])
    k += 1
  }
  var sum = 0.0
  var belowNormal = false
  for k in 0..<count {
    let value = v[k]
    let weight = value > 0 ? power(value / rowMax, sigma) : 0
    belowNormal = belowNormal || (value > 0 && !weight.isNormal)
    w[k] = weight
    sum += weight
  }
  if belowNormal { underflow = true }
  return sum
}

/// `weightRow` for a row whose valued products are the positions `columns` of `v` (a gather).
@inline(__always)
private func weightRow(
  _ v: UnsafePointer<Double>, columns: UnsafeBufferPointer<Int>,
  into w: UnsafeMutablePointer<Double>, sigma: Double, underflow: inout Bool
) -> Double {
  var rowMax = 0.0
  for j in columns { rowMax = max(rowMax, v[j]) }
  var sum = 0.0
  for (column, j) in columns.enumerated() {
    let value = v[j]
    let weight = value > 0 ? power(value / rowMax, sigma) : 0
    if value > 0 && !weight.isNormal { underflow = true }
    w[column] = weight
    sum += weight
  }
  return sum
}

/// `x^σ`, by multiplication for σ = 1 and 2 (as exact as `pow`, and many times cheaper over the
/// `n · m` valuations of a large market).
@inline(__always)
private func power(_ x: Double, _ sigma: Double) -> Double {
  switch sigma {
  case 1: return x
  case 2: return x * x
  default: return pow(x, sigma)
  }
}
