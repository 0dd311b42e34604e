import Experiments
import Foundation

extension SweepReportSource.Context {
  /// Morris elementary effects of each reported outcome: μ*, μ and σ per parameter, from the
  /// point means along each trajectory (D+1 consecutive points).
  func morrisItems(_ names: [String]) -> [ReportDocument.Item] {
    var items: [ReportDocument.Item] = [
      .paragraph(
        "Morris elementary effects over \(plan.samples) trajectories on a 4-level grid (step "
          + "Δ = 2/3 of each range): EE = change of the outcome per step divided by Δ, so an "
          + "effect is the change over a parameter's whole range. μ* (mean |EE|, Campolongo et "
          + "al. 2007) ranks importance; σ (standard deviation of EE) large against μ* means "
          + "non-linear effects or interactions; μ (mean EE) gives the direction.")
    ]
    for name in names {
      guard let effects = morris(name) else { continue }
      let order = order(effects.entries.map(\.muStar))
      let rows: [[ReportTable.Cell]] = order.map { j in
        let e = effects.entries[j]
        return [
          .text(plan.parameters[j]), .number(e.muStar), .number(e.mu), .number(e.sigma),
          .integer(e.count),
        ]
      }
      items.append(
        .table(
          ReportTable(
            id: "morris-\(Self.slug(name))", title: "Elementary effects on \(name)",
            columns: ["parameter", "μ*", "μ", "σ", "effects"], rows: rows,
            note: "Sorted by μ*.")))
      let chart = BarChart(
        title: "Sensitivity of \(name): Morris μ* and σ",
        valueLabel: "change of \(name) over a parameter's range",
        categories: order.map { plan.parameters[$0] },
        groups: [
          .init(
            name: "μ* (importance)",
            bars: order.map { .init(value: effects.entries[$0].muStar, low: .nan, high: .nan) }),
          .init(
            name: "σ (non-linearity)",
            bars: order.map { .init(value: effects.entries[$0].sigma, low: .nan, high: .nan) }),
        ])
      items.append(
        .chart(
          ReportChart(
            id: "sensitivity-\(Self.slug(name))",
            caption: "Morris μ* and σ of \(name), parameters by decreasing μ*.",
            svg: chart.svg())))
    }
    return items
  }

  /// Elementary effects of `name` from its point means; nil when no trajectory is complete.
  func morris(_ name: String) -> MorrisEffects? {
    guard let values = byPoint[name] else { return nil }
    let d = plan.parameters.count
    let ranges = plan.domains.map(Self.range)
    var paths: [[[Double]]] = []
    var outputs: [[Double]] = []
    for t in 0..<plan.samples {
      let ids = (0...d).map { t * (d + 1) + $0 }
      guard ids.allSatisfy({ points[$0] != nil }) else { continue }
      paths.append(
        ids.map { id in
          zip(points[id]!, ranges).map { x, r in (x - r.lower) / (r.upper - r.lower) }
        })
      outputs.append(ids.map { values[$0]?.mean ?? .nan })
    }
    guard !paths.isEmpty else { return nil }
    return MorrisEffects(points: paths, outputs: outputs, dimensions: d)
  }

  /// `LOW..HIGH` as numbers (a domain a Morris design accepts).
  static func range(_ domain: String) -> (lower: Double, upper: Double) {
    let parts = domain.components(separatedBy: "..")
    guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]), high > low
    else { return (0, 1) }
    return (low, high)
  }
}
