import Experiments
import JSONWriting
import Reports
import Simulation

/// The output of `gpumarket tco`: the fleet's terms, then each quantity's distribution over
/// replicates (mean with its Student-t 95% interval, and the 5%, 50% and 95% quantiles).
struct TCOReport {
  let scenario: String
  let chip: String
  let purchase: String
  let fleet: Fleet
  /// The seed replicates derive theirs from (the run's own seed with one replicate).
  let baseSeed: UInt64
  let seeds: [UInt64]
  let values: [FleetValue]
  /// Months from purchase to installation (the chip's lead time).
  let installDelayMonths: Int
  /// Months of the life past the scenario's own horizon (simulated with its paths held flat).
  let monthsBeyondHorizon: Int
  /// The scenario's own last month.
  let horizonEnd: String
  /// The most months of the life, over replicates, in which no chip of the kind was installed
  /// in the market (those hours earn nothing).
  let monthsWithoutMarket: Int

  var sellingText: String {
    switch fleet.selling {
    case .spot: return "spot"
    case .contracts(let tenor): return "\(tenor)-month contracts"
    }
  }

  /// The summary table: one row per quantity.
  var table: ReportTable {
    let rows: [[ReportTable.Cell]] = FleetValue.quantities.map { quantity in
      let sample = values.map(quantity.read)
      let statistics = SampleStatistics(sample)
      let interval = statistics.confidenceInterval()
      let sorted = sample.sorted()
      return [
        .text(quantity.label), .text(quantity.unit), .number(statistics.mean),
        interval.map { .number($0.lowerBound) } ?? .empty,
        interval.map { .number($0.upperBound) } ?? .empty,
        .number(Quantile.of(sorted: sorted, 0.05)), .number(Quantile.of(sorted: sorted, 0.5)),
        .number(Quantile.of(sorted: sorted, 0.95)),
      ]
    }
    return ReportTable(
      id: "tco", title: "Owning against renting, over \(values.count) replicate(s)",
      columns: ["quantity", "unit", "mean", "95% low", "95% high", "p5", "p50", "p95"], rows: rows,
      note: "Present values at \(purchase) in USD, discounted at \(fleet.discountRatePerYear) a "
        + "year; the interval is the mean's (Student t), p5…p95 the spread over replicates.")
  }

  /// The terms, one line each.
  var terms: [String] {
    var lines = [
      "Scenario \(scenario), \(values.count) replicate(s)"
        + (values.count > 1
          ? ", seeds derived from \(baseSeed) as compare derives them" : ", seed \(baseSeed)"),
      "Fleet: \(NumberFormat.format(fleet.count)) x \(chip) bought \(purchase), installed "
        + "\(installDelayMonths) month(s) later (the chip's lead time), owned \(fleet.lifeMonths) "
        + "months from purchase",
      "Capital \(NumberFormat.format(fleet.capitalUSDPerChip)) USD per chip; \(fleet.kWPerChip) kW "
        + "per chip at PUE \(fleet.pue), \(fleet.powerUSDPerKWh) USD/kWh; operations "
        + "\(fleet.opsUSDPerGPUHour) $/GPU-hour; hours sold on \(sellingText)",
    ]
    if monthsBeyondHorizon > 0 {
      lines.append(
        "The last \(monthsBeyondHorizon) month(s) of the life are past the scenario's horizon "
          + "(\(horizonEnd)): the run was extended to cover them, every dated path of the scenario "
          + "held at its last value; read them as the model's extrapolation")
    }
    if monthsWithoutMarket > 0 {
      lines.append(
        "In up to \(monthsWithoutMarket) month(s) no \(chip) was installed in the market (or no "
          + "contract was posted): those hours earn nothing and cannot be rented")
    }
    return lines
  }

  func text(markdown: Bool) -> String {
    let lines = terms.joined(separator: markdown ? "\n\n" : "\n")
    let body = markdown ? TableRenderer.markdown(table) : TableRenderer.text(table)
    return lines + "\n\n" + body + (body.hasSuffix("\n") ? "" : "\n")
  }

  /// One object: the terms, the summary rows and every replicate's values.
  func json() -> String {
    func member(_ key: String, _ value: String) -> String { JSONText.string(key) + ": " + value }
    let terms = [
      member("scenario", JSONText.string(scenario)), member("chip", JSONText.string(chip)),
      member("purchase", JSONText.string(purchase)), member("count", JSONText.number(fleet.count)),
      member("lifeMonths", String(fleet.lifeMonths)),
      member("installDelayMonths", String(installDelayMonths)),
      member("monthsBeyondHorizon", String(monthsBeyondHorizon)),
      member("horizonEnd", JSONText.string(horizonEnd)),
      member("monthsWithoutMarket", String(monthsWithoutMarket)),
      member("capitalUSDPerChip", JSONText.number(fleet.capitalUSDPerChip)),
      member("kWPerChip", JSONText.number(fleet.kWPerChip)),
      member("pue", JSONText.number(fleet.pue)),
      member("powerUSDPerKWh", JSONText.number(fleet.powerUSDPerKWh)),
      member("opsUSDPerGPUHour", JSONText.number(fleet.opsUSDPerGPUHour)),
      member("discountRatePerYear", JSONText.number(fleet.discountRatePerYear)),
      member("selling", JSONText.string(sellingText)),
    ]
    let summary = table.rows.enumerated().map { index, row in
      let quantity = FleetValue.quantities[index]
      let numbers = row.dropFirst(2).map { cell -> String in
        if case .number(let x) = cell { return JSONText.number(x) }
        return "null"
      }
      let keys = ["mean", "low95", "high95", "p5", "p50", "p95"]
      return "{"
        + ([
          member("quantity", JSONText.string(quantity.key)),
          member("unit", JSONText.string(quantity.unit)),
        ]
        + zip(keys, numbers).map { member($0, $1) }).joined(separator: ", ") + "}"
    }
    let replicates = zip(seeds, values).map { seed, value in
      "{"
        + ([member("seed", String(seed))]
        + FleetValue.quantities.map { member($0.key, JSONText.number($0.read(value))) })
        .joined(separator: ", ") + "}"
    }
    return "{" + terms.joined(separator: ", ") + ",\n \"summary\": [\n  "
      + summary.joined(separator: ",\n  ") + "],\n \"replicates\": [\n  "
      + replicates.joined(separator: ",\n  ") + "]}"
  }
}
