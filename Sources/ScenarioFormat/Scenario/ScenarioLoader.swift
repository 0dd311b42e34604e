import Simulation

/// Reads a scenario file (YAML or JSON, with `extends` and overrides) into a `Scenario`.
public enum ScenarioLoader {
  /// A scenario ready to run, with the merged document it was decoded from.
  public struct Loaded: Sendable {
    /// The file after `extends` and `--set` overrides, before decoding.
    public let document: DocumentNode
    public let scenario: Scenario
  }

  /// `Document.load` followed by `ScenarioDecoder.decode`; every problem is in the error.
  public static func load(path: String, overrides: [(KeyPath, String)] = [])
    throws(DiagnosticsError) -> Scenario
  {
    let root = try Document.load(path: path, overrides: overrides)
    return try ScenarioDecoder.decode(root)
  }

  /// Everything that is checked before a run starts, in one place, so that `run` and `validate`
  /// report the same diagnostics for the same input: the `--set` texts (`key.path=value`), the
  /// file and its `extends` chain, the decoded scenario, and finally `Engine.check`.
  public static func loadForRun(path: String, overrideTexts: [String])
    throws(DiagnosticsError) -> Loaded
  {
    var overrides: [(KeyPath, String)] = []
    var problems: [Diagnostic] = []
    for text in overrideTexts {
      do {
        overrides.append(try Document.parseOverride(text))
      } catch {
        problems += error.diagnostics
      }
    }
    guard problems.isEmpty else { throw DiagnosticsError(problems) }
    let document = try Document.load(path: path, overrides: overrides)
    let scenario = try ScenarioDecoder.decode(document)
    do {
      try Engine.check(scenario)
    } catch {
      throw DiagnosticsError([
        Diagnostic(
          location: SourceLocation(file: path, line: 0, column: 0), keyPath: .root,
          message: error.description)
      ])
    }
    return Loaded(document: document, scenario: scenario)
  }
}
