import LocatedYAML
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

  /// What `check` found: the merged document when the files could be read and merged, the
  /// scenario when it decoded, and every problem.
  public struct Outcome: Sendable {
    /// The file after `extends` and `--set` overrides (nil when it could not be read or merged).
    public let document: DocumentNode?
    /// The scenario, when a run would start (`diagnostics` is then empty).
    public let scenario: Scenario?
    /// Every problem, sorted by file and position.
    public let diagnostics: [Diagnostic]
  }

  /// Everything that is checked before a run starts, in one place, so that `run` and `validate`
  /// report the same diagnostics for the same input: the `--set` texts (`key.path=value`), the
  /// file and its `extends` chain, the decoded scenario, and finally `Engine.check`.
  public static func check(path: String, overrideTexts: [String]) -> Outcome {
    check(overrideTexts: overrideTexts, path: path) { overrides throws(DiagnosticsError) in
      try Document.load(path: path, overrides: overrides)
    }
  }

  /// `check` of the file at `path` already read into `document` (after `extends`, before any
  /// override; what `Document.load(path:)` returns): the same outcome without reading or parsing
  /// the files again.
  public static func check(document: DocumentNode, path: String, overrideTexts: [String])
    -> Outcome
  {
    check(overrideTexts: overrideTexts, path: path) { overrides throws(DiagnosticsError) in
      try document.applying(overrides)
    }
  }

  private static func check(
    overrideTexts: [String], path: String,
    merged: ([(KeyPath, String)]) throws(DiagnosticsError) -> DocumentNode
  ) -> Outcome {
    var overrides: [(KeyPath, String)] = []
    var problems: [Diagnostic] = []
    for text in overrideTexts {
      do {
        overrides.append(try Document.parseOverride(text))
      } catch {
        problems += error.diagnostics
      }
    }
    guard problems.isEmpty else {
      return Outcome(document: nil, scenario: nil, diagnostics: problems)
    }
    let document: DocumentNode
    do {
      document = try merged(overrides)
    } catch {
      return Outcome(document: nil, scenario: nil, diagnostics: error.diagnostics)
    }
    let scenario: Scenario
    do {
      scenario = try ScenarioDecoder.decode(document)
    } catch {
      return Outcome(document: document, scenario: nil, diagnostics: error.diagnostics)
    }
    do {
      try Engine.check(scenario)
    } catch {
      let problem = Diagnostic(
        location: SourceLocation(file: path, line: 0, column: 0), keyPath: .root,
        message: error.description)
      return Outcome(document: document, scenario: nil, diagnostics: [problem])
    }
    return Outcome(document: document, scenario: scenario, diagnostics: [])
  }

  /// `check`, throwing its diagnostics when a run would not start.
  public static func loadForRun(path: String, overrideTexts: [String])
    throws(DiagnosticsError) -> Loaded
  {
    let outcome = check(path: path, overrideTexts: overrideTexts)
    guard let document = outcome.document, let scenario = outcome.scenario else {
      throw DiagnosticsError(outcome.diagnostics)
    }
    return Loaded(document: document, scenario: scenario)
  }
}
