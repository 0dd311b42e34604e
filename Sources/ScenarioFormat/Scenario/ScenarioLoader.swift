import Simulation

/// Reads a scenario file (YAML or JSON, with `extends` and overrides) into a `Scenario`.
public enum ScenarioLoader {
  /// `Document.load` followed by `ScenarioDecoder.decode`; every problem is in the error.
  public static func load(path: String, overrides: [(KeyPath, String)] = [])
    throws(DiagnosticsError) -> Scenario
  {
    let root = try Document.load(path: path, overrides: overrides)
    return try ScenarioDecoder.decode(root)
  }
}
