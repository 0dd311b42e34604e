import Foundation

/// A heat map of an outcome over a two-parameter grid: one cell per (x, y) value pair, coloured
/// on a sequential scale from light (low) to dark blue (high), with the value written in each
/// cell when there is room, and a colour key.
public struct HeatMapChart: Sendable {
  public var title: String
  public var xLabel: String
  public var yLabel: String
  public var valueLabel: String
  public var xValues: [Double]
  public var yValues: [Double]
  /// `values[row][column]` for y = yValues[row], x = xValues[column]; NaN for no value.
  public var values: [[Double]]
  public var width = 760.0

  public init(
    title: String, xLabel: String, yLabel: String, valueLabel: String, xValues: [Double],
    yValues: [Double], values: [[Double]]
  ) {
    self.title = title
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.valueLabel = valueLabel
    self.xValues = xValues
    self.yValues = yValues
    self.values = values
  }

  /// Light yellow-white to dark blue, interpolated in sRGB (readable on white, monotone in
  /// lightness).
  static func color(_ t: Double) -> String {
    let low = (247.0, 251.0, 255.0)
    let high = (8.0, 48.0, 107.0)
    let u = t.isFinite ? min(max(t, 0), 1) : 0
    let r = Int((low.0 + (high.0 - low.0) * u).rounded())
    let g = Int((low.1 + (high.1 - low.1) * u).rounded())
    let b = Int((low.2 + (high.2 - low.2) * u).rounded())
    return String(format: "#%02x%02x%02x", r, g, b)
  }

  /// A grid value as written in a plan: up to six significant digits, no trailing zeros.
  static func tick(_ value: Double) -> String {
    let text = String(format: "%.6g", value)
    return text == "-0" ? "0" : text
  }

  public func svg() -> String {
    let left = 90.0
    let right = 130.0
    let top = 48.0
    let plotRight = width - right
    let cellWidth = (plotRight - left) / Double(max(xValues.count, 1))
    let cellHeight = min(48, max(18, 320 / Double(max(yValues.count, 1))))
    let plotBottom = top + cellHeight * Double(yValues.count)
    let height = plotBottom + 62
    let finite = values.joined().filter(\.isFinite)
    let low = finite.min() ?? 0
    let high = finite.max() ?? 1
    let span = high > low ? high - low : 1

    var svg = SVGWriter(width: width, height: height)
    svg.text(title, x: 12, y: 26, size: 16, weight: "bold")
    for (row, y) in yValues.enumerated() {
      // The first y value is at the bottom, as on an axis.
      let cellTop = plotBottom - Double(row + 1) * cellHeight
      svg.text(
        Self.tick(y), x: left - 8, y: cellTop + cellHeight / 2 + 4, anchor: .end, size: 11)
      for (column, _) in xValues.enumerated() {
        let value = row < values.count && column < values[row].count ? values[row][column] : .nan
        let t = (value - low) / span
        let x = left + Double(column) * cellWidth
        svg.rect(
          x, cellTop, cellWidth - 1, cellHeight - 1,
          fill: value.isFinite ? Self.color(t) : "#dddddd")
        let text = value.isFinite ? NumberFormat.format(value, significant: 3) : "–"
        if SVGWriter.estimatedWidth(text, size: 10, bold: false) < cellWidth - 4, cellHeight >= 14 {
          svg.text(
            text, x: x + cellWidth / 2, y: cellTop + cellHeight / 2 + 4, anchor: .middle,
            size: 10, fill: t > 0.55 ? "#ffffff" : "#222222")
        }
      }
    }
    for (column, x) in xValues.enumerated() {
      svg.text(
        Self.tick(x), x: left + (Double(column) + 0.5) * cellWidth, y: plotBottom + 18,
        anchor: .middle, size: 11)
    }
    svg.text(xLabel, x: (left + plotRight) / 2, y: height - 18, anchor: .middle, size: 12)
    svg.text(
      yLabel, x: 18, y: (top + plotBottom) / 2, anchor: .middle, size: 12, rotate: -90)
    // Colour key: five steps from low to high.
    let keyX = plotRight + 20
    svg.text(XYChart.shorten(valueLabel, 16), x: keyX, y: top - 6, size: 11)
    for k in 0..<5 {
      let t = Double(4 - k) / 4
      let y = top + Double(k) * 22
      svg.rect(keyX, y, 18, 20, fill: Self.color(t))
      svg.text(
        NumberFormat.format(low + t * span, significant: 3), x: keyX + 24, y: y + 14, size: 11)
    }
    return svg.document(title: title)
  }
}
