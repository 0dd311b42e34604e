import Foundation
import LinearAlgebra

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
  /// start otherwise. The spend `Σ_i B_i W_ij / Σ_k W_ik` was summed while `W` was built.
  func initialLogPrices() -> [Double] {
    let n = market.buyerCount
    let m = market.productCount
    guard let logWeights = market.logWeights else {
      return clampToReserve((0..<m).map { log(market.startSpend[$0]) - market.logSupplies[$0] })
    }
    // The same shares in the log domain, for weights too small for a double.
    var spend = [Double](repeating: 0, count: m)
    for i in 0..<n {
      let logRowSum = logSumExp((0..<m).map { logWeights[i, $0] })
      for j in 0..<m { spend[j] += market.budgets[i] * exp(logWeights[i, j] - logRowSum) }
    }
    return clampToReserve((0..<m).map { log(spend[$0]) - market.logSupplies[$0] })
  }

  /// Log prices from caller-given prices (one per product of the original market), where they
  /// are finite and positive; `fallback` (reduced columns) elsewhere. Clamped to the reserves.
  func warmStart(_ prices: [Double], fallback: [Double]) -> [Double] {
    var x = fallback
    for (column, j) in market.products.enumerated() where j < prices.count {
      let p = prices[j]
      if p.isFinite && p > 0 { x[column] = log(p) }
    }
    return clampToReserve(x)
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

/// One market's solve in progress: the iterate, its pass and step, the best iterate so far and
/// the Anderson history.
///
/// The loop that drives it asks for a `candidate()`, evaluates demand there, and hands the pass
/// to `take`; when the accelerated candidate did not shrink the residual, `take` returns the plain
/// step `G(x)` to evaluate instead, and its pass goes to `takePlain`. A single clear and a batch
/// of clears (which evaluate many candidates in one pass over `W`) drive the same sequence.
struct SolverRun {
  let solver: FixedPointState
  private(set) var x: [Double]
  private(set) var pass: DemandPass
  private(set) var step: FixedPointState.Step
  private(set) var best: (x: [Double], pass: DemandPass, error: Double)
  private var accelerator: AndersonAccelerator
  /// Passes evaluated so far.
  private(set) var iterations = 1
  /// Whether some accepted pass used the log domain.
  private(set) var usedLogDomain: Bool

  init(solver: FixedPointState, start x: [Double], pass: DemandPass) {
    self.solver = solver
    self.x = x
    self.pass = pass
    self.step = solver.step(at: x, pass)
    self.best = (x, pass, step.error)
    self.accelerator = AndersonAccelerator(memory: solver.options.accelerationMemory)
    self.usedLogDomain = pass.logDomain
  }

  /// Whether the tolerance is met or the pass budget spent.
  var isFinished: Bool {
    !(best.error > solver.options.tolerance && iterations < solver.options.maxIterations)
  }

  var converged: Bool { best.error <= solver.options.tolerance }

  /// The next iterate to evaluate: the Anderson combination, clamped to the reserves.
  mutating func candidate() -> [Double] {
    solver.clampToReserve(accelerator.next(g: step.g, f: step.f))
  }

  /// Takes the pass at `candidate`. Returns the plain step to evaluate instead when an accelerated
  /// candidate did not shrink the residual (the history is then restarted), nil when accepted.
  mutating func take(candidate: [Double], pass candidatePass: DemandPass) -> [Double]? {
    iterations += 1
    let candidateStep = solver.step(at: candidate, candidatePass)
    let accelerated = candidate != step.g
    if accelerated && !(candidateStep.residualNorm <= step.residualNorm)
      && iterations < solver.options.maxIterations
    {
      accelerator.reset()
      return step.g
    }
    accept(candidate, candidatePass, candidateStep)
    return nil
  }

  /// Takes the pass at the plain step returned by `take`.
  mutating func takePlain(candidate: [Double], pass candidatePass: DemandPass) {
    iterations += 1
    accept(candidate, candidatePass, solver.step(at: candidate, candidatePass))
  }

  private mutating func accept(
    _ candidate: [Double], _ candidatePass: DemandPass, _ candidateStep: FixedPointState.Step
  ) {
    x = candidate
    pass = candidatePass
    step = candidateStep
    usedLogDomain = usedLogDomain || candidatePass.logDomain
    if step.error < best.error || !best.error.isFinite {
      best = (x, candidatePass, step.error)
    }
  }
}
