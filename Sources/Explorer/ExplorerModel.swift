import Foundation
import LocatedYAML
import ScenarioFormat
import Simulation

/// Bounds on what one request may cost the server.
public struct ExplorerLimits: Sendable {
  /// Largest request body, bytes (larger: 413).
  public var maxBodyBytes = 64 * 1024
  /// Runs at once (more: 503).
  public var maxConcurrentRuns = 2
  /// Longest a request waits for its run, seconds (longer: 503; the run finishes in the
  /// background and keeps its slot until then, so the work stays bounded).
  public var runTimeLimitSeconds = 20.0
  /// Most `--set` texts in one request.
  public var maxOverrides = 100
  /// Largest run, in buyers (named and generated) times months: the cost of a run grows with it.
  public var maxBuyerMonths = 1_000_000
  /// Most replicates a TCO request may ask for.
  public var maxReplicates = 16

  public init() {}
}

/// The scenario being explored: its file, the unmodified run (computed once) and its sliders.
public final class ExplorerModel: Sendable {
  /// The path the scenario was read from.
  public let scenarioPath: String
  /// The scenario as the user named it (a bundled name or a path), for command lines.
  public let scenarioSource: String
  /// The file after `extends`, before any override.
  public let document: DocumentNode
  public let scenario: Scenario
  /// The run of the unmodified scenario at its own seed.
  public let baseline: RunResult
  /// The sliders offered.
  public let knobs: [Knob]
  public let limits: ExplorerLimits

  /// Why the explorer cannot start.
  public struct StartError: Error, CustomStringConvertible {
    public let description: String
  }

  /// Reads the scenario at `path` (as `gpumarket run` does) and runs it once.
  public init(scenarioPath path: String, source: String, limits: ExplorerLimits = .init())
    throws(StartError)
  {
    let outcome = ScenarioLoader.check(path: path, overrideTexts: [])
    guard let document = outcome.document, let scenario = outcome.scenario else {
      throw StartError(description: DiagnosticsError(outcome.diagnostics).description)
    }
    do {
      baseline = try Engine.run(scenario, seed: scenario.defaultSeed)
    } catch {
      throw StartError(description: "error: \(error.description)")
    }
    scenarioPath = path
    scenarioSource = source
    self.document = document
    self.scenario = scenario
    self.limits = limits
    knobs = Knobs.preferred(in: document)
  }

  private init(copying other: ExplorerModel, limits: ExplorerLimits) {
    scenarioPath = other.scenarioPath
    scenarioSource = other.scenarioSource
    document = other.document
    scenario = other.scenario
    baseline = other.baseline
    knobs = other.knobs
    self.limits = limits
  }

  /// The same scenario and baseline run under other limits (nothing is re-run).
  public func with(limits: ExplorerLimits) -> ExplorerModel {
    ExplorerModel(copying: self, limits: limits)
  }

  /// What checking and running a set of overrides gave.
  public enum Outcome: Sendable {
    /// The run, with the scenario it ran and the document that scenario was decoded from.
    case ran(RunResult, Scenario, DocumentNode)
    /// The overrides or the scenario they make are wrong: the same diagnostics as `--set`.
    case invalid([Diagnostic])
    /// The run is larger than the explorer runs (a sentence saying why).
    case tooLarge(String)
    /// The engine stopped (its message).
    case stopped(String)
  }

  /// Checks `overrides` (`key.path=value` texts) through the code `gpumarket run --set` uses,
  /// then runs the scenario at `seed` (default: the scenario's).
  public func run(overrides: [String], seed: UInt64? = nil) -> Outcome {
    switch check(overrides: overrides) {
    case .failure(.invalid(let diagnostics)): return .invalid(diagnostics)
    case .failure(.tooLarge(let reason)): return .tooLarge(reason)
    case .success(let (scenario, document)):
      do {
        return .ran(
          try Engine.run(scenario, seed: seed ?? scenario.defaultSeed), scenario, document)
      } catch {
        return .stopped(error.description)
      }
    }
  }

  /// The scenario `overrides` make, or why there is none.
  public func check(overrides: [String]) -> Result<(Scenario, DocumentNode), Refusal> {
    let outcome = ScenarioLoader.check(path: scenarioPath, overrideTexts: overrides)
    guard let scenario = outcome.scenario, let document = outcome.document else {
      return .failure(.invalid(outcome.diagnostics))
    }
    let buyers = scenario.buyers.count + scenario.generators.reduce(0) { $0 + $1.count }
    if buyers * scenario.months > limits.maxBuyerMonths {
      return .failure(
        .tooLarge(
          "the run has \(buyers) buyers over \(scenario.months) months; the explorer runs at most "
            + "\(limits.maxBuyerMonths) buyer-months (use gpumarket run for larger runs)"))
    }
    return .success((scenario, document))
  }

  /// Diagnostics as the CLI prints them (one line each, located).
  public static func messages(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map(\.description)
  }
}

/// Why a scenario is not run.
public enum Refusal: Error, Sendable {
  /// The overrides or the scenario they make are wrong: the same diagnostics as `--set`.
  case invalid([Diagnostic])
  /// The run is larger than the explorer runs.
  case tooLarge(String)
}
