/// Why a run stopped.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The scenario refers to something it does not define, or holds a number the engine cannot use.
  case invalidScenario(String)
  /// A monthly check failed: the month, the entity and the numbers involved.
  case invariantViolated(month: String, entity: String, detail: String)
  /// The spot market of a month could not be built.
  case clearingFailed(month: String, detail: String)

  public var description: String {
    switch self {
    case .invalidScenario(let text):
      return "invalid scenario: \(text)"
    case .invariantViolated(let month, let entity, let detail):
      return "invariant violated in \(month) for \(entity): \(detail)"
    case .clearingFailed(let month, let detail):
      return "spot market of \(month) could not be cleared: \(detail)"
    }
  }
}
