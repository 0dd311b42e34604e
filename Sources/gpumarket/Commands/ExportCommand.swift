import ArgumentParser
import Experiments
import Foundation
import JSONWriting

/// `gpumarket export DB`: one row per run of a sweep database, for pandas, R or a spreadsheet.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write a sweep database as one row per run (CSV or JSON lines).",
    discussion: CommandHelp.discussion(
      """
      Columns: run_id, point, replicate, seed, status, error, one column per swept parameter \\
      (named by its key path), then one per outcome (or those --outcome names). A value that is \\
      missing or not a number is empty in CSV and null in JSON lines. With --out FILE the units \\
      of every column go beside it in FILE-units.csv (column,unit). docs/results-database.md \\
      shows how to read the file with pandas and R.
      """,
      examples: [
        "gpumarket sweep builtin:ishigami --vary x1=0..1:3 --replicates 2 --out s.sqlite",
        "gpumarket export s.sqlite --out runs.csv",
        "gpumarket export s.sqlite --format jsonl --outcome y",
      ])
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case csv, jsonl
  }

  @Argument(help: "A sweep database written by `gpumarket sweep` or `gpumarket merge`.")
  var database: String

  @Option(help: "Output format: csv or jsonl. (default: from --out's extension, else csv)")
  var format: Format?

  @Option(help: "Output file; standard output when absent.")
  var out: String?

  @Option(help: "An outcome to export, or a prefix ending in * (repeatable; default: all).")
  var outcome: [String] = []

  func run() throws {
    let source: SweepDatabase
    let names: [String]
    do {
      source = try SweepDatabase(path: database)
      let all = try source.outcomeNames()
      names = try Self.select(outcome, from: all)
    } catch {
      throw CommandError.exit("\(error)", code: 2)
    }
    let resolved =
      format ?? (out.map { ($0 as NSString).pathExtension.lowercased() } == "jsonl" ? .jsonl : .csv)
    let columns =
      ["run_id", "point", "replicate", "seed", "status", "error"] + source.plan.parameters + names
    var text = resolved == .csv ? columns.map(Self.csvField).joined(separator: ",") + "\n" : ""
    try source.forEachRun(outcomes: names) { run in
      let numbers = run.parameters + run.outcomes
      switch resolved {
      case .csv:
        let fixed = [
          String(run.runID), String(run.point), String(run.replicate), run.seed, run.status,
          Self.csvField(run.error),
        ]
        text += (fixed + numbers.map { $0.isFinite ? "\($0)" : "" }).joined(separator: ",") + "\n"
      case .jsonl:
        let fixed = [
          String(run.runID), String(run.point), String(run.replicate), JSONText.string(run.seed),
          JSONText.string(run.status), JSONText.string(run.error),
        ]
        let fields = zip(columns, fixed + numbers.map { $0.isFinite ? "\($0)" : "null" }).map {
          JSONText.string($0) + ":" + $1
        }
        text += "{" + fields.joined(separator: ",") + "}\n"
      }
    }
    guard let out else {
      print(text, terminator: "")
      return
    }
    let units =
      ["column,unit"] + columns.map { "\(Self.csvField($0)),\(Self.csvField(Self.unit(of: $0)))" }
    let stem = (out as NSString).deletingPathExtension
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
      try Data((units.joined(separator: "\n") + "\n").utf8).write(
        to: URL(fileURLWithPath: stem + "-units.csv"), options: .atomic)
    } catch {
      throw CommandError.exit("cannot write \(out): \(error.localizedDescription)", code: 74)
    }
  }

  /// Outcome names matching `patterns` (exact, or a prefix ending in *), in database order.
  static func select(_ patterns: [String], from all: [String]) throws -> [String] {
    guard !patterns.isEmpty else { return all }
    var names: [String] = []
    for pattern in patterns {
      let matches = all.filter {
        pattern.hasSuffix("*") ? $0.hasPrefix(pattern.dropLast()) : $0 == pattern
      }
      guard !matches.isEmpty else {
        throw ValidationError(
          "no outcome matches '\(pattern)'; the database has: "
            + all.prefix(20).joined(separator: ", ") + (all.count > 20 ? ", …" : ""))
      }
      names += matches.filter { !names.contains($0) }
    }
    return names
  }

  /// The unit of a column, from its metric (the part before the first dot); docs/model.md
  /// defines the metrics. Swept parameters carry the unit of their scenario key.
  static func unit(of column: String) -> String {
    let units = [
      "run_id": "", "point": "", "replicate": "", "seed": "", "status": "ok or failed",
      "error": "", "price": "$/GPU-hour", "compute": "H100e GPU-hours", "share": "fraction",
      "hhi": "index 0-10000", "shipments": "chips", "revenue": "USD", "installed": "H100e",
      "installedShare": "fraction", "waiting": "H100e",
    ]
    if let unit = units[column] { return unit }
    return units[String(column.prefix { $0 != "." })] ?? "as the scenario key"
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
