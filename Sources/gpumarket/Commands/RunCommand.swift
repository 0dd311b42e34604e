import ArgumentParser
import Foundation
import SafeIO
import ScenarioFormat
import Simulation

extension ExitStatus {
  /// The run stopped: a monthly invariant failed or a month's market could not be built.
  static let runStopped = ExitCode(5)
  /// `--out` could not be written.
  static let outputFailed = ExitCode(6)
}

/// `gpumarket run FILE`: plays a scenario month by month and reports what happened.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a scenario month by month and report prices, compute and holdings.",
    discussion: """
      FILE is a scenario file (YAML or JSON) or the name of a bundled scenario (see \
      `gpumarket scenarios`). The same file and seed give byte-identical output.

      Formats: table (default, readable), markdown (the same tables), csv (the summary as \
      name,value), json (one object: scenario, seed, months, prices, compute, summary).
      --out DIR also writes series.csv, series.json (every monthly table), summary.csv and \
      summary.json; each file is written to a temporary name and renamed, so none is ever \
      left half-written.

      Exit status: 0 success; 2 invalid input (file, line and key path on stderr); \
      5 the run stopped on a violated invariant (month, entity and numbers on stderr); \
      6 --out could not be written (nothing in it is changed); 64 bad command-line usage.
      """
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
    guard let scenario = ScenarioCheck.check(file, overrides: overrides).scenario else {
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
        try write(result, to: out)
      } catch {
        printError("error: \(error)")
        throw ExitStatus.outputFailed
      }
    }
  }

  /// Writes the four files into `directory` (created if missing), all or none: a failure leaves
  /// whatever was there before, and no temporary file.
  private func write(_ result: RunResult, to directory: String) throws(AtomicFiles.WriteError) {
    let created = try AtomicFiles.createFolder(directory)
    do throws(AtomicFiles.WriteError) {
      try write(result, into: directory)
    } catch {
      AtomicFiles.removeFolders(created)
      throw error
    }
  }

  private func write(_ result: RunResult, into directory: String) throws(AtomicFiles.WriteError) {
    try AtomicFiles.write(
      [
        ("series.csv", result.seriesCSV()), ("series.json", result.seriesJSON()),
        ("summary.csv", result.summaryCSV()), ("summary.json", result.summaryJSON()),
      ].map { name, text in
        (
          path: directory.hasSuffix("/") ? directory + name : directory + "/" + name,
          contents: Array(text.utf8)
        )
      })
  }
}
