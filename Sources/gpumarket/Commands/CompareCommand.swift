import ArgumentParser
import Dispatch
import Experiments
import Foundation
import LocatedYAML
import Reports
import ScenarioFormat
import Simulation

/// `gpumarket compare A B ...`: the key outcomes of several scenarios side by side.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Run several scenarios and show their key outcomes side by side.",
    discussion: """
      Each scenario runs --replicates times. Replicate k of every scenario uses the same seed, \
      derived from (--seed, k), so differences come from the scenarios rather than from the draws \
      (common random numbers). The table shows each outcome's mean per scenario with the half-width \
      of its Student-t 95% interval over replicates, and the difference from the first scenario with \
      a Welch 95% interval. With one replicate, or a scenario without randomness, intervals are \
      empty or zero.

      Default outcomes for --year: compute and share of each named buyer, the spot price of each \
      chip, and the HHI of compute. --outcome takes names or patterns with * (e.g. 'share.*.2026').

      Exit status: 0 success; 2 invalid input; 5 a run stopped on a violated invariant; 64 usage.
      """
  )

  @Argument(
    help: "Two or more scenario files (or bundled scenario names); the first is the reference.")
  var files: [String]

  @Option(help: "Runs per scenario.")
  var replicates = 1

  @Option(
    help:
      "Base seed; replicate k runs with a seed derived from (seed, k). Default: the first scenario's seed."
  )
  var seed: UInt64?

  @Option(help: "The year the default outcomes are reported for.")
  var year = 2026

  @Option(help: "An outcome name or pattern with * (repeatable; replaces the defaults).")
  var outcome: [String] = []

  @Option(
    name: .customLong("set"),
    help: "Override a value in every scenario: key.path=value (repeatable).")
  var overrides: [String] = []

  @Option(help: "Worker threads. (default: the number of cores)")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Output format: table, markdown, csv, json or latex.")
  var format: ComparisonFormat = .table

  enum ComparisonFormat: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, csv, json, latex
  }

  func validate() throws {
    guard files.count >= 2 else { throw ValidationError("compare needs at least two scenarios") }
    guard (1...SweepLimits.maxReplicates).contains(replicates) else {
      throw ValidationError(
        "--replicates must be between 1 and \(SweepLimits.maxReplicates), got \(replicates)")
    }
    guard (1...SweepLimits.maxJobs).contains(jobs) else {
      throw ValidationError("--jobs must be between 1 and \(SweepLimits.maxJobs), got \(jobs)")
    }
  }

  func run() throws {
    let scenarios: [Scenario]
    do {
      let parsed = try overrides.map { text throws(DiagnosticsError) in
        try Document.parseOverride(text)
      }
      scenarios = try files.map { file throws(DiagnosticsError) in
        try ScenarioLoader.load(path: ScenarioDirectory.resolve(file), overrides: parsed)
      }
    } catch {
      printError(error.description)
      throw ExitStatus.invalidInput
    }
    let baseSeed = seed ?? scenarios[0].defaultSeed
    let seeds = (0..<replicates).map { k in
      replicates == 1 ? baseSeed : SeedDerivation.seed(base: baseSeed, point: 0, replicate: k)
    }
    let results = try runAll(scenarios, seeds: seeds)
    let names = try outcomeNames(results.map { $0[0] })
    let labels = uniqueLabels(scenarios.map(\.name))
    let columns = zip(labels, results).map { label, runs in
      (
        label: label,
        outcomes: Dictionary(
          uniqueKeysWithValues: names.map { name in
            (
              name.description,
              SampleStatistics(runs.compactMap { $0.value(of: name) }.filter(\.isFinite))
            )
          })
      )
    }
    let table = ComparisonTable.make(
      scenarios: columns, outcomes: names.map(\.description),
      title: "Scenario comparison, \(replicates) replicate\(replicates == 1 ? "" : "s") each")
    switch format {
    case .table: print(TableRenderer.text(table))
    case .markdown: print(TableRenderer.markdown(table))
    case .csv: print(TableRenderer.csv(table), terminator: "")
    case .json: print(TableRenderer.json(table))
    case .latex: print(TableRenderer.latex(table))
    }
  }

  /// Every (scenario, replicate) run, in parallel; results are placed by index, so the output does
  /// not depend on `jobs`.
  private func runAll(_ scenarios: [Scenario], seeds: [UInt64]) throws -> [[RunResult]] {
    let count = scenarios.count * seeds.count
    let slots = ResultSlots(count: count)
    let next = ResultSlots.Counter()
    DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
      while let index = next.take(below: count) {
        let scenario = scenarios[index / seeds.count]
        do {
          slots.store(
            .success(try Engine.run(scenario, seed: seeds[index % seeds.count])), at: index)
        } catch {
          slots.store(.failure(error), at: index)
        }
      }
    }
    var results: [[RunResult]] = []
    for s in scenarios.indices {
      var runs: [RunResult] = []
      for k in seeds.indices {
        switch slots.value(at: s * seeds.count + k) {
        case .success(let result): runs.append(result)
        case .failure(let error):
          printError("error: \(files[s]) (seed \(seeds[k])): \(error)")
          throw ExitStatus.runStopped
        }
      }
      results.append(runs)
    }
    return results
  }

  /// The outcomes to show, in a fixed order. `--outcome` names are parsed here; a name that is
  /// not an outcome name, or that no run has, is refused (exit 2) before anything is printed.
  private func outcomeNames(_ firstRuns: [RunResult]) throws -> [OutcomeName] {
    let reference = firstRuns[0]
    var candidates: [OutcomeName] = []
    let y = OutcomePeriod.year(String(year))
    let buyers =
      Array(reference.buyerIds.prefix(reference.namedBuyerCount)) + reference.buyerGroups.map(\.id)
    for buyer in buyers { candidates.append(OutcomeName(.share, buyer, y)) }
    for buyer in buyers { candidates.append(OutcomeName(.compute, buyer, y)) }
    for chip in reference.chipIds { candidates.append(OutcomeName(.price, chip, y)) }
    candidates.append(OutcomeName(.hhi, nil, y))
    if outcome.isEmpty {
      return candidates.filter { name in firstRuns.contains { $0.value(of: name) != nil } }
    }
    let all = reference.standardOutcomes + candidates
    var seen = Set<OutcomeName>()
    var names: [OutcomeName] = []
    for pattern in outcome {
      var matches: [OutcomeName]
      if pattern.contains("*") {
        matches = all.filter { Self.glob(pattern, matches: $0.description) }
      } else {
        do {
          matches = [try OutcomeName(parsing: pattern)]
        } catch {
          printError("error: --outcome \(error)")
          throw ExitStatus.invalidInput
        }
        matches = matches.filter { name in firstRuns.contains { $0.value(of: name) != nil } }
      }
      guard !matches.isEmpty else {
        let examples = candidates.prefix(3).map(\.description).joined(separator: ", ")
        printError(
          "error: --outcome '\(pattern)' matches no outcome of these scenarios "
            + "(outcomes are named like \(examples))")
        throw ExitStatus.invalidInput
      }
      for name in matches where seen.insert(name).inserted { names.append(name) }
    }
    return names
  }

  /// `*` matches any run of characters.
  static func glob(_ pattern: String, matches text: String) -> Bool {
    let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
    var rest = Substring(text)
    for (k, part) in parts.enumerated() {
      if k == 0 {
        guard rest.hasPrefix(part) else { return false }
        rest = rest.dropFirst(part.count)
      } else if k == parts.count - 1 {
        return rest.hasSuffix(part)
      } else {
        guard let range = rest.range(of: part) else { return false }
        rest = rest[range.upperBound...]
      }
    }
    return rest.isEmpty
  }

  /// Scenario names, made unique with a counter where two files share one.
  private func uniqueLabels(_ names: [String]) -> [String] {
    var counts: [String: Int] = [:]
    return names.map { name in
      counts[name, default: 0] += 1
      return counts[name]! == 1 ? name : "\(name) (\(counts[name]!))"
    }
  }
}

/// Per-index result storage for concurrent runs.
private final class ResultSlots: @unchecked Sendable {
  private var values: [Result<RunResult, any Error>?]
  private let lock = NSLock()

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func store(_ value: Result<RunResult, any Error>, at index: Int) {
    lock.lock()
    values[index] = value
    lock.unlock()
  }

  func value(at index: Int) -> Result<RunResult, any Error> {
    lock.lock()
    defer { lock.unlock() }
    return values[index]!
  }

  /// Hands out indices 0, 1, 2, ... to workers.
  final class Counter: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func take(below count: Int) -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < count else { return nil }
      next += 1
      return next - 1
    }
  }
}
