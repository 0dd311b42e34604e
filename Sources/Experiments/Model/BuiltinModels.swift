/// Models built into the experiment layer, addressed as `builtin:NAME` in place of a
/// scenario path, so sweeps and reports can be exercised end to end without the engine.
public enum BuiltinModels {
  /// The prefix that marks a built-in model in a scenario path.
  public static let prefix = "builtin:"

  /// The built-in model named by `scenarioPath`, or nil when the path is not `builtin:…`.
  ///
  /// - `builtin:ishigami`: ``IshigamiModel`` (parameters x1, x2, x3; outcome `y`).
  /// - `builtin:ishigami-noisy`: the same with seed-driven noise of amplitude 0.5.
  /// - `builtin:ishigami-slow`: the noisy one taking 5 ms per run.
  /// - `builtin:failing`: ``FailingModel`` (throws when the first parameter is negative).
  public static func model(for scenarioPath: String) throws(BuiltinModelError) -> (
    any ExperimentModel
  )? {
    guard scenarioPath.hasPrefix(prefix) else { return nil }
    switch scenarioPath.dropFirst(prefix.count) {
    case "ishigami": return IshigamiModel()
    case "ishigami-noisy": return IshigamiModel(noise: 0.5)
    case "ishigami-slow": return IshigamiModel(noise: 0.5, delay: 0.005)
    case "failing": return FailingModel()
    default: throw BuiltinModelError.unknown(scenarioPath)
    }
  }
}

/// A `builtin:` path that names no built-in model.
public enum BuiltinModelError: Error, CustomStringConvertible {
  case unknown(String)

  public var description: String {
    switch self {
    case .unknown(let path):
      "unknown built-in model '\(path)': expected builtin:ishigami, builtin:ishigami-noisy, "
        + "builtin:ishigami-slow or builtin:failing"
    }
  }
}
