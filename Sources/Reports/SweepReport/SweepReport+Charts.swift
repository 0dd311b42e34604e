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
    for (j, parameter) in plan.parameters.enumerated().prefix(6) {
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
    return ReportDocument.Section(
      id: "response", title: "\(name) against the parameters", items: items)
  }

  /// Series grouped by prefix (`price.*`, `compute.*`): mean over the replicates of the first
  /// point per month, with the 95% interval as a band when there are replicates.
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
    // The first point with a successful run (point 0 may have failed).
    let succeeded = outcomes.compactMap { byPoint[$0]?.keys.min() }.min()
    guard let point = succeeded else { return nil }
    let at = zip(plan.parameters, points[point] ?? []).map { "\($0) = \(NumberFormat.format($1))" }
      .joined(separator: ", ")
    var items: [ReportDocument.Item] = [
      .paragraph(
        "Monthly series at design point \(point) (\(at)), the first with a successful run: "
          + (plan.replicates > 1
            ? "mean over its \(plan.replicates) replicates; the band is the 95% confidence "
              + "interval of the mean."
            : "its one run."))
    ]
    for group in groups {
      var chart = XYChart(
        title: "\(group.prefix) per month", xLabel: "month",
        yLabel: options.units[group.prefix].map { "\(group.prefix) (\($0))" } ?? group.prefix)
      var months: [String] = []
      for name in group.names.prefix(8) {
        let series = try database.seriesByMonth(name, point: point)
        guard !series.months.isEmpty else { continue }
        if series.months.count > months.count { months = series.months }
        // A price of 0 before a chip's first sale means no market yet: leave it out.
        var statistics = series.statistics
        if group.prefix == "price" {
          let first = statistics.firstIndex { $0.mean > 0 } ?? statistics.count
          for i in 0..<first { statistics[i] = SampleStatistics() }
        }
        let line = XYChart.Line(
          name: String(name.dropFirst(group.prefix.count + 1)).isEmpty
            ? name : String(name.dropFirst(group.prefix.count + 1)),
          points: statistics.enumerated().map {
            (x: Double($0.offset), y: $0.element.count > 0 ? $0.element.mean : .nan)
          },
          band: plan.replicates > 1
            ? statistics.map { s in
              let interval = s.confidenceInterval()
              return (interval?.lowerBound ?? s.mean, interval?.upperBound ?? s.mean)
            } : [])
        chart.lines.append(line)
      }
      guard !chart.lines.isEmpty else { continue }
      chart.xTicks = XYChart.monthTicks(months)
      items.append(
        .chart(
          ReportChart(
            id: "series-\(Self.slug(group.prefix))",
            caption: "\(group.prefix) per month at design point \(point)"
              + (group.prefix == "price" ? ", from each chip's first sale" : "")
              + (group.names.count > 8 ? " (first 8 of \(group.names.count) series)." : "."),
            svg: chart.svg())))
    }
    guard items.count > 1 else { return nil }
    return ReportDocument.Section(id: "series", title: "Monthly series", items: items)
  }
}
