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
    discussion: CommandHelp.discussion(
      """
      Each scenario runs --replicates times. Replicate k of every scenario uses the same seed, \
      derived from (--seed, k), so differences come from the scenarios rather than from the draws \
      (common random numbers). The table shows each outcome's mean per scenario with the half-width \
      of its Student-t 95% interval over replicates, and the paired difference from the first \
      scenario: the mean of (B_k − A_k) over replicates k with its Student-t 95% interval. With \
      one replicate there are no intervals. A warning says when every replicate gave the same \
      outcomes (a scenario without randomness: set randomness.demandNoise to draw some).

      Default outcomes for --year: compute and share of each named buyer, the spot price of each \
      chip, and the HHI of compute. --outcome takes names or patterns with * (e.g. 'share.*.2026').

      --out DIR writes the table, every replicate's outcomes and monthly series, each scenario's \
      dated events and the provenance; `gpumarket report DIR` draws the comparison from them.
      """,
      examples: [
        "gpumarket compare baseline-2026 counterfactual-no-colossus",
        "gpumarket compare baseline-2026 counterfactual-no-colossus --replicates 4 --set randomness.demandNoise=0.1 --out colossus",
        "gpumarket report colossus --out colossus.md",
      ])
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

  @Option(help: "Worker threads; the default is the number of cores.")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Output format: table, markdown, csv, json or latex.")
  var format: ComparisonFormat = .table

  @Option(help: "A folder to write the table, per-replicate values, series and provenance to.")
  var out: String?

  @Flag(help: "No progress output.")
  var quiet = false

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
    var loaded: [ScenarioLoader.Loaded] = []
    var problems: [String] = []
    for file in files {
      do {
        loaded.append(
          try ScenarioLoader.loadForRun(
            path: ScenarioDirectory.resolve(file), overrideTexts: overrides))
      } catch {
        problems.append(error.description)
      }
    }
    guard problems.isEmpty else {
      printError(problems.joined(separator: "\n"))
      throw ExitStatus.invalidInput
    }
    let scenarios = loaded.map(\.scenario)
    let baseSeed = seed ?? scenarios[0].defaultSeed
    let seeds = CompareRuns.seeds(base: baseSeed, replicates: replicates)
    let reporter = quiet || scenarios.count * seeds.count < 2 ? nil : ProgressReporter()
    let results: [[RunResult]]
    do {
      results = try CompareRuns(scenarios: scenarios, seeds: seeds, jobs: jobs).run(
        progress: reporter.map { r in { r.update($0) } })
      reporter?.finish()
    } catch let failure as CompareRuns.Failure {
      reporter?.finish()
      printError("error: \(files[failure.scenario]) (seed \(failure.seed)): \(failure.error)")
      throw ExitStatus.runStopped
    }
    let typedNames = try outcomeNames(results.map { $0[0] })
    let names = typedNames.map(\.description)
    let labels = uniqueLabels(scenarios.map(\.name))
    let columns = zip(labels, results).map { label, runs in
      (
        label: label,
        values: Dictionary(
          uniqueKeysWithValues: zip(names, typedNames).map { text, name in
            (text, runs.map { $0.value(of: name) ?? .nan })
          })
      )
    }
    if replicates > 1, Self.everyReplicateIdentical(columns.map(\.values)) {
      printError(
        "warning: all \(replicates) replicates of every scenario gave identical outcomes: these "
          + "scenarios draw no random numbers, so the intervals are zero and replicates add "
          + "nothing (draw some with e.g. --set randomness.demandNoise=0.1)")
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
    guard let out else { return }
    let provenance = Provenance(
      command: "compare",
      scenarios: zip(files, loaded).map { file, item in
        Provenance.ScenarioRecord(
          name: item.scenario.name, source: file, resolved: item.document.json.serialized(indent: 0)
        )
      }, overrides: overrides, seed: baseSeed, replicates: replicates)
    let folder = CompareFolder(
      provenance: provenance, labels: labels, scenarios: scenarios, seeds: seeds, outcomes: names,
      results: results, table: table)
    do {
      try folder.write(to: out)
    } catch {
      printError("error: could not write to \(out): \(error.localizedDescription)")
      throw ExitStatus.writeFailed
    }
  }

  /// Whether every outcome of every scenario has the same value in all replicates.
  static func everyReplicateIdentical(_ scenarios: [[String: [Double]]]) -> Bool {
    scenarios.allSatisfy { outcomes in
      outcomes.values.allSatisfy { values in
        values.allSatisfy { $0 == values[0] || ($0.isNaN && values[0].isNaN) }
      }
    }
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
