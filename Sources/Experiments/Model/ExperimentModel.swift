/// One parameter of a run set to one value: `keyPath` names a number in a scenario
/// (for example `market.sigma` or `buyers.anthropic.affinity.amazon`), `value` is in the unit
/// the scenario gives that key.
public struct ParameterAssignment: Sendable, Hashable {
  public let keyPath: String
  public let value: Double

  public init(keyPath: String, value: Double) {
    self.keyPath = keyPath
    self.value = value
  }
}

/// What one run of a model produced.
///
/// `summary` holds ordered named scalars (for example `share.anthropic.2026`); `months` labels
/// the columns of `series` as `YYYY-MM`; every series has one value per month. Both may be empty.
public struct RunOutcome: Sendable {
  public var summary: [(name: String, value: Double)]
  public var months: [String]
  public var series: [(name: String, values: [Double])]

  public init(
    summary: [(name: String, value: Double)],
    months: [String] = [],
    series: [(name: String, values: [Double])] = []
  ) {
    self.summary = summary
    self.months = months
    self.series = series
  }
}

/// A model the sweep runner can run: one call per (point, replicate).
///
/// Implementations must be deterministic in `(assignments, seed)` and safe to call from several
/// threads at once. A call may throw for an invalid combination of parameters; the runner
/// records the error text and carries on.
public protocol ExperimentModel: Sendable {
  func run(_ assignments: [ParameterAssignment], seed: UInt64) throws -> RunOutcome

  /// Throws when a key path is not a parameter of the model (a typo), so that a sweep refuses
  /// it before writing anything instead of storing every run as failed.
  func checkParameters(_ keyPaths: [String]) throws
}

extension ExperimentModel {
  /// Accepts every key path (for models that cannot tell in advance).
  public func checkParameters(_ keyPaths: [String]) throws {}
}
