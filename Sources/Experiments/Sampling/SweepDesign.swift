import Randomness

/// The points of a sweep: a validated plan turned into parameter values per point, computed on
/// demand so that memory does not grow with the number of points.
///
/// Runs are numbered `run = point · replicates + replicate`; each run's seed is
/// ``SeedDerivation/seed(base:point:replicate:)``. Nothing here depends on execution order.
public struct SweepDesign: Sendable {
  public let plan: SweepPlan
  public let pointCount: Int
  let sampler: Sampler

  enum Sampler: Sendable {
    case grid(values: [[Double]])
    case random(seed: UInt64)
    case latinHypercube(LatinHypercube)
    case saltelli(SaltelliDesign)
    case morris(MorrisDesign)
  }

  public init(plan: SweepPlan) throws(PlanError) {
    try Self.validate(plan)
    self.plan = plan
    switch plan.design {
    case .grid:
      var values: [[Double]] = []
      for parameter in plan.parameters {
        guard let grid = parameter.gridValues else { throw .gridNeedsCount(parameter.keyPath) }
        values.append(grid)
      }
      pointCount = values.reduce(1) { $0 * $1.count }
      sampler = .grid(values: values)
    case .random:
      pointCount = plan.samples
      sampler = .random(seed: SeedDerivation.seed(base: plan.seed, stream: "design.random"))
    case .lhs:
      let lhs = LatinHypercube(
        samples: plan.samples, dimensions: plan.parameters.count,
        seed: SeedDerivation.seed(base: plan.seed, stream: "design.lhs"))
      pointCount = plan.samples
      sampler = .latinHypercube(lhs)
    case .sobol, .sobol2:
      let saltelli: SaltelliDesign
      do {
        saltelli = try SaltelliDesign(
          baseSamples: plan.samples, dimensions: plan.parameters.count,
          secondOrder: plan.design == .sobol2)
      } catch {
        throw .invalidDesign(plan.design.rawValue, error.description)
      }
      pointCount = saltelli.pointCount
      sampler = .saltelli(saltelli)
    case .morris:
      let morris = MorrisDesign(
        trajectories: plan.samples, dimensions: plan.parameters.count,
        seed: SeedDerivation.seed(base: plan.seed, stream: "design.morris"))
      pointCount = morris.pointCount
      sampler = .morris(morris)
    }
  }

  static func validate(_ plan: SweepPlan) throws(PlanError) {
    // A grid without parameters is one point: replicates of the scenario as it is.
    guard !plan.parameters.isEmpty || plan.design == .grid else { throw .noParameters }
    var seen = Set<String>()
    for parameter in plan.parameters {
      guard seen.insert(parameter.keyPath).inserted else {
        throw .duplicateParameter(parameter.keyPath)
      }
      switch parameter.domain {
      case .values(let values):
        guard !values.isEmpty else { throw .emptyValues(parameter.keyPath) }
        guard values.allSatisfy(\.isFinite) else { throw .nonFiniteValue(parameter.keyPath) }
      case .range(let lower, let upper, _):
        guard lower.isFinite, upper.isFinite else { throw .nonFiniteValue(parameter.keyPath) }
        guard lower < upper else {
          throw .invalidRange(parameter.keyPath, lower: lower, upper: upper)
        }
      }
      if plan.design.isSobol || plan.design == .morris {
        switch parameter.domain {
        case .range(_, _, nil): break
        default:
          throw .notARange(
            parameter.keyPath, given: String(parameter.canonicalText.drop { $0 != "=" }.dropFirst())
          )
        }
      }
    }
    guard plan.samples >= 1 else { throw .invalidSamples(plan.samples) }
    guard plan.replicates >= 1 else { throw .invalidReplicates(plan.replicates) }
    try checkBounds(plan)
  }

  /// Every count of `plan` within ``SweepLimits``, before any value or point is allocated.
  static func checkBounds(_ plan: SweepPlan) throws(PlanError) {
    let perParameter = SweepLimits.maxValuesPerParameter
    // Counted in floating point: a grid of several large counts overflows an Int.
    var points = 1.0
    for parameter in plan.parameters {
      let count: Int? =
        switch parameter.domain {
        case .values(let values): values.count
        case .range(_, _, let count): count
        }
      if let count, count > perParameter {
        throw .tooLarge(
          "the number of values of '\(parameter.keyPath)'", count: count, limit: perParameter)
      }
      if plan.design == .grid { points *= Double(count ?? 1) }
    }
    if plan.design != .grid {
      guard plan.samples <= SweepLimits.maxSamples else {
        throw .tooLarge("samples", count: plan.samples, limit: SweepLimits.maxSamples)
      }
      // A Sobol design has samples · (parameters + 2) points, samples · (2 · parameters + 2)
      // with second order.
      let d = plan.parameters.count
      let block =
        switch plan.design {
        case .sobol: d + 2
        case .sobol2: 2 * d + 2
        default: 1
        }
      points = Double(plan.samples * block)
    }
    guard plan.replicates <= SweepLimits.maxReplicates else {
      throw .tooLarge("replicates", count: plan.replicates, limit: SweepLimits.maxReplicates)
    }
    let runs = points * Double(plan.replicates)
    guard runs <= Double(SweepLimits.maxRuns) else {
      throw .tooManyRuns(runs, limit: SweepLimits.maxRuns)
    }
  }

  public var runCount: Int { pointCount * plan.replicates }

  /// The parameter values of `point`, in the plan's parameter order.
  public func values(atPoint point: Int) -> [Double] {
    let parameters = plan.parameters
    switch sampler {
    case .grid(let values):
      // Mixed-radix decomposition, last parameter varying fastest.
      var rest = point
      var result = [Double](repeating: 0, count: values.count)
      for d in stride(from: values.count - 1, through: 0, by: -1) {
        result[d] = values[d][rest % values[d].count]
        rest /= values[d].count
      }
      return result
    case .random(let seed):
      var generator = SplitMix64(seed: SplitMix64.mix(seed &+ UInt64(point)))
      return parameters.map { $0.value(atUnit: generator.nextUnitInterval()) }
    case .latinHypercube(let lhs):
      return parameters.indices.map { d in parameters[d].value(atUnit: lhs.unit(point, d)) }
    case .saltelli(let saltelli):
      let unit = saltelli.unitPoint(point)
      return parameters.indices.map { d in parameters[d].value(atUnit: unit[d]) }
    case .morris(let morris):
      let unit = morris.unitPoint(point)
      return parameters.indices.map { d in parameters[d].value(atUnit: unit[d]) }
    }
  }

  /// The unit-cube coordinates of `point` for the Morris design (nil for other designs).
  public func morrisUnitPoint(_ point: Int) -> [Double]? {
    guard case .morris(let morris) = sampler else { return nil }
    return morris.unitPoint(point)
  }

  /// The assignments of `point`.
  public func assignments(atPoint point: Int) -> [ParameterAssignment] {
    zip(plan.parameters, values(atPoint: point)).map {
      ParameterAssignment(keyPath: $0.keyPath, value: $1)
    }
  }

  /// The seed of a run.
  public func seed(point: Int, replicate: Int) -> UInt64 {
    SeedDerivation.seed(base: plan.seed, point: point, replicate: replicate)
  }
}
