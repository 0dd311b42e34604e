import Experiments

extension SweepReportSource.Context {
  /// The primary outcome against each parameter: point means with replicate intervals, and
  /// the average over the other parameters at each distinct value.
  func responseSection() -> ReportDocument.Section? {
    guard let name = primaryOutcome, let values = byPoint[name], !values.isEmpty else { return nil }
    var items: [ReportDocument.Item] = []
    // Beyond 2,000 points a scatter stops being readable (and the file grows): show every k-th.
    let all = points.keys.sorted().filter { values[$0] != nil }
    let step = max(1, (all.count + 1_999) / 2_000)
    let keys = stride(from: 0, to: all.count, by: step).map { all[$0] }
    for (j, parameter) in plan.parameters.enumerated() {
      var chart = XYChart(
        title: "\(name) against \(parameter)", xLabel: parameter, yLabel: label(name))
      let scatter = keys.map { (x: points[$0]![j], y: values[$0]!.mean) }
      let whiskers = keys.map { key -> (low: Double, high: Double) in
        let interval = values[key]!.confidenceInterval()
        return (interval?.lowerBound ?? .nan, interval?.upperBound ?? .nan)
      }
      let showWhiskers = plan.replicates > 1 && keys.count <= 400
      chart.pointSets = [
        .init(
          name: showWhiskers ? "point mean, 95% CI" : plan.replicates > 1 ? "point mean" : "point",
          points: scatter,
          whiskers: showWhiskers ? whiskers : [])
      ]
      var groups: [Double: SampleStatistics] = [:]
      for point in scatter { groups[point.x, default: SampleStatistics()].add(point.y) }
      if groups.count <= 30 && groups.count < scatter.count {
        let xs = groups.keys.sorted()
        chart.lines = [
          .init(
            name: "mean over other parameters", points: xs.map { (x: $0, y: groups[$0]!.mean) })
        ]
      }
      items.append(
        .chart(
          ReportChart(
            id: "response-\(Self.slug(name))-\(Self.slug(parameter))",
            caption: "\(name) at each design point against \(parameter)"
              + (showWhiskers ? ", with 95% intervals over \(plan.replicates) replicates" : "")
              + (step > 1 ? " (every \(step)th of \(all.count) points)." : "."),
            svg: chart.svg())))
    }
    if let tornado = tornadoChart(name, keys: all) { items.insert(.chart(tornado), at: 0) }
    if let heat = heatMapChart(name, keys: all) { items.insert(.chart(heat), at: 0) }
    return ReportDocument.Section(
      id: "response", title: "\(name) against the parameters", items: items)
  }

  /// For each parameter, the mean of `name` over the points where the parameter is in its
  /// lowest fifth of values, and where it is in its highest fifth (for a grid: at its lowest and
  /// highest value), about the mean over all points; widest bar on top.
  func tornadoChart(_ name: String, keys: [Int]) -> ReportChart? {
    guard plan.parameters.count >= 2, keys.count >= 4, let values = byPoint[name] else {
      return nil
    }
    let overall = SampleStatistics(keys.map { values[$0]!.mean }).mean
    var rows: [TornadoChart.Row] = []
    for (j, parameter) in plan.parameters.enumerated() {
      let xs = keys.map { points[$0]![j] }.sorted()
      let lowCut = Quantile.of(sorted: xs, 0.2)
      let highCut = Quantile.of(sorted: xs, 0.8)
      let low = SampleStatistics(keys.filter { points[$0]![j] <= lowCut }.map { values[$0]!.mean })
      let high = SampleStatistics(
        keys.filter { points[$0]![j] >= highCut }.map { values[$0]!.mean })
      guard low.count > 0, high.count > 0 else { continue }
      rows.append(.init(name: parameter, low: low.mean, high: high.mean))
    }
    guard !rows.isEmpty else { return nil }
    let chart = TornadoChart(
      title: "What moves \(name) most", valueLabel: label(name), baseline: overall, rows: rows)
    return ReportChart(
      id: "tornado-\(Self.slug(name))",
      caption: "Mean of \(name) over the design points where each parameter is in its lowest "
        + "fifth of values (blue) and its highest fifth (orange), against the mean over all "
        + "points; parameters by decreasing swing. The means average over the other parameters.",
      svg: chart.svg())
  }

  /// A two-parameter grid: the mean of `name` in each cell.
  func heatMapChart(_ name: String, keys: [Int]) -> ReportChart? {
    guard plan.design == .grid, plan.parameters.count == 2, let values = byPoint[name] else {
      return nil
    }
    let xs = Set(keys.map { points[$0]![0] }).sorted()
    let ys = Set(keys.map { points[$0]![1] }).sorted()
    guard xs.count >= 2, ys.count >= 2, xs.count <= 40, ys.count <= 40 else { return nil }
    var cells = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
    for key in keys {
      let c = xs.firstIndex(of: points[key]![0])!
      let r = ys.firstIndex(of: points[key]![1])!
      cells[r][c] = values[key]!.mean
    }
    let chart = HeatMapChart(
      title: "\(name) over \(plan.parameters[0]) and \(plan.parameters[1])",
      xLabel: plan.parameters[0], yLabel: plan.parameters[1], valueLabel: name, xValues: xs,
      yValues: ys, values: cells)
    return ReportChart(
      id: "heatmap-\(Self.slug(name))",
      caption: "Mean of \(name) over replicates at each point of the grid of "
        + "\(plan.parameters[0]) and \(plan.parameters[1]); darker is higher.",
      svg: chart.svg())
  }

  /// Series grouped by prefix (`price.*`, `compute.*`) across every successful run of the
  /// design: the median per month, with the 50% and 90% bands of the runs (quartiles; 5th to
  /// 95th percentile). The largest series of a group (by mean magnitude) are drawn; the caption
  /// names those left out.
  func seriesSection() throws -> ReportDocument.Section? {
    let names = try database.seriesNames()
    guard !names.isEmpty else { return nil }
    var groups: [(prefix: String, names: [String])] = []
    for name in names {
      let prefix = String(name.prefix { $0 != "." })
      if let k = groups.firstIndex(where: { $0.prefix == prefix }) {
        groups[k].names.append(name)
      } else {
        groups.append((prefix, [name]))
      }
    }
    var items: [ReportDocument.Item] = [
      .paragraph(
        "Monthly series over all \(plan.runCount) planned runs of the design (every point and "
          + "replicate that succeeded): the line is the median per month, the bands hold the "
          + "middle 50% and 90% of the runs.")
    ]
    for group in groups {
      var loaded: [(name: String, months: [String], values: [[Double]], size: Double)] = []
      for name in group.names {
        var series = try database.seriesValuesByMonth(name)
        // A price of 0 before a chip's first sale means no market yet: leave it out.
        if group.prefix == "price" {
          let first = series.values.firstIndex { $0.contains { $0 > 0 } } ?? series.values.count
          for i in 0..<first { series.values[i] = [] }
        }
        let size = SampleStatistics(series.values.joined().filter(\.isFinite).map(abs)).mean
        loaded.append((name, series.months, series.values, size.isFinite ? size : 0))
      }
      let kept = loaded.sorted { $0.size != $1.size ? $0.size > $1.size : $0.name < $1.name }
        .prefix(options.seriesPerChart)
      let dropped = loaded.filter { item in !kept.contains { $0.name == item.name } }.map(\.name)
      var chart = XYChart(
        title: "\(group.prefix) per month", xLabel: "month",
        yLabel: options.units[group.prefix].map { "\(group.prefix) (\($0))" } ?? group.prefix)
      var months: [String] = []
      for item in kept where !item.months.isEmpty {
        if item.months.count > months.count { months = item.months }
        let label = String(item.name.dropFirst(group.prefix.count + 1))
        var line = XYChart.Line(
          fan:
            item.values, name: label.isEmpty ? item.name : label)
        if kept.count > 1 {
          line.band = []
          line.outerBand = []
        }
        chart.lines.append(line)
      }
      guard !chart.lines.isEmpty else { continue }
      chart.xTicks = XYChart.monthTicks(months)
      chart.logarithmic = options.logAxis.logarithmic(chart.lines)
      let shown = kept.count > 1 ? "medians over the runs" : "median with 50% and 90% bands"
      items.append(
        .chart(
          ReportChart(
            id: "series-\(Self.slug(group.prefix))",
            caption: "\(group.prefix) per month across the design, \(shown)"
              + (group.prefix == "price" ? ", from each chip's first sale" : "")
              + (dropped.isEmpty
                ? "."
                : "; the \(kept.count) largest of \(loaded.count) are drawn (left out: "
                  + dropped.joined(separator: ", ") + ")."),
            svg: chart.svg())))
    }
    guard items.count > 1 else { return nil }
    return ReportDocument.Section(id: "series", title: "Monthly series", items: items)
  }
}
