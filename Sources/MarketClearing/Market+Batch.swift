import Foundation
import LinearAlgebra

extension Market {
  /// Clears `budgetSets.count` markets that share this market's products, supplies, reserve
  /// prices, valuations and σ but each have their own budgets (replicates with demand noise,
  /// budget sweeps, Monte Carlo draws of a period); this market's own budgets are not used.
  ///
  /// The markets share one reduction and one `W`, and every pass evaluates all unfinished markets
  /// together with two gemm calls over one read of `W` (`BatchDemandEvaluator`). Each market
  /// runs its own solve, step for step the one `clear(options:)` runs (Cobb-Douglas start,
  /// Anderson acceleration, safeguard, its own iteration count), and leaves the batch when it
  /// converges or runs out of passes. The answers equal those of clearing each market alone up
  /// to rounding (the sums are added in a different order), and do not depend on the core count.
  ///
  /// A `workspace` is used as by `clear(options:startingPrices:workspace:)`; recycle the previous
  /// batch's answers into it to have the new allocations written in their storage.
  ///
  /// - Returns: one equilibrium per budget set, in order.
  /// - Throws: `MarketError` when a budget set has the wrong length or a budget is not finite
  ///   and positive.
  public func clear(
    budgetSets: [[Double]], options: ClearingOptions = ClearingOptions(),
    workspace: ClearingWorkspace? = nil
  ) throws(MarketError) -> [Equilibrium] {
    for (k, set) in budgetSets.enumerated() {
      guard set.count == buyerCount else {
        throw .shapeMismatch(what: "budgetSets[\(k)]", expected: buyerCount, got: set.count)
      }
      for (i, b) in set.enumerated() where !(b.isFinite && b > 0) {
        throw .invalidNumber(
          what: "budgetSets", index: [k, i], value: b, expected: "a finite number > 0")
      }
    }
    guard !budgetSets.isEmpty else { return [] }
    let reduced = ReducedMarket(
      self, reusing: workspace?.takeWeightStorage() ?? [], parallel: options.parallel)
    defer { workspace?.weightStorage = reduced.weights.elements }
    guard reduced.productCount > 0, reduced.usesBLAS(options.kernel), reduced.logWeights == nil
    else {
      // Nothing to share a pass over (small markets run the loops, log-domain markets their
      // own exact passes): each market clears alone.
      return budgetSets.map { set in
        Market(validated: self, budgets: set).clear(options: options, workspace: workspace)
      }
    }
    let sets = budgetSets.map { set in reduced.buyers.map { set[$0] } }
    let markets = sets.map { set in
      var market = reduced
      market.budgets = set
      return market
    }
    var evaluators = markets.map {
      DemandEvaluator(market: $0, useBLAS: true, parallel: options.parallel)
    }
    let batch = BatchDemandEvaluator(market: reduced, budgets: sets, parallel: options.parallel)
    let solvers = markets.map { FixedPointState(market: $0, options: options) }
    let starts = zip(solvers, batch.cobbDouglasLogPrices()).map { $0.clampToReserve($1) }
    let firstPasses = batch.evaluate(
      starts, markets: Array(markets.indices), evaluators: &evaluators)
    var runs = markets.indices.map {
      SolverRun(solver: solvers[$0], start: starts[$0], pass: firstPasses[$0])
    }
    while true {
      let active = runs.indices.filter { !runs[$0].isFinished }
      guard !active.isEmpty else { break }
      let candidates = active.map { runs[$0].candidate() }
      let passes = batch.evaluate(candidates, markets: active, evaluators: &evaluators)
      var plain: [(market: Int, x: [Double])] = []
      for (c, k) in active.enumerated() {
        if let step = runs[k].take(candidate: candidates[c], pass: passes[c]) {
          plain.append((k, step))
        }
      }
      guard !plain.isEmpty else { continue }
      let plainPasses = batch.evaluate(
        plain.map(\.x), markets: plain.map(\.market), evaluators: &evaluators)
      for (c, entry) in plain.enumerated() {
        runs[entry.market].takePlain(candidate: entry.x, pass: plainPasses[c])
      }
    }
    // Scaled answers of markets with nothing dropped are allocated together (one read of W);
    // the rest (dropped buyers or products, log-domain answers) one by one.
    let together =
      reduced.buyerCount == buyerCount && reduced.productCount == productCount
      ? runs.indices.filter { !runs[$0].best.pass.logDomain } : []
    let reportedPrices = runs.indices.map {
      prices(reduced: markets[$0], logPrices: runs[$0].best.x)
    }
    let computed = batch.cappedAllocations(
      together.map { runs[$0].best.pass }, logPrices: together.map { runs[$0].best.x },
      prices: together.map { reportedPrices[$0] }, budgets: together.map { sets[$0] },
      parallel: options.parallel,
      reusing: workspace?.takeAllocationStorage(together.count) ?? [])
    var byMarket: [Int: (allocation: Matrix, spending: [Double], sales: [Double])] = [:]
    for (c, k) in together.enumerated() { byMarket[k] = computed[c] }
    return runs.indices.map { k in
      let run = runs[k]
      return assemble(
        reduced: markets[k], budgets: budgetSets[k], logPrices: run.best.x, pass: run.best.pass,
        evaluator: evaluators[k], iterations: run.iterations, error: run.best.error,
        converged: run.converged, kernel: .blas, usedLogDomain: run.usedLogDomain,
        parallel: options.parallel, computed: byMarket.removeValue(forKey: k),
        workspace: workspace)
    }
  }
}
