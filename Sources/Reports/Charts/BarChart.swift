/// A horizontal bar chart with confidence whiskers, for sensitivity rankings: one row per
/// category (parameter), one bar per group (for example first- and total-order index).
public struct BarChart: Sendable {
  public struct Bar: Sendable {
    public var value: Double
    public var low: Double
    public var high: Double

    public init(value: Double, low: Double, high: Double) {
      self.value = value
      self.low = low
      self.high = high
    }
  }

  public struct Group: Sendable {
    public var name: String
    /// One bar per category.
    public var bars: [Bar]

    public init(name: String, bars: [Bar]) {
      self.name = name
      self.bars = bars
    }
  }

  public var title: String
  public var valueLabel: String
  public var categories: [String]
  public var groups: [Group]
  /// The width of the chart; wider when the names need it.
  public var width = 760.0

  public init(title: String, valueLabel: String, categories: [String], groups: [Group]) {
    self.title = title
    self.valueLabel = valueLabel
    self.categories = categories
    self.groups = groups
  }

  public func svg() -> String {
    let barHeight = 13.0
    let rowGap = 14.0
    let rowHeight = Double(groups.count) * barHeight + rowGap
    // Category names are key paths or outcome names, often 40 characters or more: the labels
    // and the legend get the room they need (up to 60 and 40 characters), and the chart grows
    // wider rather than the bars narrower.
    let names = categories.map { XYChart.shorten($0, TornadoChart.longestName) }
    let legend = groups.map { XYChart.shorten($0.name, 40) }
    let labelWidth =
      16
      + SVGWriter.estimatedWidth(
        names.max { $0.count < $1.count } ?? "name", size: 11, bold: false)
    let left = labelWidth + 12
    let right =
      groups.count > 1
      ? max(
        190,
        54
          + SVGWriter.estimatedWidth(
            legend.max { $0.count < $1.count } ?? "", size: 11, bold: false))
      : 28.0
    let width = max(self.width, left + TornadoChart.minimumPlotWidth + right)
    let top = 48.0
    let bottom = 62.0
    let height = top + Double(categories.count) * rowHeight + bottom
    let plotRight = width - right
    let plotBottom = height - bottom

    let values = groups.flatMap { $0.bars.flatMap { [$0.value, $0.low, $0.high] } }.filter(
      \.isFinite)
    let axis = Axis(
      minimum: values.min() ?? 0, maximum: values.max() ?? 1, target: 6, includeZero: true)
    func px(_ v: Double) -> Double { axis.position(v, from: left, to: plotRight) }

    var svg = SVGWriter(width: width, height: height)
    svg.text(title, x: 12, y: 26, size: 16, weight: "bold")
    for tick in axis.ticks {
      svg.line(px(tick), top, px(tick), plotBottom, stroke: Palette.grid)
      svg.line(px(tick), plotBottom, px(tick), plotBottom + 5, stroke: Palette.axis)
      svg.text(axis.label(tick), x: px(tick), y: plotBottom + 19, anchor: .middle, size: 11)
    }
    svg.line(left, plotBottom, plotRight, plotBottom, stroke: Palette.axis)
    svg.line(px(0), top, px(0), plotBottom, stroke: Palette.axis)
    svg.text(
      valueLabel + axis.scaleSuffix, x: (left + plotRight) / 2, y: height - 18, anchor: .middle,
      size: 12)

    for row in categories.indices {
      let rowTop = top + Double(row) * rowHeight + rowGap / 2
      let middle = rowTop + Double(groups.count) * barHeight / 2
      svg.text(names[row], x: left - 8, y: middle + 4, anchor: .end, size: 11)
      for (g, group) in groups.enumerated() where row < group.bars.count {
        let bar = group.bars[row]
        guard bar.value.isFinite else { continue }
        let y = rowTop + Double(g) * barHeight
        let x0 = px(min(0, bar.value))
        let x1 = px(max(0, bar.value))
        svg.rect(x0, y + 1, x1 - x0, barHeight - 2, fill: Palette.color(g))
        if bar.low.isFinite, bar.high.isFinite {
          let cy = y + barHeight / 2
          svg.line(px(bar.low), cy, px(bar.high), cy, stroke: "#222222", width: 1.2)
          svg.line(px(bar.low), cy - 4, px(bar.low), cy + 4, stroke: "#222222", width: 1.2)
          svg.line(px(bar.high), cy - 4, px(bar.high), cy + 4, stroke: "#222222", width: 1.2)
        }
      }
    }
    if groups.count > 1 {
      var y = top + 6
      for g in groups.indices {
        svg.rect(plotRight + 16, y - 6, 22, 12, fill: Palette.color(g))
        svg.text(legend[g], x: plotRight + 46, y: y + 4, size: 11)
        y += 20
      }
    }
    return svg.document(title: title)
  }
}
