import LocatedYAML
import ScenarioFormat

/// The one way `run` and `validate` read a scenario, so both report the same diagnostics.
enum ScenarioCheck {
  /// Resolves `file` (a path or a bundled scenario's name) and checks it with `overrides`
  /// (`key.path=value` texts) through `ScenarioLoader.check`, printing every diagnostic to
  /// stderr. The outcome's `scenario` is nil when a run would not start.
  static func check(_ file: String, overrides: [String]) -> ScenarioLoader.Outcome {
    let outcome = ScenarioLoader.check(
      path: ScenarioDirectory.resolve(file), overrideTexts: overrides)
    if !outcome.diagnostics.isEmpty {
      printError(DiagnosticsError(outcome.diagnostics).description)
    }
    return outcome
  }
}
