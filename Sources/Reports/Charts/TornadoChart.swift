/// A tornado chart: for each parameter, a horizontal bar from the outcome at its low values to
/// the outcome at its high values, drawn about a baseline and sorted by width, widest on top.
public struct TornadoChart: Sendable {
  public struct Row: Sendable {
    public var name: String
    /// The outcome when the parameter is low, and when it is high.
    public var low: Double
    public var high: Double

    public init(name: String, low: Double, high: Double) {
      self.name = name
      self.low = low
      self.high = high
    }
  }

  public var title: String
  public var valueLabel: String
  public var baseline: Double
  public var rows: [Row]
  /// The width of the chart; wider when the parameter names need it.
  public var width = 760.0
  /// Names longer than this are cut with "…".
  static let longestName = 60
  /// The bars' area is at least this wide.
  static let minimumPlotWidth = 340.0

  public init(title: String, valueLabel: String, baseline: Double, rows: [Row]) {
    self.title = title
    self.valueLabel = valueLabel
    self.baseline = baseline
    self.rows = rows
  }

  public func svg() -> String {
    let sorted = rows.filter { $0.low.isFinite && $0.high.isFinite }
      .sorted { abs($0.high - $0.low) > abs($1.high - $1.low) }
    let rowHeight = 26.0
    // Parameter names are key paths, often 40 characters or more: the labels get the room
    // they need (up to 60 characters), and the chart grows wider rather than the bars narrower.
    let names = sorted.map { XYChart.shorten($0.name, Self.longestName) }
    let labelWidth =
      16
      + SVGWriter.estimatedWidth(
        names.max { $0.count < $1.count } ?? "name", size: 11, bold: false)
    let left = labelWidth + 12
    let right = 150.0
    let width = max(self.width, left + Self.minimumPlotWidth + right)
    let top = 70.0
    let bottom = 62.0
    let height = top + Double(sorted.count) * rowHeight + bottom
    let plotRight = width - right
    let plotBottom = height - bottom
    let values = sorted.flatMap { [$0.low, $0.high] } + [baseline]
    let axis = Axis(minimum: values.min() ?? 0, maximum: values.max() ?? 1, target: 6)
    func px(_ v: Double) -> Double { axis.position(v, from: left, to: plotRight) }

    var svg = SVGWriter(width: width, height: height)
    svg.text(title, x: 12, y: 26, size: 16, weight: "bold")
    // Key: which colour is the low end.
    svg.rect(left, 40, 14, 10, fill: Palette.color(0))
    svg.text("parameter low", x: left + 20, y: 49, size: 11)
    svg.rect(left + 130, 40, 14, 10, fill: Palette.color(1))
    svg.text("parameter high", x: left + 150, y: 49, size: 11)
    for tick in axis.ticks {
      svg.line(px(tick), top, px(tick), plotBottom, stroke: Palette.grid)
      svg.line(px(tick), plotBottom, px(tick), plotBottom + 5, stroke: Palette.axis)
      svg.text(axis.label(tick), x: px(tick), y: plotBottom + 19, anchor: .middle, size: 11)
    }
    svg.line(left, plotBottom, plotRight, plotBottom, stroke: Palette.axis)
    svg.text(
      valueLabel + axis.scaleSuffix, x: (left + plotRight) / 2, y: height - 18, anchor: .middle,
      size: 12)
    for (k, row) in sorted.enumerated() {
      let y = top + Double(k) * rowHeight + 4
      svg.text(names[k], x: left - 8, y: y + 13, anchor: .end, size: 11)
      for (value, color) in [(row.low, Palette.color(0)), (row.high, Palette.color(1))] {
        let x0 = px(min(baseline, value))
        let x1 = px(max(baseline, value))
        svg.rect(x0, y, x1 - x0, rowHeight - 8, fill: color)
      }
    }
    svg.line(px(baseline), top - 4, px(baseline), plotBottom, stroke: "#222222", width: 1.5)
    svg.text(
      "baseline " + NumberFormat.format(baseline), x: px(baseline) + 4, y: top - 8, size: 11)
    return svg.document(title: title)
  }
}
