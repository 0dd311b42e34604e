import Experiments

/// A side-by-side table of outcomes across scenarios: the mean and 95% interval of each outcome
/// per scenario over its replicates, and each scenario's difference from the first with a Welch
/// 95% interval (``MeanDifference``).
public enum ComparisonTable {
  /// `scenarios` are (label, statistics by outcome name); `outcomes` fixes the row order.
  public static func make(
    scenarios: [(label: String, outcomes: [String: SampleStatistics])], outcomes: [String],
    title: String = "Scenario comparison"
  ) -> ReportTable {
    var columns = ["outcome"]
    for (k, scenario) in scenarios.enumerated() {
      columns += ["\(scenario.label) mean", "\(scenario.label) ±95%"]
      if k > 0 { columns += ["Δ vs \(scenarios[0].label)", "Δ 95% low", "Δ 95% high"] }
    }
    var rows: [[ReportTable.Cell]] = []
    for name in outcomes {
      var row: [ReportTable.Cell] = [.text(name)]
      let first = scenarios.first?.outcomes[name]
      for (k, scenario) in scenarios.enumerated() {
        guard let statistics = scenario.outcomes[name], statistics.count > 0 else {
          row += [.empty, .empty] + (k > 0 ? [.empty, .empty, .empty] : [])
          continue
        }
        let half = statistics.confidenceHalfWidth()
        row += [.number(statistics.mean), half.isFinite ? .number(half) : .empty]
        guard k > 0 else { continue }
        guard let first, first.count > 0 else {
          row += [.empty, .empty, .empty]
          continue
        }
        let delta = MeanDifference(from: first, to: statistics)
        row.append(.number(delta.difference))
        row +=
          delta.interval.map { [.number($0.lowerBound), .number($0.upperBound)] } ?? [
            .empty, .empty,
          ]
      }
      rows.append(row)
    }
    let replicates = scenarios.map { s in s.outcomes.values.map(\.count).max() ?? 0 }
    return ReportTable(
      id: "comparison", title: title, columns: columns, rows: rows,
      note: "Mean ± half-width of the Student-t 95% interval over replicates "
        + "(\(replicates.map(String.init).joined(separator: ", ")) per scenario); Δ is the difference "
        + "from \(scenarios.first?.label ?? "the first") with a Welch 95% interval.")
  }
}
