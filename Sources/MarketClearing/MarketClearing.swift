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
  /// - Parameters:
  ///   - startingPrices: prices to start from, one per product (e.g. last period's); entries that
  ///     are not finite and positive, and a wrong count's missing entries, start from the
  ///     Cobb-Douglas prices instead. The equilibrium is unique, so only the pass count depends
  ///     on the start.
  ///   - workspace: storage reused from earlier clears and recycled answers (see
  ///     `ClearingWorkspace`).
  /// - Returns: the equilibrium, or the best iterate with `converged == false` when
  ///   `options.maxIterations` passes were not enough.
  public func clear(
    options: ClearingOptions = ClearingOptions(), startingPrices: [Double]? = nil,
    workspace: ClearingWorkspace? = nil
  ) -> Equilibrium {
    clear(options: options, startingPrices: startingPrices, workspace: workspace, profile: nil)
  }

  /// `clear(options:startingPrices:workspace:)`, timing its phases into `profile`.
  @_spi(Profiling)
  public func clear(
    options: ClearingOptions, startingPrices: [Double]?, workspace: ClearingWorkspace?,
    profile: ClearingProfile?
  ) -> Equilibrium {
    profile?.start()
    let reduced = ReducedMarket(
      self, reusing: workspace?.takeWeightStorage() ?? [], parallel: options.parallel)
    defer { workspace?.weightStorage = reduced.weights.elements }
    let useBLAS = reduced.usesBLAS(options.kernel)
    let kernel: DemandKernel = useBLAS ? .blas : .loops
    guard reduced.productCount > 0 else {
      return assemble(
        reduced: reduced, budgets: budgets, logPrices: [], pass: nil, evaluator: nil,
        iterations: 0, error: 0, converged: true, kernel: kernel, usedLogDomain: false,
        parallel: options.parallel)
    }
    var evaluator = DemandEvaluator(market: reduced, useBLAS: useBLAS, parallel: options.parallel)
    let solver = FixedPointState(market: reduced, options: options)
    var start = solver.initialLogPrices()
    if let startingPrices { start = solver.warmStart(startingPrices, fallback: start) }
    profile?.lap(.setup)
    var run = SolverRun(solver: solver, start: start, pass: evaluator.evaluate(logPrices: start))
    while !run.isFinished {
      let candidate = run.candidate()
      if let plain = run.take(candidate: candidate, pass: evaluator.evaluate(logPrices: candidate))
      {
        run.takePlain(candidate: plain, pass: evaluator.evaluate(logPrices: plain))
      }
    }
    profile?.lap(.loop)
    defer { profile?.lap(.allocation) }
    return assemble(
      reduced: reduced, budgets: budgets, logPrices: run.best.x, pass: run.best.pass,
      evaluator: evaluator, iterations: run.iterations, error: run.best.error,
      converged: run.converged, kernel: kernel, usedLogDomain: run.usedLogDomain,
      parallel: options.parallel, workspace: workspace)
  }
}

extension ReducedMarket {
  /// Whether `kernel` means BLAS for this market.
  func usesBLAS(_ kernel: DemandKernel) -> Bool {
    switch kernel {
    case .blas: return true
    case .loops: return false
    case .automatic: return buyerCount * productCount >= DemandKernel.blasThreshold
    }
  }
}
