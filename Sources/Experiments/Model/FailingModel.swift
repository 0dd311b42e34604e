/// A model that fails for some points, to exercise failure recording.
///
/// Behaves like ``IshigamiModel`` but throws ``FailingModelError`` whenever the first
/// assignment's value is negative (so about half of a symmetric range fails).
public struct FailingModel: ExperimentModel {
  public init() {}

  public func checkParameters(_ keyPaths: [String]) throws {
    try IshigamiModel().checkParameters(keyPaths)
  }

  public func run(_ assignments: [ParameterAssignment], seed: UInt64) throws -> RunOutcome {
    if let first = assignments.first, first.value < 0 {
      throw FailingModelError.negative(keyPath: first.keyPath, value: first.value)
    }
    return try IshigamiModel().run(assignments, seed: seed)
  }
}

/// The error ``FailingModel`` throws.
public enum FailingModelError: Error, CustomStringConvertible {
  case negative(keyPath: String, value: Double)

  public var description: String {
    switch self {
    case .negative(let keyPath, let value):
      "invalid combination: \(keyPath) = \(value) is negative"
    }
  }
}
