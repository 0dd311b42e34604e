import Foundation
import LinearAlgebra

extension Market {
  /// Finds the competitive equilibrium: prices `p ≥ r` at which every buyer buys its CES-optimal
  /// bundle for its budget, nothing is over-sold, and every product priced above its reserve sells out.
  ///
  /// The method is a fixed point in log prices `x = log p`,
  ///
  ///     G(x)_j = max(log r_j, (log a_j(x) - log S_j) / σ),     D_j = p_j^(-σ) a_j(x),
  ///
  /// which is tatonnement `p ← max(r, p · (D/S)^(1/σ))` written in closed form. `G` is a contraction
  /// with factor `1 - 1/σ` in the max norm (the sensitivity of `log a_j` to `x` sums to `σ - 1` over
  /// products), so it converges from any start, and at σ = 1 in one step. Anderson acceleration
  /// combines the last few iterates to converge faster; a step that does not shrink the residual is
  /// replaced by the plain step, which keeps the contraction's guarantee.
  ///
  /// Each iteration costs one aggregate-demand pass: two matrix-vector products with `W = V^σ`,
  /// fused to read `W` once (see `FusedGemvPair`).
  ///
  /// - Returns: the equilibrium, or the best iterate with `converged == false` when
  ///   `options.maxIterations` passes were not enough.
  public func clear(options: ClearingOptions = ClearingOptions()) -> Equilibrium {
    let reduced = ReducedMarket(self, parallel: options.parallel)
    let useBLAS: Bool
    switch options.kernel {
    case .blas: useBLAS = true
    case .loops: useBLAS = false
    case .automatic:
      useBLAS = reduced.buyerCount * reduced.productCount >= DemandKernel.blasThreshold
    }
    let kernel: DemandKernel = useBLAS ? .blas : .loops
    guard reduced.productCount > 0 else {
      return assemble(
        reduced: reduced, logPrices: [], allocation: Matrix(rows: 0, columns: 0),
        iterations: 0, error: 0, converged: true, kernel: kernel, usedLogDomain: false,
        parallel: options.parallel)
    }
    var evaluator = DemandEvaluator(market: reduced, useBLAS: useBLAS, parallel: options.parallel)
    let solver = FixedPointState(market: reduced, options: options)
    var x = solver.initialLogPrices()
    var pass = evaluator.evaluate(logPrices: x)
    var usedLogDomain = pass.logDomain
    var iterations = 1
    var step = solver.step(at: x, pass)
    var best = (x: x, pass: pass, error: step.error)
    var accelerator = AndersonAccelerator(memory: options.accelerationMemory)

    while best.error > options.tolerance && iterations < options.maxIterations {
      var candidate = solver.clampToReserve(accelerator.next(g: step.g, f: step.f))
      var candidatePass = evaluator.evaluate(logPrices: candidate)
      iterations += 1
      var candidateStep = solver.step(at: candidate, candidatePass)
      let accelerated = candidate != step.g
      if accelerated && !(candidateStep.residualNorm <= step.residualNorm)
        && iterations < options.maxIterations
      {
        // The combination did not help: restart the history from the plain step.
        accelerator.reset()
        candidate = step.g
        candidatePass = evaluator.evaluate(logPrices: candidate)
        iterations += 1
        candidateStep = solver.step(at: candidate, candidatePass)
      }
      x = candidate
      pass = candidatePass
      step = candidateStep
      usedLogDomain = usedLogDomain || pass.logDomain
      if step.error < best.error || !best.error.isFinite {
        best = (x, pass, step.error)
      }
    }
    return assemble(
      reduced: reduced, logPrices: best.x,
      allocation: evaluator.allocation(best.pass, logPrices: best.x), iterations: iterations,
      error: best.error, converged: best.error <= options.tolerance, kernel: kernel,
      usedLogDomain: usedLogDomain, parallel: options.parallel)
  }

  /// Maps the reduced solution back to every buyer and product, capping sales at supply.
  private func assemble(
    reduced: ReducedMarket, logPrices x: [Double], allocation reducedAllocation: consuming Matrix,
    iterations: Int, error: Double, converged: Bool, kernel: DemandKernel, usedLogDomain: Bool,
    parallel: Bool
  ) -> Equilibrium {
    var prices = reservePrices
    for (column, j) in reduced.products.enumerated() {
      // A product at its bound gets its reserve price exactly, not exp(log r).
      if x[column] > reduced.logReserves[column] {
        prices[j] = max(reservePrices[j], exp(x[column]))
      }
    }
    // Every loop below walks the matrices row by row (column by column, every element of a large
    // market is a cache miss), in fixed row chunks that may run on several cores; column totals
    // add per-chunk partials in chunk order, so the bits do not depend on the core count.
    let reducedColumns = reduced.productCount
    let sold = reducedAllocation.elements.withUnsafeBufferPointer { a in
      nonisolated(unsafe) let base = a.baseAddress
      return RowChunks.sumColumns(
        rows: reduced.buyerCount, columns: reducedColumns, parallel: parallel
      ) {
        rows, partial in
        for row in rows {
          let values = base! + row * reducedColumns
          for column in 0..<reducedColumns { partial[column] += values[column] }
        }
      }
    }
    // Demand may exceed supply by the clearing tolerance; sell exactly the supply then.
    let caps = reduced.products.enumerated().map { column, j in
      sold[column] > supplies[j] ? supplies[j] / sold[column] : 1
    }
    var allocation: Matrix
    if reduced.buyerCount == buyerCount && reducedColumns == productCount {
      // Nothing was dropped: scale the reduced allocation in place instead of copying it into a
      // new matrix (for a large market, a fresh n x m buffer costs as much as a pass).
      allocation = consume reducedAllocation
      allocation.elements.withUnsafeMutableBufferPointer { out in
        caps.withUnsafeBufferPointer { capBuffer in
          nonisolated(unsafe) let base = out.baseAddress!
          nonisolated(unsafe) let capBase = capBuffer.baseAddress!
          let columns = productCount
          RowChunks.forEach(rows: buyerCount, parallel: parallel) { _, rows in
            for row in rows {
              for column in 0..<columns { base[row * columns + column] *= capBase[column] }
            }
          }
        }
      }
    } else {
      allocation = Matrix(rows: buyerCount, columns: productCount)
      allocation.elements.withUnsafeMutableBufferPointer { out in
        reducedAllocation.elements.withUnsafeBufferPointer { a in
          for (row, i) in reduced.buyers.enumerated() {
            for (column, j) in reduced.products.enumerated() {
              out[i * productCount + j] = a[row * reducedColumns + column] * caps[column]
            }
          }
        }
      }
    }
    var spending = [Double](repeating: 0, count: buyerCount)
    let columns = productCount
    let sales = allocation.elements.withUnsafeBufferPointer { a in
      spending.withUnsafeMutableBufferPointer { spent in
        prices.withUnsafeBufferPointer { p in
          budgets.withUnsafeBufferPointer { b in
            nonisolated(unsafe) let base = a.baseAddress
            nonisolated(unsafe) let spentBase = spent.baseAddress
            nonisolated(unsafe) let priceBase = p.baseAddress
            nonisolated(unsafe) let budgetBase = b.baseAddress
            return RowChunks.sumColumns(rows: buyerCount, columns: columns, parallel: parallel) {
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
    let unsold = (0..<productCount).map { max(0, supplies[$0] - sales[$0]) }
    return Equilibrium(
      prices: prices, allocation: allocation, spending: spending, unsold: unsold,
      converged: converged, iterations: iterations, clearingError: error,
      idleBuyers: reduced.idleBuyers, withdrawnProducts: reduced.withdrawnProducts,
      unvaluedProducts: reduced.unvaluedProducts, kernel: kernel, usedLogDomain: usedLogDomain)
  }
}

/// The fixed-point map `G` and the clearing error at one iterate.
struct FixedPointState {
  let market: ReducedMarket
  let options: ClearingOptions

  struct Step {
    /// G(x).
    var g: [Double]
    /// G(x) - x.
    var f: [Double]
    /// max_j |f_j|.
    var residualNorm: Double
    /// The relative clearing error at x.
    var error: Double
  }

  /// The Cobb-Douglas prices `max(r_j, Σ_i B_i W_ij / Σ_k W_ik / S_j)`: exact at σ = 1, a sound
  /// start otherwise.
  func initialLogPrices() -> [Double] {
    let n = market.buyerCount
    let m = market.productCount
    guard let logWeights = market.logWeights else {
      // Over raw rows in fixed chunks (see `RowChunks.sumColumns`): for a large market this is
      // a full read of W.
      let spend = market.weights.elements.withUnsafeBufferPointer { w in
        market.budgets.withUnsafeBufferPointer { b in
          nonisolated(unsafe) let base = w.baseAddress
          nonisolated(unsafe) let budgets = b.baseAddress
          return RowChunks.sumColumns(rows: n, columns: m, parallel: options.parallel) {
            rows, total in
            for i in rows {
              let row = base! + i * m
              var rowSum = 0.0
              for j in 0..<m { rowSum += row[j] }
              let budget = budgets![i]
              for j in 0..<m { total[j] += budget * (row[j] / rowSum) }
            }
          }
        }
      }
      return clampToReserve((0..<m).map { log(spend[$0]) - market.logSupplies[$0] })
    }
    // The same shares in the log domain, for weights too small for a double.
    var spend = [Double](repeating: 0, count: m)
    for i in 0..<n {
      let logRowSum = logSumExp((0..<m).map { logWeights[i, $0] })
      for j in 0..<m { spend[j] += market.budgets[i] * exp(logWeights[i, j] - logRowSum) }
    }
    return clampToReserve((0..<m).map { log(spend[$0]) - market.logSupplies[$0] })
  }

  func clampToReserve(_ x: [Double]) -> [Double] {
    var result = x
    for j in result.indices where !(result[j] >= market.logReserves[j]) {
      // Also catches NaN from a failed evaluation: fall back to the reserve (or stay finite).
      result[j] =
        market.logReserves[j].isFinite ? market.logReserves[j] : (x[j].isFinite ? x[j] : 0)
    }
    return result
  }

  func step(at x: [Double], _ pass: DemandPass) -> Step {
    let sigma = market.sigma
    var g = x
    var f = x
    var residual = 0.0
    var error = 0.0
    for j in x.indices {
      let candidate = (pass.logAggregate[j] - market.logSupplies[j]) / sigma
      g[j] = max(market.logReserves[j], candidate)
      f[j] = g[j] - x[j]
      residual = max(residual, abs(f[j]))
      let excess = pass.demand(j, logPrice: x[j], sigma: sigma) / market.supplies[j] - 1
      let atReserve = x[j] <= market.logReserves[j]
      let violation = atReserve ? max(0, excess) : abs(excess)
      error = max(error, violation.isNaN ? .infinity : violation)
    }
    return Step(g: g, f: f, residualNorm: residual.isNaN ? .infinity : residual, error: error)
  }
}
