import Experiments
import Foundation

/// A report of one run from the folder `gpumarket run --out DIR` wrote: the monthly series
/// (`series.json`) and the named outcomes (`summary.json`).
///
/// Sections: spot price per chip over time, compute per buyer over time, installed H100e per
/// provider over time (charts), yearly tables of the same, the contracted share of rented
/// GPU-hours over time, the forward curve by tenor at chosen months (one chart per chip), and
/// every named outcome.
public struct RunFolderReportSource: ReportSource {
  public let path: String
  /// Months (`YYYY-MM`) at which the forward curve is drawn; empty: June of every year.
  public var forwardMonths: [String]
  /// How each chart's y axis is chosen: by default logarithmic where a chart's values span more
  /// than a decade (compute per buyer does: the largest labs buy hundreds of times what the
  /// smallest do).
  public var logAxis: LogAxis

  public init(path: String, forwardMonths: [String] = [], logAxis: LogAxis = .auto) {
    self.path = path
    self.forwardMonths = forwardMonths
    self.logAxis = logAxis
  }

  /// The parts of `series.json` a report uses.
  struct Series {
    var scenario: String
    var seed: String
    var months: [String]
    /// Table name → ordered (entity, monthly values); NaN where a value is null.
    var tables: [String: [(id: String, values: [Double])]]
  }

  public func makeDocument() throws -> ReportDocument {
    let series = try readSeries()
    let summary = try readSummary()
    let provenance = FileManager.default.contents(atPath: path + "/provenance.json").flatMap {
      Provenance(json: String(decoding: $0, as: UTF8.self))
    }
    // A run with --set is not the scenario as written: the title says so.
    let overrides = provenance?.overrides ?? []
    let modified = overrides.isEmpty ? "" : " with --set " + overrides.joined(separator: " ")
    var document = ReportDocument(
      title: "Run of \(series.scenario)\(modified) (seed \(series.seed))")
    var about: [ReportDocument.Item] = [
      .paragraph(
        "Scenario \(series.scenario)\(modified), seed \(series.seed), \(series.months.first ?? "")"
          + " to \(series.months.last ?? "") (\(series.months.count) steps). Source: \(path).")
    ]
    if let provenance { about.append(.paragraph(provenance.sentence)) }
    document.sections.append(ReportDocument.Section(id: "run", title: "Run", items: about))
    for spec in Self.charts {
      guard let rows = series.tables[spec.table], !rows.isEmpty else { continue }
      var chart = XYChart(title: spec.title, xLabel: "month", yLabel: spec.unit)
      chart.xTicks = XYChart.monthTicks(series.months)
      // Rows that never leave zero (a chip never retired) stay in the table but not the chart.
      let drawable = rows.filter { $0.values.contains { $0.isFinite && $0 != 0 } }
      for row in Self.largest(drawable, limit: 10) {
        chart.lines.append(
          XYChart.Line(
            name: row.id,
            points: row.values.enumerated().map {
              (x: Double($0.offset), y: $0.element * spec.scale)
            }))
      }
      chart.logarithmic = logAxis.logarithmic(chart.lines)
      let shown =
        drawable.count > 10 ? " The 10 largest of \(drawable.count) are drawn." : ""
      let table = ReportDocument.Item.table(yearlyTable(rows, months: series.months, spec: spec))
      let chartItem = ReportDocument.Item.chart(
        ReportChart(id: spec.id, caption: spec.note + shown, svg: chart.svg()))
      document.sections.append(
        ReportDocument.Section(
          id: spec.id, title: spec.title, items: drawable.isEmpty ? [table] : [chartItem, table]))
    }
    if let section = contractedShareSection(series) { document.sections.append(section) }
    let chosen = forwardMonths.isEmpty ? Self.defaultForwardMonths(series.months) : forwardMonths
    if let section = forwardSection(series, chosen: chosen) {
      document.sections.append(section)
    }
    let outcomes = ReportTable(
      id: "outcomes", title: "Named outcomes", columns: ["outcome", "value"],
      rows: summary.map { [.text($0.name), .number($0.value)] },
      note: "Names are metric.entity.period; docs/model.md lists the metrics and their units.")
    document.sections.append(
      ReportDocument.Section(id: "outcomes", title: "Outcomes", items: [.table(outcomes)]))
    return document
  }

  /// How a monthly series becomes one number per year.
  enum YearlyAggregation: String {
    /// Prices: the mean over the months with a value.
    case mean
    /// Stocks (installed capacity): the last month's value.
    case yearEnd = "year end"
    /// Flows (GPU-hours): the sum over the months.
    case total
    /// Peaks (a buyer's largest block): the largest month.
    case largest = "largest month"
  }

  /// One chart and its yearly table: which `series.csv` table, its unit and scale, how to sum a year.
  struct ChartSpec {
    var table: String
    var id: String
    var title: String
    var unit: String
    var scale: Double
    var aggregation: YearlyAggregation
    var note: String
  }

  static let charts = [
    ChartSpec(
      table: "priceUSDPerGPUHour", id: "spot-price", title: "Spot price per chip",
      unit: "$/GPU-hour",
      scale: 1, aggregation: .mean,
      note: "Average spot price per chip each month; gaps where a chip did not trade."),
    ChartSpec(
      table: "computeH100eHours", id: "compute", title: "Compute per buyer",
      unit: "million H100e GPU-hours per month", scale: 1e-6, aggregation: .total,
      note:
        "H100-equivalent GPU-hours each buyer received each month (own use, contracts and spot)."),
    ChartSpec(
      table: "installedH100e", id: "installed", title: "Installed capacity per provider",
      unit: "thousand H100e", scale: 1e-3, aggregation: .yearEnd,
      note: "Installed H100-equivalents at each provider at the end of each month."),
    ChartSpec(
      table: "installedByRegionH100e", id: "installed-by-region",
      title: "Installed capacity per region", unit: "thousand H100e", scale: 1e-3,
      aggregation: .yearEnd,
      note: "Installed H100-equivalents of the providers in each region at the end of each month."),
    ChartSpec(
      table: "largestBlockH100e", id: "largest-block", title: "Largest block per buyer",
      unit: "thousand H100e", scale: 1e-3, aggregation: .largest,
      note:
        "The largest block of chips each buyer holds at one campus site each month (own use, sited contracts and training campaigns' blocks): what bounds the largest run it can train."
    ),
    ChartSpec(
      table: "usedPriceUSD", id: "used-price", title: "Used price per chip",
      unit: "thousand USD per chip", scale: 1e-3, aggregation: .mean,
      note:
        "Present value of a chip's expected net rents, the price retired chips sell at; gaps while nobody holds the chip."
    ),
    ChartSpec(
      table: "retiredChips", id: "retired", title: "Chips retired for better ones",
      unit: "thousand chips per month", scale: 1e-3, aggregation: .total,
      note: "Installed chips their owners took out to power newer waiting chips."),
    ChartSpec(
      table: "ordersCutByPowerUSD", id: "orders-cut-by-power",
      title: "Orders cut for want of power", unit: "billion USD per month", scale: 1e-9,
      aggregation: .total,
      note:
        "Orders a provider did not place, and its own chips (TPU, Trainium) not made, because the chips it holds, has in transit and on order already need the power it expects when they arrive; own chips at list price."
    ),
  ]

  /// One row per entity, one column per calendar year, aggregated as `spec` says.
  private func yearlyTable(
    _ rows: [(id: String, values: [Double])], months: [String], spec: ChartSpec
  ) -> ReportTable {
    var years: [(year: String, months: [Int])] = []
    for (t, month) in months.enumerated() {
      let year = String(month.prefix(4))
      if years.last?.year == year {
        years[years.count - 1].months.append(t)
      } else {
        years.append((year, [t]))
      }
    }
    var tableRows: [[ReportTable.Cell]] = []
    for row in rows {
      var cells: [ReportTable.Cell] = [.text(row.id)]
      for year in years {
        let values = year.months.map { row.values[$0] }
        let finite = values.filter(\.isFinite)
        switch spec.aggregation {
        case .mean:
          cells.append(
            finite.isEmpty
              ? .empty : .number(finite.reduce(0, +) / Double(finite.count) * spec.scale))
        case .yearEnd: cells.append(values.last.map { .number($0 * spec.scale) } ?? .empty)
        case .total: cells.append(.number(finite.reduce(0, +) * spec.scale))
        case .largest: cells.append(finite.max().map { .number($0 * spec.scale) } ?? .empty)
        }
      }
      tableRows.append(cells)
    }
    let unit =
      spec.aggregation == .total
      ? spec.unit.replacingOccurrences(of: " per month", with: " per year") : spec.unit
    return ReportTable(
      id: "\(spec.id)-by-year",
      title: "\(spec.title) by year (\(spec.aggregation.rawValue), \(unit))",
      columns: ["entity"] + years.map(\.year),
      rows: tableRows)
  }

  /// The `limit` rows with the largest sums, in their original order.
  static func largest(_ rows: [(id: String, values: [Double])], limit: Int) -> [(
    id: String, values: [Double]
  )] {
    guard rows.count > limit else { return rows }
    let keep = Set(
      rows.enumerated().sorted { a, b in
        let sa = a.element.values.filter(\.isFinite).reduce(0, +)
        let sb = b.element.values.filter(\.isFinite).reduce(0, +)
        return sa != sb ? sa > sb : a.offset < b.offset
      }.prefix(limit).map(\.offset))
    return rows.enumerated().filter { keep.contains($0.offset) }.map(\.element)
  }

  private func readJSON(_ name: String) throws -> [String: Any] {
    let url = URL(fileURLWithPath: path).appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ReportError.unsupported(
        path, "not a run folder: \(name) is missing (write one with gpumarket run --out)")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw ReportError.unsupported(url.path, "not valid JSON")
    }
    return object
  }

  /// Scenario, seed and months from `summary.json`; the tables from `series.csv` (long form,
  /// `table,entity,month,value`), which keeps the run's entity order.
  func readSeries() throws -> Series {
    let object = try readJSON("summary.json")
    guard let months = object["months"] as? [String] else {
      throw ReportError.unsupported(path, "summary.json has no months")
    }
    let url = URL(fileURLWithPath: path).appendingPathComponent("series.csv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw ReportError.unsupported(
        path, "not a run folder: series.csv is missing (write one with gpumarket run --out)")
    }
    let monthIndex = Dictionary(uniqueKeysWithValues: months.enumerated().map { ($1, $0) })
    var tables: [String: [(id: String, values: [Double])]] = [:]
    var rowOf: [String: [String: Int]] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
      let fields = Self.csvFields(line)
      guard fields.count == 4, let t = monthIndex[fields[2]] else { continue }
      let (table, id) = (fields[0], fields[1])
      let row: Int
      if let existing = rowOf[table]?[id] {
        row = existing
      } else {
        row = tables[table, default: []].count
        tables[table, default: []].append((id, [Double](repeating: .nan, count: months.count)))
        rowOf[table, default: [:]][id] = row
      }
      tables[table]![row].values[t] = Double(fields[3]) ?? .nan
    }
    return Series(
      scenario: object["scenario"] as? String ?? "?",
      seed: (object["seed"] as? NSNumber)?.stringValue ?? "?",
      months: months, tables: tables)
  }

  /// Splits one CSV line (RFC 4180 quoting).
  static func csvFields(_ line: Substring) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var previousQuote = false
    for character in line {
      if quoted {
        if character == "\"" {
          quoted = false
          previousQuote = true
        } else {
          field.append(character)
        }
      } else if character == "\"" {
        if previousQuote { field.append("\"") }
        quoted = true
        previousQuote = false
      } else if character == "," {
        fields.append(field)
        field = ""
        previousQuote = false
      } else {
        field.append(character)
        previousQuote = false
      }
    }
    fields.append(field)
    return fields
  }

  /// The named outcomes in file order.
  func readSummary() throws -> [(name: String, value: Double)] {
    let url = URL(fileURLWithPath: path).appendingPathComponent("summary.csv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw ReportError.unsupported(
        path, "not a run folder: summary.csv is missing (write one with gpumarket run --out)")
    }
    return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
      let fields = Self.csvFields(line)
      guard fields.count == 2, let value = Double(fields[1]) else { return nil }
      return (fields[0], value)
    }
  }

}
