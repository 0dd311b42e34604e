import ArgumentParser
import Experiments
import Foundation
import LocatedYAML
import SafeIO
import ScenarioExperiments
import ScenarioFormat

/// `gpumarket sweep`: runs a scenario over a design of parameter values and replicates,
/// streaming every run into a SQLite database; running it again resumes.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run a scenario across parameter values and seeds into a SQLite database.",
    discussion: CommandHelp.discussion(
      """
      Parameters: --vary key.path=1,2,4 (a list) or --vary key.path=0.5..2.0:7 (7 values from \
      0.5 to 2.0; sampling designs take key.path=LOW..HIGH). Or describe the sweep in a YAML \
      file given with --plan (docs/sweeps.md); options on the command line override it.
      Runs are stored as they finish; interrupt and run the same command again to continue. \
      Distributed sweeps: --shard I/N runs only the runs whose index mod N is I, into its own \
      database; `gpumarket merge OUT SHARD...` merges shard databases (docs/sweeps.md).
      """,
      examples: [
        "gpumarket sweep baseline-2026 --vary market.sigma=4,8 --out sigma.sqlite",
        "gpumarket sweep baseline-2026 --set randomness.demandNoise=0.1 --replicates 3 --out noise.sqlite",
        "gpumarket sweep builtin:ishigami --design morris --samples 8 --vary x1=-3.14..3.14 --vary x2=-3.14..3.14 --out morris.sqlite",
      ])
  )

  @Argument(
    help: "Scenario file or bundled scenario name (see `gpumarket scenarios`), or builtin:ishigami."
  )
  var scenario: String?

  @Option(
    name: .customLong("set"),
    help: "Override a value in the scenario for every run: key.path=value (repeatable).")
  var overrides: [String] = []

  @Option(name: .customLong("plan"), help: "A sweep file (YAML).")
  var planFile: String?

  @Option(help: "A parameter to vary: key.path=V1,V2,... or key.path=LOW..HIGH[:COUNT].")
  var vary: [String] = []

  @Option(
    help:
      "Sampling design: grid, random, lhs, sobol, sobol2 (with second-order indices) or morris. (default: grid)"
  )
  var design: String?

  @Option(
    help:
      "Points (random, lhs), base samples N, a power of two (sobol, sobol2), or trajectories (morris). (default: 64)"
  )
  var samples: Int?

  @Option(help: "Runs per point, each with its own seed. (default: 1)")
  var replicates: Int?

  @Option(help: "Base seed from which every run's seed derives. (default: 1)")
  var seed: UInt64?

  @Option(help: "Worker threads; the default is the number of cores.")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Run only shard I of N (0-based): the runs whose index mod N is I.")
  var shard: String?

  @Option(help: "The results database. (default: sweep.sqlite)")
  var out: String?

  @Option(help: "Deprecated alias of --out (the name every other command uses).")
  var db: String?

  /// The results database: --out, else the deprecated --db, else sweep.sqlite.
  var databasePath: String { out ?? db ?? "sweep.sqlite" }

  @Flag(help: "Store monthly series as well as summary outcomes.")
  var series = false

  @Flag(help: "No progress output.")
  var quiet = false

  func validate() throws {
    if out != nil && db != nil {
      throw ValidationError(
        "give the database once: --out (or its deprecated alias --db), not both")
    }
    if scenario == nil && planFile == nil {
      throw ValidationError("give a SCENARIO or --plan FILE")
    }
    if let design, DesignKind(rawValue: design) == nil {
      throw ValidationError(
        "--design must be one of grid, random, lhs, sobol, sobol2, morris (got '\(design)')")
    }
    if jobs < 1 || jobs > SweepLimits.maxJobs {
      throw ValidationError("--jobs must be between 1 and \(SweepLimits.maxJobs), got \(jobs)")
    }
    if let shard {
      do { _ = try SweepShard(parsing: shard) } catch { throw ValidationError("--shard: \(error)") }
    }
  }

  /// The plan from the sweep file (if any) with command-line options applied on top.
  func makePlan() throws -> SweepPlan {
    var plan = SweepPlan(scenario: scenario ?? "", parameters: [])
    if let planFile {
      plan = try SweepFile.load(path: planFile)
      if let scenario { plan.scenario = scenario }
    }
    if !vary.isEmpty { plan.parameters = try vary.map { try VarySyntax.parse($0) } }
    if let design { plan.design = DesignKind(rawValue: design) ?? .grid }
    if samples != nil && plan.design == .grid {
      // A grid's points are every combination of the listed values: a count would be ignored.
      throw ValidationError(
        "--samples has no use with --design grid (its points are every combination of the "
          + "values listed); give --design random, lhs, sobol, sobol2 or morris, or leave --samples out"
      )
    }
    if let samples { plan.samples = samples }
    if let replicates { plan.replicates = replicates }
    if let seed { plan.seed = seed }
    if series { plan.recordSeries = true }
    return plan
  }

  /// The model for the plan's scenario, and the plan with the digest of the scenario as resolved
  /// (after `extends` and --set), so that editing any file of the chain, or another --set, makes
  /// a new plan instead of resuming into runs of the old one.
  func makeModel(for plan: inout SweepPlan) throws -> (any ExperimentModel, Provenance?) {
    if let model = try BuiltinModels.model(for: plan.scenario) {
      guard overrides.isEmpty else {
        throw ValidationError("--set applies to scenario files, not to \(plan.scenario)")
      }
      return (model, nil)
    }
    let parsed = try overrides.map { text throws(DiagnosticsError) in
      try Document.parseOverride(text)
    }
    let model = try ScenarioModel(
      path: ScenarioDirectory.resolve(plan.scenario), overrides: parsed)
    let resolved = model.document.json.serialized(indent: 0)
    plan.scenarioDigest = SweepPlan.digest(of: Array(resolved.utf8))
    var name = plan.scenario
    if case .scalar(let text, _) = model.document["name"]?.value { name = text }
    let record = Provenance.ScenarioRecord(name: name, source: plan.scenario, resolved: resolved)
    let provenance = Provenance(
      command: "sweep", scenarios: [record], overrides: overrides, seed: plan.seed,
      replicates: plan.replicates)
    return (model, provenance)
  }

  func run() throws {
    var plan: SweepPlan
    let sweepDesign: SweepDesign
    let model: any ExperimentModel
    let provenance: Provenance?
    let part: SweepShard
    do {
      part = try shard.map { try SweepShard(parsing: $0) } ?? .whole
      plan = try makePlan()
      (model, provenance) = try makeModel(for: &plan)
      sweepDesign = try SweepDesign(plan: plan)
      try model.checkParameters(plan.parameters.map(\.keyPath))
      // A value the scenario cannot take stops the sweep here, with the decoder's message,
      // instead of failing every run.
      if let scenarioModel = model as? ScenarioModel, sweepDesign.pointCount > 0 {
        try scenarioModel.check(sweepDesign.assignments(atPoint: 0))
      }
    } catch {
      throw CommandError.exit("\(error)", code: 2)
    }
    var runner = SweepRunner(
      design: sweepDesign, model: model, databasePath: databasePath, jobs: jobs)
    runner.shard = part
    runner.provenance = provenance
    InterruptFlag.install()
    runner.shouldStop = { InterruptFlag.isSet }
    let reporter = quiet ? nil : ProgressReporter()
    if let reporter { runner.progress = { reporter.update($0) } }
    let summary: SweepSummary
    do {
      summary = try runner.run()
    } catch {
      reporter?.finish()
      switch error {
      case .differentPlan, .differentShard, .differentScenario, .foreignDatabase,
        .notASweepDatabase:
        throw CommandError.exit("\(error)", code: 2)
      default: break
      }
      throw CommandError.exit("\(error)", code: 74)
    }
    reporter?.finish()
    let line = (part.isWhole ? "" : "shard \(part): ") + Self.finalLine(summary, db: databasePath)
    if summary.interrupted {
      printError(line)
      throw ExitCode(130)
    }
    print(line)
    if summary.failed > 0 { throw ExitCode(1) }
  }

  /// The last line of a sweep: how many runs, how many failed, where the results are.
  static func finalLine(_ summary: SweepSummary, db: String) -> String {
    let resumed = summary.alreadyDone > 0 ? " (\(summary.alreadyDone) from before)" : ""
    if summary.interrupted {
      return "interrupted: \(summary.done) of \(summary.total) runs stored\(resumed), "
        + "\(summary.failed) failed; results in \(db); run the same command again to continue"
    }
    return "\(summary.total) runs done\(resumed), \(summary.failed) failed; results in \(db)"
  }
}

/// Prints CLI errors on stderr and picks the exit status.
enum CommandError {
  /// Writes `error: MESSAGE` to stderr and returns the exit code to throw. Scenario diagnostics
  /// arrive already formatted (`FILE:LINE:COLUMN: error: ...`) and are written as they are.
  static func exit(_ message: String, code: Int32) -> ExitCode {
    printError(message.contains("error: ") ? message : "error: \(message)")
    return ExitCode(code)
  }
}

/// Set by SIGINT so a sweep stops cleanly between runs; a second Ctrl-C kills at once.
enum InterruptFlag {
  nonisolated(unsafe) private static var flag: sig_atomic_t = 0

  static var isSet: Bool { flag != 0 }

  static func install() {
    // A parent may start us with SIGINT blocked; unblock it (threads started later inherit this).
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    signal(SIGINT) { _ in
      if InterruptFlag.flag != 0 { _exit(130) }
      InterruptFlag.flag = 1
    }
  }
}
