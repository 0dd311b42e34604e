import Foundation
import Reports
import Simulation

/// The charts of a what-if run, drawn as SVG by the report code: spot and forward prices, compute
/// per buyer and installed capacity, each with its difference from the unmodified scenario.
public enum RunCharts {
  /// A chart as the page shows it.
  public struct Chart: Sendable, Encodable {
    public var id: String
    public var title: String
    public var svg: String
  }

  /// Tenor of the forward price chart, months.
  public static let forwardTenorMonths = 12
  /// Most lines in a chart (the largest by total).
  public static let maxLines = 8

  /// Every chart of the replicates `runs` against `bases` (replicate k of both at the same seed;
  /// runs of the same scenario's entities, possibly with different horizons: differences are
  /// drawn over the months both have).
  /// One replicate: a line per entity. More: a fan per entity, the median over replicates with
  /// its 50% and 90% bands, and for the difference the fan of the paired differences
  /// `runs[k] − bases[k]`.
  public static func charts(_ runs: [RunResult], against bases: [RunResult]) -> [Chart] {
    precondition(!runs.isEmpty && runs.count == bases.count)
    let run = runs[0]
    let isFan = runs.count > 1
    let tenor = run.forwardTenorsMonths.firstIndex(of: forwardTenorMonths) ?? 0
    let buyers = Array(run.buyerIds[0..<run.namedBuyerCount])
    let specs:
      [(
        id: String, title: String, unit: String, ids: [String], scale: Double,
        series: (RunResult, String) -> [Double]?
      )] = [
        ("price", "Spot price per chip", "$/GPU-hour", run.chipIds, 1, { $0.spotPrice[$1] }),
        (
          "forward", "\(forwardTenorMonths)-month forward price per chip", "$/GPU-hour",
          run.chipIds, 1,
          { r, chip in
            guard let curve = r.forward[chip], tenor < curve.count else { return nil }
            return curve[tenor]
          }
        ),
        (
          "compute", "Compute per buyer", "million H100e GPU-hours per month", buyers, 1e-6,
          { $0.compute[$1] }
        ),
        (
          "installed", "Installed capacity per provider", "thousand H100e", run.providerIds, 1e-3,
          { $0.installedH100e[$1] }
        ),
      ]
    let over = isFan ? " (fan, \(runs.count) replicates)" : ""
    var charts: [Chart] = []
    for spec in specs {
      let rows = spec.ids.compactMap { id in spec.series(run, id).map { (id, $0) } }
      let largest = rows.sorted { total($0.1) > total($1.1) }.prefix(maxLines)
      let shown = spec.ids.filter { id in largest.contains { $0.0 == id } }
      /// Values of `id` per month per replicate, scaled.
      func byMonth(_ id: String, _ value: (Int, Int) -> Double) -> [[Double]] {
        let months = (spec.series(run, id) ?? []).count
        return (0..<months).map { t in runs.indices.map { k in value(t, k) * spec.scale } }
      }
      func line(_ id: String, _ byMonth: [[Double]]) -> XYChart.Line {
        isFan
          ? XYChart.Line(fan: byMonth, name: id)
          : XYChart.Line(
            name: id, points: byMonth.enumerated().map { (Double($0.offset), $0.element[0]) })
      }

      var chart = XYChart(title: spec.title + over, xLabel: "month", yLabel: spec.unit)
      chart.xTicks = XYChart.monthTicks(run.months)
      chart.lines = shown.map { id in
        let series = runs.map { spec.series($0, id) ?? [] }
        return line(id, byMonth(id) { t, k in t < series[k].count ? series[k][t] : .nan })
      }
      chart.logarithmic = LogAxis.auto.logarithmic(chart.lines)
      chart.width = 620
      chart.height = 340
      charts.append(Chart(id: spec.id, title: chart.title, svg: chart.svg()))

      var difference = XYChart(
        title: spec.title + ": what-if minus scenario" + over, xLabel: "month", yLabel: spec.unit)
      difference.xTicks = XYChart.monthTicks(run.months)
      difference.lines = shown.map { id in
        let mine = runs.map { spec.series($0, id) ?? [] }
        let theirs = bases.map { spec.series($0, id) ?? [] }
        return line(
          id,
          byMonth(id) { t, k in
            t < mine[k].count && t < theirs[k].count ? mine[k][t] - theirs[k][t] : .nan
          })
      }
      difference.width = 620
      difference.height = 340
      charts.append(
        Chart(
          id: spec.id + "-difference", title: difference.title, svg: difference.svg()))
    }
    return charts
  }

  private static func total(_ values: [Double]) -> Double {
    values.reduce(0) { $0 + ($1.isFinite ? abs($1) : 0) }
  }
}
