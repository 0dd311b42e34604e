import Experiments

/// A side-by-side table of outcomes across scenarios run under common random numbers: the mean
/// and 95% interval of each outcome per scenario over its replicates, and each scenario's paired
/// difference from the first with its 95% interval (``PairedDifference``: replicate k of one
/// scenario is paired with replicate k of the first).
public enum ComparisonTable {
  /// `scenarios` are (label, values by outcome name, one per replicate in replicate order; NaN
  /// where a run has no value); `outcomes` fixes the row order.
  public static func make(
    scenarios: [(label: String, values: [String: [Double]])], outcomes: [String],
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
      let first = scenarios.first?.values[name] ?? []
      for (k, scenario) in scenarios.enumerated() {
        let values = scenario.values[name] ?? []
        let statistics = SampleStatistics(values.filter(\.isFinite))
        guard statistics.count > 0 else {
          row += [.empty, .empty] + (k > 0 ? [.empty, .empty, .empty] : [])
          continue
        }
        // A spread below 1e-10 of the mean is floating-point noise, as in PairedDifference.
        let raw = statistics.confidenceHalfWidth()
        let half = raw <= 1e-10 * abs(statistics.mean) ? 0 : raw
        row += [.number(statistics.mean), half.isFinite ? .number(half) : .empty]
        guard k > 0 else { continue }
        let delta = PairedDifference(from: first, to: values)
        guard delta.count > 0 else {
          row += [.empty, .empty, .empty]
          continue
        }
        row.append(.number(delta.difference))
        row +=
          delta.interval.map { [.number($0.lowerBound), .number($0.upperBound)] } ?? [
            .empty, .empty,
          ]
      }
      rows.append(row)
    }
    let replicates = scenarios.map { $0.values.values.map(\.count).max() ?? 0 }
    return ReportTable(
      id: "comparison", title: title, columns: columns, rows: rows,
      note: "Mean ± half-width of the Student-t 95% interval over replicates "
        + "(\(replicates.map(String.init).joined(separator: ", ")) per scenario); Δ is the paired "
        + "difference from \(scenarios.first?.label ?? "the first") under common random numbers "
        + "(replicate k of every scenario uses the same seed) with its Student-t 95% interval.")
  }
}
