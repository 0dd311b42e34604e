import Experiments

extension SweepReportSource.Context {
  func planSection() throws -> ReportDocument.Section {
    let counts = try database.runCounts()
    var rows: [[ReportTable.Cell]] = [
      [.text("scenario"), .text(plan.scenario)],
      [.text("design"), .text(Self.designName(plan.design, samples: plan.samples))],
      [.text("points"), .integer(plan.pointCount)],
      [.text("replicates per point"), .integer(plan.replicates)],
      [
        .text("runs stored (ok / failed / planned)"),
        .text("\(counts.ok) / \(counts.failed) / \(plan.runCount)"),
      ],
      [.text("base seed"), .text(String(plan.seed))],
      [.text("plan hash"), .text(plan.hash)],
    ]
    for (key, domain) in zip(plan.parameters, plan.domains) {
      rows.append([.text("varies \(key)"), .text(domain)])
    }
    let table = ReportTable(
      id: "plan", title: "Sweep plan", columns: ["item", "value"], rows: rows)
    var items: [ReportDocument.Item] = [.table(table)]
    if let provenance = try database.provenance() {
      items.insert(.paragraph(provenance.sentence), at: 0)
    }
    if counts.ok + counts.failed < plan.runCount {
      items.insert(
        .paragraph(
          "The sweep is incomplete: \(counts.ok + counts.failed) of \(plan.runCount) runs are stored. "
            + "Run the same sweep command again to finish it."), at: 0)
    }
    return ReportDocument.Section(id: "plan", title: "Plan", items: items)
  }

  static func designName(_ design: DesignKind, samples: Int) -> String {
    switch design {
    case .grid: "full grid"
    case .random: "random sampling, \(samples) points"
    case .lhs: "Latin hypercube, \(samples) points"
    case .sobol: "Saltelli design for Sobol indices, N = \(samples)"
    case .sobol2:
      "Saltelli design for first-, second- and total-order Sobol indices, N = \(samples)"
    case .morris: "Morris trajectories for elementary effects, r = \(samples)"
    }
  }

  func outcomeSection() -> ReportDocument.Section {
    var items: [ReportDocument.Item] = [
      .paragraph(
        "Intervals are 95% confidence intervals for a mean: mean ± t(0.975, K−1) · sd / √K, "
          + "Student t with K−1 degrees of freedom over the K values averaged.")
    ]
    // Distribution of each outcome over all successful runs.
    var rows: [[ReportTable.Cell]] = []
    for name in outcomes {
      let values = byPoint[name] ?? [:]
      let all = SampleStatistics(values.keys.sorted().map { values[$0]!.mean })
      let interval = all.confidenceInterval()
      rows.append([
        .text(name), .integer(all.count), .number(all.mean), .number(all.standardDeviation),
        .number(all.minimum), .number(all.maximum),
        interval.map { .number($0.lowerBound) } ?? .empty,
        interval.map { .number($0.upperBound) } ?? .empty,
      ])
    }
    items.append(
      .table(
        ReportTable(
          id: "outcome-summary", title: "Outcomes across the design (point means)",
          columns: ["outcome", "points", "mean", "sd", "min", "max", "95% CI low", "95% CI high"],
          rows: rows,
          note: "Each point contributes the mean of its replicates." + leftOutNote)))
    // Saltelli design points are not meant to be read one by one.
    if !plan.design.isSobol && plan.design != .morris {
      items.append(.table(byPointTable()))
    }
    return ReportDocument.Section(id: "outcomes", title: "Outcomes", items: items)
  }

  /// Outcomes by parameter values: one row per point, mean and 95% CI over replicates.
  func byPointTable() -> ReportTable {
    let shown = reportedOutcomes(limit: 12, ranked: false)
    var columns = plan.parameters
    for name in shown { columns += ["\(name) mean", "\(name) ±95%"] }
    columns.insert("point", at: 0)
    columns.insert("runs", at: plan.parameters.count + 1)
    var rows: [[ReportTable.Cell]] = []
    for point in points.keys.sorted() {
      var row: [ReportTable.Cell] = [.integer(point)]
      row += (points[point] ?? []).map { .number($0) }
      row.append(.integer(outcomes.map { byPoint[$0]?[point]?.count ?? 0 }.max() ?? 0))
      for name in shown {
        if let statistics = byPoint[name]?[point] {
          row.append(.number(statistics.mean))
          let half = statistics.confidenceHalfWidth()
          row.append(half.isFinite ? .number(half) : .empty)
        } else {
          row += [.empty, .empty]
        }
      }
      rows.append(row)
    }
    return ReportTable(
      id: "outcomes-by-point", title: "Outcomes by parameter values", columns: columns, rows: rows,
      note: (plan.replicates > 1
        ? "Mean over \(plan.replicates) replicates ± half-width of the Student-t 95% interval."
        : "One run per point: no interval.")
        + (shown.count < outcomes.count
          ? " First \(shown.count) of \(outcomes.count) outcomes; the database holds all." : ""))
  }

  /// What the outcome table leaves out, as a sentence (empty when nothing is).
  var leftOutNote: String {
    guard leftOut.total > 0 else { return "" }
    let constant =
      leftOut.constant > 0 ? " (\(leftOut.constant) of them take one value in every run)" : ""
    let which =
      focus.isEmpty
      ? "the headline outcomes that vary (\(SweepReportOptions.headlinePatterns.joined(separator: ", ")))"
      : "the outcomes asked for"
    return " Shown: \(which); \(leftOut.total) other outcomes are left out\(constant); "
      + "name them with --outcome, or read them all with gpumarket export."
  }

  /// The outcomes asked for (at most 24), else the headline ones the sweep moves most, else
  /// the model's first `limit`. `ranked` false keeps the database order.
  func reportedOutcomes(limit: Int, ranked: Bool = true) -> [String] {
    guard focus.isEmpty else { return Array(focus.prefix(24)) }
    guard headline && ranked else { return Array(outcomes.prefix(limit)) }
    let spread = Dictionary(uniqueKeysWithValues: outcomes.map { ($0, relativeSpread($0)) })
    return Array(outcomes.sorted { spread[$0]! > spread[$1]! }.prefix(limit))
  }

  func failureSection() throws -> ReportDocument.Section? {
    let counts = try database.runCounts()
    guard counts.failed > 0 else { return nil }
    let failures = try database.failures(limit: 20)
    let rows: [[ReportTable.Cell]] = failures.map {
      [.integer($0.run), .integer($0.point), .text($0.error)]
    }
    let note = counts.failed > 20 ? "First 20 of \(counts.failed) failed runs." : nil
    return ReportDocument.Section(
      id: "failures", title: "Failed runs",
      items: [
        .paragraph(
          "\(counts.failed) of \(counts.ok + counts.failed) runs failed; they are left out of every statistic above."
        ),
        .table(
          ReportTable(
            id: "failures", title: "Failed runs", columns: ["run", "point", "error"], rows: rows,
            note: note)),
      ])
  }
}
