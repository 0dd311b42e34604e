import Experiments
import Foundation

/// A line and scatter chart in SVG: lines with optional shaded bands (for example a replicate
/// confidence band around a mean price path, or the 50% and 90% bands of a fan chart), point
/// sets with optional vertical whiskers (an outcome's mean and 95% interval at each parameter
/// value), and dated markers (a scenario's events) as labelled vertical lines.
public struct XYChart: Sendable {
  public struct Line: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    /// Lower and upper band edges at the same x as `points`; empty for no band.
    public var band: [(low: Double, high: Double)]
    /// A wider, lighter band around `band` (a fan chart's 90% band); empty for none.
    public var outerBand: [(low: Double, high: Double)]

    public init(
      name: String, points: [(x: Double, y: Double)], band: [(low: Double, high: Double)] = [],
      outerBand: [(low: Double, high: Double)] = []
    ) {
      self.name = name
      self.points = points
      self.band = band
      self.outerBand = outerBand
    }

    /// A fan from values per month per replicate (`byMonth[t][k]`): the median line with the
    /// 50% band (quartiles) and the 90% band (5th to 95th percentile); non-finite values are
    /// left out.
    public init(fan byMonth: [[Double]], name: String) {
      var median: [(x: Double, y: Double)] = []
      var inner: [(low: Double, high: Double)] = []
      var outer: [(low: Double, high: Double)] = []
      for (t, values) in byMonth.enumerated() {
        let sorted = values.filter(\.isFinite).sorted()
        median.append((Double(t), Quantile.of(sorted: sorted, 0.5)))
        inner.append((Quantile.of(sorted: sorted, 0.25), Quantile.of(sorted: sorted, 0.75)))
        outer.append((Quantile.of(sorted: sorted, 0.05), Quantile.of(sorted: sorted, 0.95)))
      }
      self.init(name: name, points: median, band: inner, outerBand: outer)
    }
  }

  public struct PointSet: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    /// Whisker ends at the same index as `points`; empty for none.
    public var whiskers: [(low: Double, high: Double)]

    public init(
      name: String, points: [(x: Double, y: Double)], whiskers: [(low: Double, high: Double)] = []
    ) {
      self.name = name
      self.points = points
      self.whiskers = whiskers
    }
  }

  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var lines: [Line] = []
  public var pointSets: [PointSet] = []
  /// Explicit x ticks (value, label), e.g. months; nil for a numeric axis.
  public var xTicks: [(value: Double, label: String)]?
  /// Vertical markers at x (a scenario's dated events): numbered at the top of the plot and
  /// listed by number under it, so long labels never overprint.
  public var markers: [(x: Double, label: String)] = []
  /// A logarithmic y axis (values ≤ 0 are left out); see ``spansMoreThanADecade(_:)``.
  public var logarithmic = false
  public var width = 760.0
  public var height = 420.0

  public init(title: String, xLabel: String, yLabel: String) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  public func svg() -> String {
    guard !logarithmic else { return logTransformed().svg(yTicks: LogTicks(self)) }
    return svg(yTicks: nil)
  }

  func svg(yTicks logTicks: LogTicks?) -> String {
    let legendNames = lines.map(\.name) + pointSets.map(\.name)
    // A legend of one entry says nothing the title and caption do not: only two or more.
    let showLegend = legendNames.filter { !$0.isEmpty }.count > 1
    let left = 78.0
    // Legend names (buyers, providers, scenarios) get the room they need, up to 40 characters:
    // names cut short could no longer be told apart. The chart grows wider to keep the plot.
    let legend = legendNames.map { Self.shorten($0, 40) }
    let longest = legend.max { $0.count < $1.count } ?? ""
    let right =
      showLegend ? max(190, 50 + SVGWriter.estimatedWidth(longest, size: 11, bold: false)) : 28.0
    let width = max(self.width, left + 420 + right)
    let top = markers.isEmpty ? 48.0 : 62.0
    // The marker key sits under the x-axis title, one line per marker.
    let keyHeight = markers.isEmpty ? 0 : 8 + 15 * Double(markers.count)
    let height = self.height + keyHeight
    let bottom = 62.0 + keyHeight
    let plotRight = width - right
    let plotBottom = height - bottom

    var xs: [Double] = []
    var ys: [Double] = []
    for line in lines {
      xs += line.points.map(\.x)
      ys += line.points.map(\.y)
      ys += (line.band + line.outerBand).flatMap { [$0.low, $0.high] }
    }
    for set in pointSets {
      xs += set.points.map(\.x)
      ys += set.points.map(\.y)
      ys += set.whiskers.flatMap { [$0.low, $0.high] }
    }
    xs = xs.filter(\.isFinite)
    ys = ys.filter(\.isFinite)
    let xAxis = Axis(minimum: xs.min() ?? 0, maximum: xs.max() ?? 1, target: 6)
    let xLow = xTicks != nil ? (xs.min() ?? 0) : xAxis.lower
    let xHigh = xTicks != nil ? max(xs.max() ?? 1, xLow + 1) : xAxis.upper
    let yAxis =
      logTicks.map { Axis(exactly: $0.lower, $0.upper) }
      ?? Axis(minimum: ys.min() ?? 0, maximum: ys.max() ?? 1, target: 6)
    let yTicks = logTicks?.ticks ?? yAxis.ticks.map { ($0, yAxis.label($0)) }
    let ySuffix = logTicks != nil ? " (log scale)" : yAxis.scaleSuffix
    // Keep dots off the axis lines: inset the data area a little when there are points.
    let inset = pointSets.isEmpty ? 0.0 : 10.0
    func px(_ x: Double) -> Double {
      left + inset + (x - xLow) / (xHigh - xLow) * (plotRight - left - 2 * inset)
    }
    func py(_ y: Double) -> Double { yAxis.position(y, from: plotBottom, to: top) }

    var svg = SVGWriter(width: width, height: height)
    // A long title (an outcome against a key path) gets smaller before it is cut.
    let titleSize = SVGWriter.fittingSize(
      title, room: width - left - 4, size: 16, minimum: 12, bold: true)
    svg.text(title, x: left, y: 26, size: titleSize, weight: "bold")
    // Grid and y ticks.
    for (tick, label) in yTicks {
      svg.line(left, py(tick), plotRight, py(tick), stroke: Palette.grid)
      svg.text(label, x: left - 8, y: py(tick) + 4, anchor: .end, size: 11)
    }
    // x ticks.
    let ticks = xTicks ?? xAxis.ticks.map { ($0, xAxis.label($0)) }
    for (value, label) in ticks where value >= xLow - 1e-9 && value <= xHigh + 1e-9 {
      svg.line(px(value), plotBottom, px(value), plotBottom + 5, stroke: Palette.axis)
      svg.text(label, x: px(value), y: plotBottom + 19, anchor: .middle, size: 11)
    }
    svg.line(left, plotBottom, plotRight, plotBottom, stroke: Palette.axis)
    svg.line(left, top, left, plotBottom, stroke: Palette.axis)
    let xTitle = xLabel + (xTicks == nil ? xAxis.scaleSuffix : "")
    svg.text(
      xTitle, x: (left + plotRight) / 2, y: height - keyHeight - 18, anchor: .middle, size: 12)
    svg.text(
      yLabel + ySuffix, x: 18, y: (top + plotBottom) / 2, anchor: .middle, size: 12,
      rotate: -90)

    // Markers, then bands, then lines, then points, so marks sit on top of shading.
    for (k, marker) in markers.enumerated() {
      let keyY = height - keyHeight + 10 + 15 * Double(k)
      svg.text(
        "\(k + 1)  " + Self.shorten(marker.label, 110), x: left, y: keyY, size: 11,
        fill: "#444444")
      guard marker.x >= xLow && marker.x <= xHigh else { continue }
      svg.line(px(marker.x), top, px(marker.x), plotBottom, stroke: "#777777", dash: "4 3")
      // Numbers of markers closer than 14 px alternate between two rows.
      let crowded = k > 0 && abs(px(marker.x) - px(markers[k - 1].x)) < 14
      svg.text(
        "\(k + 1)", x: px(marker.x), y: top - 4 - (crowded && k % 2 == 1 ? 11 : 0),
        anchor: .middle, size: 10, weight: "bold", fill: "#444444")
    }
    for (k, line) in lines.enumerated() {
      // Missing values (NaN) are left out of a band as they are of the line.
      for (band, opacity) in [(line.outerBand, 0.14), (line.band, 0.18)]
      where band.count == line.points.count {
        let kept = zip(line.points, band).filter {
          $0.y.isFinite && $1.low.isFinite && $1.high.isFinite
        }
        let upper = kept.map { (px($0.x), py($1.high)) }
        let lower = kept.reversed().map { (px($0.x), py($1.low)) }
        svg.polygon(upper + lower, fill: Palette.color(k), opacity: opacity)
      }
    }
    for (k, line) in lines.enumerated() {
      let points = line.points.filter { $0.y.isFinite }.map { (px($0.x), py($0.y)) }
      svg.polyline(points, stroke: Palette.color(k), width: 2, dash: Palette.dash(k))
      if points.count == 1 { svg.circle(points[0].0, points[0].1, r: 3, fill: Palette.color(k)) }
    }
    for (s, set) in pointSets.enumerated() {
      let color = Palette.color(lines.count + s)
      // Dense clouds get smaller, fainter dots so their shape stays visible.
      let dense = set.points.count > 300
      let radius = dense ? 2.2 : 3.2
      let opacity = dense ? 0.45 : 0.85
      for (i, point) in set.points.enumerated() where point.y.isFinite {
        if i < set.whiskers.count, set.whiskers[i].low.isFinite, set.whiskers[i].high.isFinite {
          svg.line(
            px(point.x), py(set.whiskers[i].low), px(point.x), py(set.whiskers[i].high),
            stroke: color, width: 1.2)
        }
        svg.circle(px(point.x), py(point.y), r: radius, fill: color, opacity: opacity)
      }
    }
    if showLegend {
      var y = top + 6
      for k in legendNames.indices {
        let color = Palette.color(k)
        if k < lines.count {
          svg.line(
            plotRight + 16, y, plotRight + 38, y, stroke: color, width: 3, dash: Palette.dash(k))
        } else {
          svg.circle(plotRight + 27, y, r: 4, fill: color)
        }
        svg.text(legend[k], x: plotRight + 46, y: y + 4, size: 11)
        y += 20
      }
    }
    return svg.document(title: title)
  }

  static func shorten(_ text: String, _ limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
  }

  /// Ticks for a monthly axis at x = 0, 1, 2, …: about eight labels, on a regular stride.
  public static func monthTicks(_ months: [String]) -> [(value: Double, label: String)] {
    guard !months.isEmpty else { return [] }
    let stride = max(1, Int((Double(months.count) / 8).rounded(.up)))
    return months.indices.filter { $0 % stride == 0 }.map { (Double($0), months[$0]) }
  }
}
