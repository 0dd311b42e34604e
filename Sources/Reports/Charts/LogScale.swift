import Foundation

/// How a chart's y axis is chosen (`report --log-axis`).
public enum LogAxis: String, Sendable, CaseIterable {
  /// Logarithmic where the positive values span more than a decade (max/min > 10) and none is
  /// negative (a difference that changes sign cannot be drawn on a log axis); zeros, as in the
  /// months before a chip's launch, are left out of the line.
  case auto
  /// Logarithmic wherever some value is positive (values ≤ 0 are left out).
  case on
  /// Always linear.
  case off

  /// Whether a chart of `lines` gets a logarithmic y axis.
  public func logarithmic(_ lines: [XYChart.Line]) -> Bool {
    let values = XYChart.allYValues(lines: lines, pointSets: []).filter(\.isFinite)
    switch self {
    case .auto: return !values.contains { $0 < 0 } && XYChart.spansMoreThanADecade(lines)
    case .on: return values.contains { $0 > 0 }
    case .off: return false
    }
  }
}

extension XYChart {
  /// Whether the positive values of `lines` span more than a factor of 10 (max/min > 10): then
  /// a linear axis flattens the small values (a launch spike hides the rest of a price path).
  public static func spansMoreThanADecade(_ lines: [Line]) -> Bool {
    let values = allYValues(lines: lines, pointSets: []).filter { $0.isFinite && $0 > 0 }
    guard let low = values.min(), let high = values.max() else { return false }
    return high / low > 10
  }

  /// Every y a chart draws: points, band edges and whisker ends.
  static func allYValues(lines: [Line], pointSets: [PointSet]) -> [Double] {
    var values: [Double] = []
    for line in lines {
      values += line.points.map(\.y)
      for edge in line.band + line.outerBand { values += [edge.low, edge.high] }
    }
    for set in pointSets {
      values += set.points.map(\.y)
      for whisker in set.whiskers { values += [whisker.low, whisker.high] }
    }
    return values
  }

  /// The chart with every y replaced by log10(y) (NaN where y ≤ 0), drawn on a linear axis
  /// whose ticks are labelled with the original values.
  func logTransformed() -> XYChart {
    func log(_ y: Double) -> Double { y > 0 ? log10(y) : .nan }
    var copy = self
    copy.logarithmic = false
    copy.lines = lines.map { line in
      XYChart.Line(
        name: line.name, points: line.points.map { ($0.x, log($0.y)) },
        band: line.band.map { (log($0.low), log($0.high)) },
        outerBand: line.outerBand.map { (log($0.low), log($0.high)) })
    }
    copy.pointSets = pointSets.map { set in
      XYChart.PointSet(
        name: set.name, points: set.points.map { ($0.x, log($0.y)) },
        whiskers: set.whiskers.map { (log($0.low), log($0.high)) })
    }
    return copy
  }
}

/// Ticks of a log10 axis: at 1, 2 and 5 × 10^k when the data span at most three decades, at
/// 10^k otherwise; positions are in log10 units, labels in the original ones.
struct LogTicks {
  let lower: Double
  let upper: Double
  let ticks: [(Double, String)]

  /// For a chart that is to be drawn logarithmic (before ``XYChart/logTransformed()``).
  init(_ chart: XYChart) {
    let values = XYChart.allYValues(lines: chart.lines, pointSets: chart.pointSets)
    let logs: [Double] = values.filter { $0.isFinite && $0 > 0 }.map { log10($0) }
    var low = floor(logs.min() ?? 0)
    var high = ceil(logs.max() ?? 1)
    if high <= low { high = low + 1 }
    let decades = Int((high - low).rounded())
    let steps = decades <= 3 ? [1.0, 2, 5] : [1.0]
    var ticks: [(Double, String)] = []
    for k in Int(low)...Int(high) {
      for m in steps where Double(k) + log10(m) <= high + 1e-12 {
        ticks.append(
          (Double(k) + log10(m), NumberFormat.format(m * pow(10, Double(k)), significant: 1)))
      }
    }
    // Keep the axis tight to the data: start and end at the ticks around it.
    let dataLow = logs.min() ?? low
    let dataHigh = logs.max() ?? high
    low = ticks.last { $0.0 <= dataLow + 1e-12 }?.0 ?? low
    high = ticks.first { $0.0 >= dataHigh - 1e-12 }?.0 ?? high
    self.lower = low
    self.upper = high
    let shown = ticks.filter { $0.0 >= low - 1e-12 && $0.0 <= high + 1e-12 }
    // One notation per axis: NumberFormat writes 1000000 but 1e+07, so an axis that reaches
    // either side of that switch writes every label in scientific notation.
    if shown.contains(where: { $0.1.contains("e") }) {
      self.ticks = shown.map { ($0.0, String(format: "%.0e", pow(10, $0.0))) }
    } else {
      self.ticks = shown
    }
  }
}
