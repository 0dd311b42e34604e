import Foundation

/// The contract market in a run report: the forward curve by tenor at chosen months (one chart
/// per chip) and the contracted share of rented GPU-hours over time.
extension RunFolderReportSource {
  /// The x ticks of a forward-curve chart: tenor in months, spot at 0 (the 1-month point is
  /// drawn without a tick, which would overprint "spot").
  static let tenorAxis: [(value: Double, label: String)] = [
    (0, "spot"), (3, "3"), (6, "6"), (12, "12"), (24, "24"), (36, "36"),
  ]

  /// The months drawn when none is asked for: June of every year of the run (the first month
  /// of a run shorter than that).
  static func defaultForwardMonths(_ months: [String]) -> [String] {
    let june = months.filter { $0.hasSuffix("-06") }
    return june.isEmpty ? Array(months.prefix(1)) : june
  }

  /// `forward` of `summary.json`: chip → tenor (months) → monthly price, chips in `order` (the
  /// run's chip order, from `series.csv`; others after, by name).
  func readForward(order: [String]) -> [(chip: String, tenors: [Int], prices: [[Double]])] {
    let url = URL(fileURLWithPath: path).appendingPathComponent("summary.json")
    guard let data = FileManager.default.contents(atPath: url.path),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let forward = object["forward"] as? [String: Any]
    else { return [] }
    let known = order.filter { forward[$0] != nil }
    let chips = known + forward.keys.filter { !known.contains($0) }.sorted()
    return chips.compactMap { chip in
      guard let byTenor = forward[chip] as? [String: Any] else { return nil }
      let tenors = byTenor.keys.compactMap { Int($0) }.sorted()
      let prices = tenors.map { tenor in
        (byTenor[String(tenor)] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
      }
      return (chip, tenors, prices)
    }
  }

  /// One forward-curve chart per chip offered at any of `chosen` months: price against tenor,
  /// one line per month, the spot price at tenor 0; its y axis as `logAxis` chooses.
  func forwardSection(_ series: Series, chosen: [String]) -> ReportDocument.Section? {
    let prices = series.tables["priceUSDPerGPUHour"] ?? []
    let forward = readForward(order: prices.map(\.id))
    let spot = Dictionary(prices.map { ($0.id, $0.values) }, uniquingKeysWith: { a, _ in a })
    let steps = chosen.compactMap { month in series.months.firstIndex(of: month) }
    guard !steps.isEmpty else { return nil }
    var items: [ReportDocument.Item] = []
    for curve in forward {
      let chart = Self.forwardChart(
        chip: curve.chip, tenors: curve.tenors, prices: curve.prices,
        spot: spot[curve.chip] ?? [], months: series.months, steps: steps, logAxis: logAxis)
      guard let chart else { continue }
      items.append(
        .chart(
          ReportChart(
            id: "forward-\(curve.chip)",
            caption:
              "Posted contract price of \(curve.chip) by tenor (months) at "
              + steps.map { series.months[$0] }.joined(separator: ", ")
              + "; spot is the month's average spot price. A curve falling with tenor is "
              + "backwardated (spot above its long-run price).",
            svg: chart.svg())))
    }
    guard !items.isEmpty else { return nil }
    return ReportDocument.Section(
      id: "forward-curve", title: "Forward curve by tenor", items: items)
  }

  /// The chart of one chip, or nil when the chip is not offered at any of the steps; a log y
  /// axis where `logAxis` asks for one (by default where the prices span more than a decade, as
  /// a launch month's spot price against the long tenors can).
  static func forwardChart(
    chip: String, tenors: [Int], prices: [[Double]], spot: [Double], months: [String],
    steps: [Int], logAxis: LogAxis
  ) -> XYChart? {
    var chart = XYChart(
      title: "Forward curve of \(chip)", xLabel: "tenor (months)", yLabel: "$/GPU-hour")
    chart.xTicks = tenorAxis
    for t in steps {
      var points: [(x: Double, y: Double)] = []
      if t < spot.count, spot[t].isFinite { points.append((0, spot[t])) }
      for (k, tenor) in tenors.enumerated() where t < prices[k].count && prices[k][t].isFinite {
        points.append((Double(tenor), prices[k][t]))
      }
      guard points.count > 1 else { continue }
      chart.lines.append(XYChart.Line(name: months[t], points: points))
    }
    chart.logarithmic = logAxis.logarithmic(chart.lines)
    return chart.lines.isEmpty ? nil : chart
  }

  /// Contracted GPU-hours over contracted plus spot-sold GPU-hours, each month: all providers,
  /// and each provider that sold any; the chart's y axis as `logAxis` chooses (by default log
  /// where a provider's share spans more than a decade, as a small first contract against a
  /// later book does).
  func contractedShareSection(_ series: Series) -> ReportDocument.Section? {
    guard let contracted = series.tables["contractGPUHours"],
      let spot = series.tables["spotSoldGPUHours"]
    else { return nil }
    let spotOf = Dictionary(spot.map { ($0.id, $0.values) }, uniquingKeysWith: { a, _ in a })
    let n = series.months.count
    var total = [Double](repeating: 0, count: n)
    var rented = [Double](repeating: 0, count: n)
    var lines: [(id: String, values: [Double])] = []
    for row in contracted {
      let sold = spotOf[row.id] ?? [Double](repeating: 0, count: n)
      var share = [Double](repeating: .nan, count: n)
      var any = false
      for t in 0..<n {
        let c = row.values[t].isFinite ? row.values[t] : 0
        let s = sold[t].isFinite ? sold[t] : 0
        total[t] += c
        rented[t] += c + s
        if c + s > 0 {
          share[t] = c / (c + s)
          any = true
        }
      }
      if any { lines.append((row.id, share)) }
    }
    let all = (0..<n).map { rented[$0] > 0 ? total[$0] / rented[$0] : .nan }
    var chart = XYChart(
      title: "Contracted share of rented GPU-hours", xLabel: "month", yLabel: "fraction")
    chart.xTicks = XYChart.monthTicks(series.months)
    for row in [("all providers", all)] + lines {
      chart.lines.append(
        XYChart.Line(
          name: row.0, points: row.1.enumerated().map { (x: Double($0.offset), y: $0.element) }))
    }
    chart.logarithmic = logAxis.logarithmic(chart.lines)
    var yearly: [(year: String, steps: [Int])] = []
    for (t, month) in series.months.enumerated() {
      let year = String(month.prefix(4))
      if yearly.last?.year == year {
        yearly[yearly.count - 1].steps.append(t)
      } else {
        yearly.append((year, [t]))
      }
    }
    let table = ReportTable(
      id: "contracted-share-by-year",
      title: "Contracted share of rented GPU-hours by year (all providers)",
      columns: ["year", "contracted share"],
      rows: yearly.map { year in
        let c = year.steps.reduce(0) { $0 + total[$1] }
        let r = year.steps.reduce(0) { $0 + rented[$1] }
        return [.text(year.year), r > 0 ? .number(c / r) : .empty]
      },
      note: "contractedShare.<year> of the run: contracted over contracted plus spot-sold.")
    return ReportDocument.Section(
      id: "contracted-share", title: "Contracted share",
      items: [
        .chart(
          ReportChart(
            id: "contracted-share",
            caption:
              "Contracted GPU-hours (scripted and model-signed) over contracted plus spot-sold "
              + "GPU-hours each month, for all providers and each provider; own use is not rented.",
            svg: chart.svg())),
        .table(table),
      ])
  }
}
