import ScenarioFormat

/// The one way `run` and `validate` read a scenario, so both report the same diagnostics.
enum ScenarioCheck {
  /// Resolves `file` (a path or a bundled scenario's name) and loads it with `overrides`
  /// (`key.path=value` texts) through `ScenarioLoader.loadForRun`. On failure prints every
  /// diagnostic to stderr and returns nil.
  static func load(_ file: String, overrides: [String]) -> ScenarioLoader.Loaded? {
    do {
      return try ScenarioLoader.loadForRun(
        path: ScenarioDirectory.resolve(file), overrideTexts: overrides)
    } catch {
      printError(error.description)
      return nil
    }
  }
}
