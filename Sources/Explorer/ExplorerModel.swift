import Experiments
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
  /// Most replicates a run or TCO request may ask for.
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
  /// Replicates of the unmodified scenario already run, by seed.
  let baselineReplicates = ReplicateCache()

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

  /// The what-if and the unmodified scenario, each run at the same replicate seeds.
  public struct Replicates: Sendable {
    /// The what-if's runs, replicate k at `seeds[k]`.
    public var runs: [RunResult]
    /// The unmodified scenario's runs at the same seeds (common random numbers).
    public var baselines: [RunResult]
    public var seeds: [UInt64]
    public var scenario: Scenario
    public var document: DocumentNode
    /// Whether either scenario draws random numbers; when neither does, one run stands for all
    /// replicates and `runs` has one element.
    public var drawsRandomNumbers: Bool
  }

  /// What checking and running a set of overrides gave.
  public enum Outcome: Sendable {
    /// The runs, with the scenario they ran and the document it was decoded from.
    case ran(Replicates)
    /// The overrides or the scenario they make are wrong: the same diagnostics as `--set`.
    case invalid([Diagnostic])
    /// The run is larger than the explorer runs (a sentence saying why).
    case tooLarge(String)
    /// The engine stopped (its message).
    case stopped(String)
  }

  /// Checks `overrides` and runs the what-if at the seeds of `replicates` replicates from `seed`
  /// (default: the unmodified scenario's; ``SeedDerivation/replicateSeeds(base:count:)``), two
  /// at a time, with the unmodified scenario at the same seeds: the runs `gpumarket compare`
  /// makes. One replicate, or neither scenario drawing random numbers: the what-if's one run
  /// at `seed` (default: its own), as `gpumarket run` makes it, against the unmodified run.
  public func run(overrides: [String], seed: UInt64? = nil, replicates: Int = 1) -> Outcome {
    let scenario: Scenario
    let document: DocumentNode
    switch check(overrides: overrides) {
    case .failure(.invalid(let diagnostics)): return .invalid(diagnostics)
    case .failure(.tooLarge(let reason)): return .tooLarge(reason)
    case .success(let (checked, tree)): (scenario, document) = (checked, tree)
    }
    let random = scenario.randomness.isActive || self.scenario.randomness.isActive
    do {
      guard random, replicates > 1 else {
        // One run, as `gpumarket run --set` makes it, against the unmodified scenario's run.
        let seeds = [seed ?? scenario.defaultSeed]
        return .ran(
          Replicates(
            runs: try Self.runAll(scenario, seeds: seeds), baselines: [baseline], seeds: seeds,
            scenario: scenario, document: document, drawsRandomNumbers: random))
      }
      // As `gpumarket compare UNMODIFIED WHAT-IF --replicates K` seeds them.
      let seeds = SeedDerivation.replicateSeeds(
        base: seed ?? self.scenario.defaultSeed, count: replicates)
      let runs = try Self.runAll(scenario, seeds: seeds)
      // The unmodified scenario without random numbers gives its one run at every seed.
      let baselines =
        self.scenario.randomness.isActive
        ? try baselineReplicates.results(for: seeds) { seeds throws(SimulationError) in
          try Self.runAll(self.scenario, seeds: seeds)
        }
        : Array(repeating: baseline, count: seeds.count)
      return .ran(
        Replicates(
          runs: runs, baselines: baselines, seeds: seeds, scenario: scenario, document: document,
          drawsRandomNumbers: random))
    } catch {
      return .stopped(error.description)
    }
  }

  /// `scenario` at each seed, two at a time (``ParallelRuns``); the first failure in the order
  /// of `seeds` is thrown.
  static func runAll(_ scenario: Scenario, seeds: [UInt64]) throws(SimulationError) -> [RunResult] {
    try ParallelRuns.run([scenario], seeds: seeds, jobs: 2)[0].map {
      result throws(SimulationError) in try result.get()
    }
  }

  /// The scenario `overrides` make, or why there is none.
  public func check(overrides: [String]) -> Result<(Scenario, DocumentNode), Refusal> {
    let outcome = ScenarioLoader.check(
      document: document, path: scenarioPath, overrideTexts: overrides)
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

/// The unmodified scenario's replicate runs for the last few seed lists asked for.
final class ReplicateCache: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [(seeds: [UInt64], runs: [RunResult])] = []
  /// Seed lists kept (the oldest is dropped first).
  static let capacity = 4

  /// The runs for `seeds`, made by `make` when they are not kept (outside the lock, so two
  /// requests may both make them; either result is the same).
  func results(
    for seeds: [UInt64], make: ([UInt64]) throws(SimulationError) -> [RunResult]
  ) throws(SimulationError) -> [RunResult] {
    lock.lock()
    let kept = entries.first { $0.seeds == seeds }?.runs
    lock.unlock()
    if let kept { return kept }
    let runs = try make(seeds)
    lock.lock()
    if !entries.contains(where: { $0.seeds == seeds }) {
      entries.append((seeds, runs))
      if entries.count > Self.capacity { entries.removeFirst() }
    }
    lock.unlock()
    return runs
  }
}
