import Experiments
import ScenarioExperiments

/// The model a sweep runs for a scenario file.
///
/// `builtin:NAME` paths give the built-in test models (see ``BuiltinModels``); anything else is a
/// scenario file, played by the simulation engine (``ScenarioModel``).
func makeExperimentModel(scenarioPath: String) throws -> any ExperimentModel {
  if let model = try BuiltinModels.model(for: scenarioPath) {
    return model
  }
  return try ScenarioModel(path: scenarioPath)
}
