import Foundation
import LinearAlgebra

extension Market {
  /// Maps the reduced solution back to every buyer and product, capping sales at supply.
  ///
  /// In the common case (nothing dropped, the scaled domain) this is two passes: a read of `W`
  /// for the column totals `Σ_i x_ij` that set the caps, and one pass that writes the capped
  /// allocation `x_ij = W_ij u_i c_j · cap_j` and sums spending and sales from the values just
  /// written. Every loop walks rows in the fixed chunks of `RowChunks` (column totals add
  /// per-chunk partials in chunk order), so the bits do not depend on the core count; the
  /// arithmetic is that of writing the allocation, capping it and summing it in separate passes.
  /// Reported prices from reduced log prices: the reserve price at the bound, `max(r, e^x)` above.
  func prices(reduced: ReducedMarket, logPrices x: [Double]) -> [Double] {
    var prices = reservePrices
    for (column, j) in reduced.products.enumerated() where x[column] > reduced.logReserves[column] {
      prices[j] = max(reservePrices[j], exp(x[column]))
    }
    return prices
  }

  func assemble(
    reduced: ReducedMarket, budgets: [Double], logPrices x: [Double], pass: DemandPass?,
    evaluator: DemandEvaluator?, iterations: Int, error: Double, converged: Bool,
    kernel: DemandKernel, usedLogDomain: Bool, parallel: Bool,
    computed: (allocation: Matrix, spending: [Double], sales: [Double])? = nil,
    workspace: ClearingWorkspace? = nil
  ) -> Equilibrium {
    // A product at its bound gets its reserve price exactly, not exp(log r).
    let prices = prices(reduced: reduced, logPrices: x)
    let allocation: Matrix
    let spending: [Double]
    let sales: [Double]
    if let computed {
      (allocation, spending, sales) = computed
    } else if let pass, let evaluator, !pass.logDomain, reduced.buyerCount == buyerCount,
      reduced.productCount == productCount
    {
      (allocation, spending, sales) = evaluator.cappedAllocation(
        pass, logPrices: x, prices: prices, budgets: budgets,
        reusing: workspace?.takeAllocationStorage(1).first ?? [])
    } else {
      let reducedAllocation =
        pass.flatMap { pass in evaluator?.allocation(pass, logPrices: x) }
        ?? Matrix(rows: 0, columns: 0)
      allocation = expand(reduced: reduced, allocation: reducedAllocation, parallel: parallel)
      (spending, sales) = Self.totals(
        allocation, prices: prices, budgets: budgets, parallel: parallel)
    }
    let unsold = (0..<productCount).map { max(0, supplies[$0] - sales[$0]) }
    return Equilibrium(
      prices: prices, allocation: allocation, spending: spending, unsold: unsold,
      converged: converged, iterations: iterations, clearingError: error,
      idleBuyers: reduced.idleBuyers, withdrawnProducts: reduced.withdrawnProducts,
      unvaluedProducts: reduced.unvaluedProducts, kernel: kernel, usedLogDomain: usedLogDomain)
  }

  /// The reduced allocation capped at supply and placed at its buyers and products (zero
  /// elsewhere): for markets with dropped buyers or products, and log-domain answers.
  private func expand(reduced: ReducedMarket, allocation a: Matrix, parallel: Bool) -> Matrix {
    let columns = reduced.productCount
    let sold = a.elements.withUnsafeBufferPointer { a in
      nonisolated(unsafe) let base = a.baseAddress
      return RowChunks.sumColumns(
        rows: reduced.buyerCount, columns: columns, parallel: parallel
      ) { rows, partial in
        for row in rows {
          let values = base! + row * columns
          for column in 0..<columns { partial[column] += values[column] }
        }
      }
    }
    // Demand may exceed supply by the clearing tolerance; sell exactly the supply then.
    let caps = reduced.products.enumerated().map { column, j in
      sold[column] > supplies[j] ? supplies[j] / sold[column] : 1
    }
    var result = Matrix(rows: buyerCount, columns: productCount)
    result.elements.withUnsafeMutableBufferPointer { out in
      a.elements.withUnsafeBufferPointer { a in
        for (row, i) in reduced.buyers.enumerated() {
          for (column, j) in reduced.products.enumerated() {
            out[i * productCount + j] = a[row * columns + column] * caps[column]
          }
        }
      }
    }
    return result
  }

  /// What each buyer spends (`min(Σ_j p_j x_ij, B_i)`) and each product sells (`Σ_i x_ij`).
  private static func totals(
    _ allocation: Matrix, prices: [Double], budgets: [Double], parallel: Bool
  ) -> (
    spending: [Double], sales: [Double]
  ) {
    let rows = allocation.rows
    let columns = allocation.columns
    var spending = [Double](repeating: 0, count: rows)
    let sales = allocation.elements.withUnsafeBufferPointer { a in
      spending.withUnsafeMutableBufferPointer { spent in
        prices.withUnsafeBufferPointer { p in
          budgets.withUnsafeBufferPointer { b in
            nonisolated(unsafe) let base = a.baseAddress
            nonisolated(unsafe) let spentBase = spent.baseAddress
            nonisolated(unsafe) let priceBase = p.baseAddress
            nonisolated(unsafe) let budgetBase = b.baseAddress
            return RowChunks.sumColumns(rows: rows, columns: columns, parallel: parallel) {
              rows, partial in
              for i in rows {
                let row = base! + i * columns
                var total = 0.0
                for j in 0..<columns {
                  total += priceBase![j] * row[j]
                  partial[j] += row[j]
                }
                spentBase![i] = min(total, budgetBase![i])
              }
            }
          }
        }
      }
    }
    return (spending, sales)
  }
}
