import Experiments
import ScenarioFormat
import Simulation

/// A scenario file as an `ExperimentModel`: each run sets the swept key paths in the scenario
/// (as `--set` would), decodes it and plays it with the engine.
///
/// The file and its `extends` chain are read once; runs only copy and edit the in-memory tree.
public struct ScenarioModel: ExperimentModel {
  /// The resolved document (extends merged, command-line overrides applied).
  public let document: DocumentNode
  /// Whether runs report the monthly series (spot price per chip, compute per buyer).
  public let includeSeries: Bool

  /// Reads the scenario at `path`; `overrides` are fixed `--set` values applied before each run's
  /// own parameters. Invalid files throw the loader's diagnostics.
  public init(path: String, overrides: [(KeyPath, String)] = [], includeSeries: Bool = true) throws
  {
    self.document = try Document.load(path: path, overrides: overrides)
    // Fail now, not in every run, when the unmodified scenario is invalid.
    _ = try ScenarioDecoder.decode(document)
    self.includeSeries = includeSeries
  }

  /// Refuses a key path that the scenario does not have: setting it makes the decoder report an
  /// unknown key, or a missing required key of an entity that the path would create.
  public func checkParameters(_ keyPaths: [String]) throws {
    for text in keyPaths {
      guard let keyPath = KeyPath(parsing: text) else { throw ScenarioModelError.badKeyPath(text) }
      let edited: DocumentNode
      do {
        edited = try document.applying([(keyPath, "1")])
      } catch {
        throw ScenarioModelError.unknownParameter(text, error.description)
      }
      do {
        _ = try ScenarioDecoder.decode(edited)
      } catch {
        let structural = error.diagnostics.first { diagnostic in
          let at = diagnostic.keyPath.components
          let isOnPath =
            at.count <= keyPath.components.count
            && Array(keyPath.components.prefix(at.count)) == at
          return isOnPath
            && (diagnostic.message.hasPrefix("unknown key")
              || diagnostic.message.hasPrefix("missing required key"))
        }
        if let structural {
          throw ScenarioModelError.unknownParameter(text, structural.description)
        }
      }
    }
  }

  public func run(_ assignments: [ParameterAssignment], seed: UInt64) throws -> RunOutcome {
    var overrides: [(KeyPath, String)] = []
    for assignment in assignments {
      guard let keyPath = KeyPath(parsing: assignment.keyPath) else {
        throw ScenarioModelError.badKeyPath(assignment.keyPath)
      }
      overrides.append((keyPath, "\(assignment.value)"))
    }
    let scenario = try ScenarioDecoder.decode(try document.applying(overrides))
    let result = try Engine.run(scenario, seed: seed)
    return Self.outcome(result, includeSeries: includeSeries)
  }

  /// The sweep's view of a run: the standard summary, and the monthly spot price per chip
  /// (`price.CHIP`, $/GPU-hour) and compute per named buyer (`compute.BUYER`, H100e GPU-hours).
  public static func outcome(_ result: RunResult, includeSeries: Bool) -> RunOutcome {
    guard includeSeries else { return RunOutcome(summary: result.standardSummary()) }
    var series: [(name: String, values: [Double])] = []
    for chip in result.chipIds {
      if let prices = result.spotPrice[chip] { series.append(("price.\(chip)", prices)) }
    }
    for buyer in result.buyerIds.prefix(result.namedBuyerCount) {
      if let compute = result.compute[buyer] { series.append(("compute.\(buyer)", compute)) }
    }
    return RunOutcome(summary: result.standardSummary(), months: result.months, series: series)
  }
}

/// Why a sweep parameter could not be applied.
public enum ScenarioModelError: Error, CustomStringConvertible {
  case badKeyPath(String)
  /// A swept key path the scenario does not have, with the decoder's diagnostic.
  case unknownParameter(String, String)

  public var description: String {
    switch self {
    case .unknownParameter(let text, let diagnostic):
      "cannot vary '\(text)': the scenario has no such value (\(diagnostic))"
    case .badKeyPath(let text):
      "'\(text)' is not a key path (expected e.g. market.sigma or buyers.anthropic.affinity.aws)"
    }
  }
}
