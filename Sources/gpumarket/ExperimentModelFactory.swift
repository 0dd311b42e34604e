import Experiments

/// The model a sweep runs for a scenario file.
///
/// `builtin:NAME` paths give the built-in test models (see ``BuiltinModels``). Scenario files
/// are played by the simulation engine once it is wired in here.
func makeExperimentModel(scenarioPath: String) throws -> any ExperimentModel {
  if let model = try BuiltinModels.model(for: scenarioPath) {
    return model
  }
  throw ExperimentModelFactoryError.engineNotAvailable(scenarioPath)
}

/// Why no model could be made for a scenario.
enum ExperimentModelFactoryError: Error, CustomStringConvertible {
  case engineNotAvailable(String)

  var description: String {
    switch self {
    case .engineNotAvailable(let path):
      "\(path): the simulation engine is not available in this build yet; "
        + "use builtin:ishigami or builtin:failing to try sweeps"
    }
  }
}
