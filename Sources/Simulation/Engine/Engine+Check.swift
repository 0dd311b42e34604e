extension Engine {
  /// Does everything `run` does before its first month (indexing ids, resolving references,
  /// generating buyers) and stops there, so that a caller can tell whether a run would start.
  /// - Throws: the `SimulationError` that `run` would throw at its start.
  public static func check(_ scenario: Scenario) throws(SimulationError) {
    _ = try CompiledScenario(scenario)
  }
}
