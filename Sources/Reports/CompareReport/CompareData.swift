import Experiments
import Foundation

/// The files of a compare folder, read into memory: per-replicate outcomes, monthly series per
/// replicate, dated events per scenario, and the provenance.
struct CompareData {
  /// Scenario labels in the order of the comparison (the first is the reference).
  var labels: [String] = []
  var outcomes: [String] = []
  /// label → outcome → value per replicate (NaN where missing).
  var values: [String: [String: [Double]]] = [:]
  var replicateCount = 0
  var months: [String] = []
  var seriesNames: [String] = []
  /// label → series → month index → value per replicate.
  var series: [String: [String: [[Double]]]] = [:]
  /// label → (month, text), in date order.
  var events: [String: [(month: String, label: String)]] = [:]
  var provenance: Provenance?

  init(folder: String) throws {
    let replicateRows = try CSVRows.read(
      folder + "/replicates.csv", header: ["scenario", "replicate", "seed", "outcome", "value"])
    for row in replicateRows {
      let label = row[0]
      guard let k = Int(row[1]), k >= 0, k < 100_000 else { continue }
      if !labels.contains(label) { labels.append(label) }
      if values[label]?[row[3]] == nil, !outcomes.contains(row[3]) { outcomes.append(row[3]) }
      var list = values[label, default: [:]][row[3], default: []]
      while list.count <= k { list.append(.nan) }
      list[k] = Double(row[4]) ?? .nan
      values[label, default: [:]][row[3]] = list
      replicateCount = max(replicateCount, k + 1)
    }
    guard !labels.isEmpty else {
      throw ReportError.unsupported(folder, "replicates.csv has no rows")
    }
    if FileManager.default.fileExists(atPath: folder + "/series.csv") {
      try readSeries(folder + "/series.csv")
    }
    if FileManager.default.fileExists(atPath: folder + "/events.csv") {
      for row in try CSVRows.read(folder + "/events.csv", header: ["scenario", "month", "label"]) {
        events[row[0], default: []].append((row[1], row[2]))
      }
    }
    if let data = FileManager.default.contents(atPath: folder + "/provenance.json") {
      provenance = Provenance(json: String(decoding: data, as: UTF8.self))
    }
  }

  private mutating func readSeries(_ path: String) throws {
    let rows = try CSVRows.read(
      path, header: ["scenario", "replicate", "series", "month", "value"])
    var monthIndex: [String: Int] = [:]
    for row in rows where monthIndex[row[3]] == nil {
      monthIndex[row[3]] = 0
      months.append(row[3])
    }
    months.sort()
    for (i, month) in months.enumerated() { monthIndex[month] = i }
    for row in rows {
      guard let k = Int(row[1]), k >= 0, k < replicateCount, let t = monthIndex[row[3]] else {
        continue
      }
      let name = row[2]
      if !seriesNames.contains(name) { seriesNames.append(name) }
      if series[row[0]]?[name] == nil {
        series[row[0], default: [:]][name] = Array(
          repeating: Array(repeating: .nan, count: replicateCount), count: months.count)
      }
      series[row[0]]![name]![t][k] = Double(row[4]) ?? .nan
    }
  }
}
