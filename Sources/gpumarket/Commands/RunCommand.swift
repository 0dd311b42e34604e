import ArgumentParser
import Experiments
import Foundation
import SafeIO
import ScenarioFormat
import Simulation

extension ExitStatus {
  /// The run stopped: a monthly invariant failed or a month's market could not be built.
  static let runStopped = ExitCode(5)
  /// `--out` could not be written (the status every command uses for an unwritable output).
  static let outputFailed = writeFailed
}

/// `gpumarket run FILE`: plays a scenario month by month and reports what happened.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a scenario month by month and report prices, compute and holdings.",
    discussion: CommandHelp.discussion(
      """
      FILE is a scenario file (YAML or JSON) or the name of a bundled scenario (see \
      `gpumarket scenarios`). The same file and seed give byte-identical output.

      Formats: table (default, readable), markdown (the same tables), csv (the summary as \
      name,value), json (one object: scenario, seed, months, prices, compute, summary).
      --out DIR also writes series.csv, series.json (every monthly table), summary.csv, \
      summary.json and provenance.json (version, date, seed, --set overrides and the scenario \
      as resolved after extends and --set), all or none: a failure leaves what was there before \
      and no temporary file.
      """,
      examples: [
        "gpumarket run baseline-2026",
        "gpumarket run baseline-2026 --set market.sigma=6 --seed 7 --out sigma6",
        "gpumarket report sigma6 --out sigma6.md",
      ])
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, csv, json
  }

  @Argument(help: "The scenario file, or a bundled scenario's name.")
  var file: String

  @Option(help: "Seed for every random draw (default: the scenario's seed).")
  var seed: UInt64?

  @Option(help: "Directory to write the full monthly series and the summary to.")
  var out: String?

  @Option(help: "Output format: table, markdown, csv or json.")
  var format: Format = .table

  @Option(name: .customLong("set"), help: "Override a value: key.path=value (repeatable).")
  var overrides: [String] = []

  func run() throws {
    let checked = ScenarioCheck.check(file, overrides: overrides)
    guard let scenario = checked.scenario, let document = checked.document else {
      throw ExitStatus.invalidInput
    }
    let result: RunResult
    do {
      result = try Engine.run(scenario, seed: seed ?? scenario.defaultSeed)
    } catch {
      printError("error: \(error.description)")
      throw ExitStatus.runStopped
    }
    let unconverged = result.unconvergedMonths
    if !unconverged.isEmpty {
      printError(
        "warning: the spot market did not clear to the tolerance in \(unconverged.count) month(s): "
          + unconverged.prefix(6).joined(separator: ", ")
          + " (raise market.maxIterations or market.tolerance)")
    }
    switch format {
    case .json: print(result.summaryJSON(), terminator: "")
    case .csv: print(result.summaryCSV(), terminator: "")
    case .table: print(RunReport(result).render(markdown: false), terminator: "")
    case .markdown: print(RunReport(result).render(markdown: true), terminator: "")
    }
    if let out {
      do {
        let provenance = Provenance(
          command: "run",
          scenarios: [
            .init(name: scenario.name, source: file, resolved: document.json.serialized(indent: 0))
          ], overrides: overrides, seed: result.seed)
        try write(result, provenance: provenance, to: out)
      } catch {
        printError("error: \(error)")
        throw ExitStatus.outputFailed
      }
    }
  }

  /// Writes the five files into `directory` (created if missing), all or none: a failure leaves
  /// whatever was there before, and no temporary file.
  private func write(
    _ result: RunResult, provenance: Provenance, to directory: String
  ) throws(AtomicFiles.WriteError) {
    let created = try AtomicFiles.createFolder(directory)
    do throws(AtomicFiles.WriteError) {
      try write(result, provenance: provenance, into: directory)
    } catch {
      AtomicFiles.removeFolders(created)
      throw error
    }
  }

  private func write(
    _ result: RunResult, provenance: Provenance, into directory: String
  ) throws(AtomicFiles.WriteError) {
    try AtomicFiles.write(
      [
        ("series.csv", result.seriesCSV()), ("series.json", result.seriesJSON()),
        ("summary.csv", result.summaryCSV()), ("summary.json", result.summaryJSON()),
        ("provenance.json", provenance.json()),
      ].map { name, text in
        (
          path: directory.hasSuffix("/") ? directory + name : directory + "/" + name,
          contents: Array(text.utf8)
        )
      })
  }
}
