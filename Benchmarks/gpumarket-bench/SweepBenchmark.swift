import Experiments
import Foundation
import Randomness
import ScenarioExperiments

#if canImport(Glibc)
  import Glibc
#endif

/// `gpumarket-bench sweep [--runs N] [--model NAME] [--model-runs N] [--results PATH]`: sweep
/// throughput (runs per minute at --jobs 1 and 2, parallel efficiency) and peak resident memory of
/// whole sweeps of 1,000 and 20,000 runs, each measured in a child process so the figures do not
/// mix. Two models: `builtin:ishigami` (microseconds per run: measures the runner and the results
/// store) and `--model` (default `busy:ITERATIONS`, a CPU-bound stand-in for a simulation, or a
/// scenario file such as scenarios/baseline-2026.yaml); ``SweepBenchmark/model(named:)`` resolves
/// the names.
/// Writes a section of Benchmarks/RESULTS.md between `<!-- sweep:begin -->` and
/// `<!-- sweep:end -->`.
///
/// `commandLine` is the whole command line, program name and `sweep` included.
func runSweepBenchmark(_ commandLine: [String]) -> Never {
  let arguments = Array(commandLine.dropFirst(2))
  var model = "busy:\(BusyModel.defaultIterations)"
  var runs = 20_000
  var modelRuns = 1_000
  var results = "Benchmarks/RESULTS.md"
  var childRuns: Int?
  var childJobs = 2
  var index = 0
  while index < arguments.count {
    let value = index + 1 < arguments.count ? arguments[index + 1] : ""
    switch arguments[index] {
    case "--model": model = value
    case "--runs": runs = Int(value) ?? runs
    case "--model-runs": modelRuns = Int(value) ?? modelRuns
    case "--results": results = value
    case "--child-runs": childRuns = Int(value)
    case "--child-jobs": childJobs = Int(value) ?? 2
    default:
      FileHandle.standardError.write(Data("unknown option \(arguments[index])\n".utf8))
      exit(64)
    }
    index += 2
  }
  do {
    if let childRuns {
      // Child mode: one sweep, timing on stdout; the parent reads our peak RSS from wait4.
      let seconds = try SweepBenchmark.sweep(model: model, runs: childRuns, jobs: childJobs)
      print(seconds)
      exit(0)
    }
    try SweepBenchmark.main(runs: runs, model: model, modelRuns: modelRuns, results: results)
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
  }
}

enum SweepBenchmark {
  /// Runs a sweep of `runs` runs (a random design with 1 replicate: over x1, x2, x3 for the
  /// test models, over market.sigma and market.availability for a scenario) into a fresh
  /// temporary database; returns wall seconds.
  static func sweep(model name: String, runs: Int, jobs: Int) throws -> Double {
    let model = try self.model(named: name)
    let range = "-3.141592653589793..3.141592653589793"
    let vary =
      model is ScenarioModel
      ? ["market.sigma=4..12", "market.availability=0.9..0.99"]
      : ["x1", "x2", "x3"].map { "\($0)=\(range)" }
    let plan = SweepPlan(
      scenario: name, design: .random, parameters: try vary.map { try VarySyntax.parse($0) },
      samples: runs, replicates: 1, seed: 1)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("gpumarket-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("sweep-\(runs)-\(jobs).sqlite").path
    let start = ContinuousClock.now
    let summary = try SweepRunner(
      design: try SweepDesign(plan: plan), model: model, databasePath: path, jobs: jobs
    ).run()
    let elapsed = ContinuousClock.now - start
    guard summary.isComplete else { throw BenchmarkError("sweep did not complete") }
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  }

  /// The model a name stands for: `busy:ITERATIONS`, `builtin:NAME` or a scenario file (played by
  /// the engine, summary outcomes only, as a sweep without --series).
  static func model(named name: String) throws -> any ExperimentModel {
    if name.hasPrefix("busy:"), let iterations = Int(name.dropFirst(5)) {
      return BusyModel(iterations: iterations)
    }
    if let builtin = try BuiltinModels.model(for: name) { return builtin }
    return try ScenarioModel(path: name, includeSeries: false)
  }

  /// Runs a child benchmark process; returns (wall seconds it reported, its peak RSS in MiB).
  static func child(model: String, runs: Int, jobs: Int) throws -> (
    seconds: Double, peakMiB: Double
  ) {
    let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    let arguments = [
      executable, "sweep", "--model", model, "--child-runs", String(runs), "--child-jobs",
      String(jobs),
    ]
    let output = Pipe()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, output.fileHandleForWriting.fileDescriptor, 1)
    var argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, executable, &actions, nil, &argv, environ) == 0 else {
      throw BenchmarkError("cannot start \(executable)")
    }
    try output.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    guard status == 0, let seconds = Double(text.trimmingCharacters(in: .whitespacesAndNewlines))
    else {
      throw BenchmarkError("child sweep of \(runs) runs failed (status \(status))")
    }
    // ru_maxrss is in KiB on Linux.
    return (seconds, Double(usage.ru_maxrss) / 1024)
  }

  /// Best-of-`repeats` rates (runs/min) at jobs 1 and 2. The two job counts alternate, so a
  /// change in the machine's load mid-benchmark hits both rather than biasing one.
  static func rates(model: String, runs: Int, repeats: Int) throws -> [Int: Double] {
    var best: [Int: Double] = [1: .infinity, 2: .infinity]
    for _ in 0..<repeats {
      for jobs in [1, 2] {
        best[jobs] = min(best[jobs]!, try child(model: model, runs: runs, jobs: jobs).seconds)
      }
    }
    var rates: [Int: Double] = [:]
    for jobs in [1, 2] {
      rates[jobs] = Double(runs) / best[jobs]! * 60
      log(
        String(
          format: "%@ jobs %d: %.0f runs/min (%.3f s for %d runs)", model, jobs, rates[jobs]!,
          best[jobs]!, runs))
    }
    return rates
  }

  static func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

  static func main(runs: Int, model busy: String, modelRuns busyRuns: Int, results: String) throws {
    let fast = "builtin:ishigami"
    _ = try model(named: busy)
    let fastRates = try rates(model: fast, runs: runs, repeats: 3)
    let busyRates = try rates(model: busy, runs: busyRuns, repeats: 5)
    // Peak memory of whole sweeps of 1,000 and 20,000 runs, for both models: it must not grow
    // with the number of runs.
    var memory: [(model: String, peaks: [Double])] = []
    for name in [fast, busy] {
      var peaks: [Double] = []
      for count in [1_000, 20_000] {
        let measured = try child(model: name, runs: count, jobs: 2)
        peaks.append(measured.peakMiB)
        log(String(format: "%@, %d runs: peak RSS %.1f MiB", name, count, measured.peakMiB))
      }
      memory.append((name, peaks))
    }
    func row(_ label: String, _ rates: [Int: Double]) -> String {
      let efficiency = rates[2]! / (2 * rates[1]!)
      return
        "| \(label) | \(String(format: "%.0f", rates[1]!)) | \(String(format: "%.0f", rates[2]!)) | "
        + "\(String(format: "%.0f%%", efficiency * 100)) |"
    }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?")
      .split(separator: " ").prefix(3).joined(separator: " ")
    let busyMilliseconds = 60_000 / busyRates[1]!
    let section = """
      ## Sweeps

      ### Sweep throughput and memory (`gpumarket-bench sweep`)

      Random design over 3 parameters, one new SQLite database per sweep (WAL, batched \
      transactions), release build, \(cores) cores shared with other work. Throughput is the \
      best of three sweeps of \(runs) runs (`\(fast)`) and of five of \(busyRuns) runs \
      (`\(busy)`), jobs 1 and 2 alternating; parallel efficiency = rate at --jobs 2 / \
      (2 × rate at --jobs 1). Load average when measured: \(load) (other processes on the \
      machine take cores from --jobs 2, so efficiency is only meaningful on an idle machine).

      | model | runs/min, --jobs 1 | runs/min, --jobs 2 | parallel efficiency |
      |---|---:|---:|---:|
      \(row("`\(fast)` (µs per run: runner + SQLite ceiling)", fastRates))
      \(row(String(format: "`\(busy)` (%.1f ms per run at --jobs 1)", busyMilliseconds), busyRates))

      | peak RSS of a whole sweep, --jobs 2 | 1,000 runs | 20,000 runs |
      |---|---:|---:|
      \(memory.map { "| `\($0.model)` | " + $0.peaks.map { String(format: "%.1f MiB", $0) }.joined(separator: " | ") + " |" }.joined(separator: "\n"))

      With microsecond runs the single SQLite writer is the bottleneck, so a second worker adds \
      little; with runs of milliseconds (any real market simulation) the workers are. Memory does \
      not grow with the number of runs: results stream to the database through a bounded queue.

      """
    try writeSection(section, to: results)
    log("wrote \(results)")
  }

  /// Replaces the text between the sweep markers in `path` (appending them when absent).
  static func writeSection(_ section: String, to path: String) throws {
    let begin = "<!-- sweep:begin -->"
    let end = "<!-- sweep:end -->"
    var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "# Benchmark results\n"
    let block = "\(begin)\n\(section)\(end)"
    if let start = text.range(of: begin), let stop = text.range(of: end),
      start.upperBound <= stop.lowerBound
    {
      text.replaceSubrange(start.lowerBound..<stop.upperBound, with: block)
    } else {
      if !text.hasSuffix("\n") { text += "\n" }
      text += "\n\(block)\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }
}

struct BenchmarkError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A CPU-bound model standing in for a simulation: `iterations` evaluations of the Ishigami
/// function at points derived from the seed, then the Ishigami outcome itself.
struct BusyModel: ExperimentModel {
  static let defaultIterations = 100_000
  var iterations: Int

  func run(_ assignments: [ParameterAssignment], seed: UInt64) throws -> RunOutcome {
    let ishigami = IshigamiModel()
    var generator = SplitMix64(seed: seed)
    var sum = 0.0
    for _ in 0..<iterations {
      let u = generator.nextUnitInterval() * 6 - 3
      sum += ishigami.value(u, u * 0.5, u * 0.25)
    }
    var outcome = try ishigami.run(assignments, seed: seed)
    outcome.summary.append(("busy.sum", sum))
    return outcome
  }
}
