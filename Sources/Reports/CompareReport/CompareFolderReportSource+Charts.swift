import Experiments

extension CompareFolderReportSource {
  /// Each outcome's paired difference from the reference as a percentage of the reference mean,
  /// with its 95% interval: outcomes of different units on one axis.
  func differenceChart(_ data: CompareData) -> ReportChart? {
    let reference = data.labels[0]
    var categories: [String] = []
    var groups = data.labels.dropFirst().map {
      BarChart.Group(name: "\($0) − \(reference)", bars: [])
    }
    for name in data.outcomes {
      let base = data.values[reference]?[name] ?? []
      let scale = SampleStatistics(base.filter(\.isFinite)).mean
      guard scale.isFinite, scale != 0 else { continue }
      categories.append(name)
      for (g, label) in data.labels.dropFirst().enumerated() {
        let d = PairedDifference(from: base, to: data.values[label]?[name] ?? [])
        let percent = { (x: Double) in 100 * x / abs(scale) }
        groups[g].bars.append(
          BarChart.Bar(
            value: percent(d.difference), low: d.interval.map { percent($0.lowerBound) } ?? .nan,
            high: d.interval.map { percent($0.upperBound) } ?? .nan))
      }
    }
    guard !categories.isEmpty else { return nil }
    let chart = BarChart(
      title: "Paired difference from \(reference)", valueLabel: "% of the \(reference) mean",
      categories: categories, groups: Array(groups))
    return ReportChart(
      id: "differences",
      caption: "Each outcome's paired difference from \(reference), as a percentage of its "
        + "\(reference) mean, with the 95% interval over \(data.replicateCount) replicates "
        + "(outcomes whose reference mean is 0 are in the table only).",
      svg: chart.svg())
  }

  /// The median of `series` per month over the replicates of `scenario`, with its 50% and 90%
  /// bands (quartiles; 5th and 95th percentiles) and the scenario's dated events.
  func fanChart(_ data: CompareData, series name: String, scenario label: String) -> ReportChart? {
    guard let byMonth = data.series[label]?[name] else { return nil }
    let cleaned = Self.withoutLeadingZeros(byMonth, isPrice: name.hasPrefix("price."))
    var chart = XYChart(
      title: "\(name) in \(label)", xLabel: "month", yLabel: unitLabel(name))
    chart.xTicks = XYChart.monthTicks(data.months)
    chart.lines = [XYChart.Line(fan: cleaned, name: "")]
    chart.logarithmic = options.logAxis.logarithmic(chart.lines)
    chart.markers = (data.events[label] ?? []).compactMap { event in
      data.months.firstIndex(of: event.month).map {
        (x: Double($0), label: "\(event.month) \(event.label)")
      }
    }
    return ReportChart(
      id: "fan-\(Self.slug(name))-\(Self.slug(label))",
      caption: "\(name) per month in \(label): the median over \(data.replicateCount) "
        + "replicates, the 50% band (quartiles) and the 90% band (5th to 95th percentile); "
        + "dashed lines mark the scenario's dated events and contract starts.",
      svg: chart.svg())
  }

  /// The paired difference `scenario − reference` of `series` per month, as a fan over replicates.
  func differenceFanChart(_ data: CompareData, series name: String, scenario label: String)
    -> ReportChart?
  {
    let reference = data.labels[0]
    guard let a = data.series[reference]?[name], let b = data.series[label]?[name] else {
      return nil
    }
    let isPrice = name.hasPrefix("price.")
    let ca = Self.withoutLeadingZeros(a, isPrice: isPrice)
    let cb = Self.withoutLeadingZeros(b, isPrice: isPrice)
    let differences = zip(ca, cb).map { month in zip(month.0, month.1).map { $1 - $0 } }
    var chart = XYChart(
      title: "\(name): \(label) − \(reference)", xLabel: "month", yLabel: unitLabel(name))
    chart.xTicks = XYChart.monthTicks(data.months)
    chart.lines = [XYChart.Line(fan: differences, name: "")]
    chart.logarithmic = options.logAxis.logarithmic(chart.lines)
    // Events both scenarios share say nothing about the difference: mark the others only.
    let key = { (event: (month: String, label: String)) in event.month + " " + event.label }
    let before = (data.events[reference] ?? []).map(key)
    let after = (data.events[label] ?? []).map(key)
    let shared = Set(before).intersection(after)
    var seen = Set<String>()
    chart.markers = zip(before + after, (data.events[reference] ?? []) + (data.events[label] ?? []))
      .compactMap { text, event in
        guard !shared.contains(text), seen.insert(text).inserted,
          let t = data.months.firstIndex(of: event.month)
        else { return nil }
        return (x: Double(t), label: text)
      }
      .sorted { $0.x < $1.x }
    return ReportChart(
      id: "difference-\(Self.slug(name))-\(Self.slug(label))",
      caption: "\(name) per month, \(label) minus \(reference) in the same replicate: the "
        + "median, 50% and 90% bands of the paired differences; dashed lines mark the events "
        + "the two scenarios do not share.",
      svg: chart.svg())
  }

  /// A price of 0 before a chip's first sale means no market yet: those months become missing.
  static func withoutLeadingZeros(_ byMonth: [[Double]], isPrice: Bool) -> [[Double]] {
    guard isPrice else { return byMonth }
    let first = byMonth.firstIndex { $0.contains { $0 > 0 } } ?? byMonth.count
    return byMonth.enumerated().map {
      $0.offset < first ? $0.element.map { _ in .nan } : $0.element
    }
  }

  static func slug(_ text: String) -> String {
    String(text.map { $0.isLetter || $0.isNumber ? $0 : "-" })
  }
}
