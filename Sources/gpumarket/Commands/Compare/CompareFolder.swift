import Experiments
import Foundation
import Reports
import SafeIO
import ScenarioExperiments
import Simulation

/// The folder `gpumarket compare --out DIR` writes, which `gpumarket report DIR` reads
/// (docs/reports.md lists the files):
///
/// - `provenance.json`: version, date, seed, overrides and each scenario as resolved;
/// - `comparison.csv`, `comparison.md`: the table printed on standard output;
/// - `replicates.csv`: `scenario,replicate,seed,outcome,value`, one row per run and outcome;
/// - `series.csv`: `scenario,replicate,series,month,value` (spot price per chip, $/GPU-hour;
///   compute per named buyer, H100e GPU-hours);
/// - `events.csv`: `scenario,month,label`, each scenario's dated events and contract starts.
///
/// Each file is written to a temporary name and renamed, so none is ever left half-written.
struct CompareFolder {
  let provenance: Provenance
  let labels: [String]
  let scenarios: [Scenario]
  let seeds: [UInt64]
  let outcomes: [String]
  let results: [[RunResult]]
  let table: ReportTable

  /// Writes the six files into `directory` (created if missing), all or none: a failure leaves
  /// whatever was there before, and no temporary file.
  func write(to directory: String) throws(AtomicFiles.WriteError) {
    let files: [(name: String, text: String)] = [
      ("provenance.json", provenance.json()),
      ("comparison.csv", TableRenderer.csv(table)),
      ("comparison.md", TableRenderer.markdown(table) + "\n"),
      ("replicates.csv", replicatesCSV()),
      ("series.csv", seriesCSV()),
      ("events.csv", eventsCSV()),
    ]
    let created = try AtomicFiles.createFolder(directory)
    do throws(AtomicFiles.WriteError) {
      try AtomicFiles.write(
        files.map { name, text in
          (
            path: directory.hasSuffix("/") ? directory + name : directory + "/" + name,
            contents: Array(text.utf8)
          )
        })
    } catch {
      AtomicFiles.removeFolders(created)
      throw error
    }
  }

  func replicatesCSV() -> String {
    var lines = ["scenario,replicate,seed,outcome,value"]
    for (s, runs) in results.enumerated() {
      for (k, run) in runs.enumerated() {
        for name in outcomes {
          let value = run.metric(name).map(Self.number) ?? ""
          lines.append("\(Self.field(labels[s])),\(k),\(seeds[k]),\(Self.field(name)),\(value)")
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func seriesCSV() -> String {
    var lines = ["scenario,replicate,series,month,value"]
    for (s, runs) in results.enumerated() {
      for (k, run) in runs.enumerated() {
        for (name, values) in ScenarioModel.outcome(run, includeSeries: true).series {
          for (month, value) in zip(run.months, values) {
            lines.append(
              "\(Self.field(labels[s])),\(k),\(Self.field(name)),\(month),\(Self.number(value))")
          }
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func eventsCSV() -> String {
    var lines = ["scenario,month,label"]
    for (s, scenario) in scenarios.enumerated() {
      var marks: [(month: YearMonth, label: String)] = scenario.events.map {
        ($0.at, $0.note.isEmpty ? Self.kindName($0.kind) : $0.note)
      }
      marks += scenario.contracts.map { ($0.start, "contract \($0.id) starts") }
      for mark in marks.sorted(by: { $0.month < $1.month }) {
        lines.append("\(Self.field(labels[s])),\(mark.month),\(Self.field(mark.label))")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func kindName(_ kind: EventKind) -> String {
    switch kind {
    case .supplyMultiplier: "supply multiplier"
    case .demandMultiplier: "demand multiplier"
    case .exportBan(let region, _, _, _, _): "export ban (\(region))"
    case .priceCap(let chip, _): "price cap (\(chip))"
    case .chipDelay(let chip, _): "delay of \(chip)"
    case .newSite(let site): "new site \(site.id)"
    case .siteDelay(let site, _): "delay of \(site)"
    case .newContract(let contract): "contract \(contract.id) signed"
    }
  }

  /// Shortest text that reads back as the same double; empty for NaN.
  static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }

  /// A CSV field, quoted when it holds a comma, quote or newline.
  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
