import Foundation
import Testing

@testable import Reports

@Suite struct ChartTests {
  @Test func niceAxisTicks() {
    let axis = Axis(minimum: 0.13, maximum: 9.7, target: 6)
    #expect(axis.lower == 0 && axis.upper == 10)
    #expect(axis.ticks == [0, 2, 4, 6, 8, 10])
    let small = Axis(minimum: -0.031, maximum: 0.044, target: 5)
    #expect(small.ticks.first! <= -0.031 && small.ticks.last! >= 0.044)
    #expect(small.label(small.ticks[1]) == "-0.02")
    let large = Axis(minimum: 0, maximum: 7.3e9, target: 5)
    #expect(large.scale == 9)
    #expect(large.ticks.map(large.label) == ["0", "2", "4", "6", "8"])
    #expect(large.scaleSuffix == " (×10⁹)")
    let tiny = Axis(minimum: 0, maximum: 0.00042, target: 5)
    #expect(tiny.scale == -6)
    #expect(tiny.ticks.map(tiny.label) == ["0", "200", "400", "600"])
    let flat = Axis(minimum: 5, maximum: 5)
    #expect(flat.lower < 5 && flat.upper > 5)
  }

  func lineChart() -> XYChart {
    var chart = XYChart(
      title: "Spot price <H100 & H200>", xLabel: "month", yLabel: "price ($/GPU-hour)")
    let months = (1...24).map { String(format: "2026-%02d", ($0 - 1) % 12 + 1) }
    let x = (0..<24).map { Double($0) }
    let h100: [(x: Double, y: Double)] = x.map { ($0, 2 + 0.05 * $0) }
    let band: [(low: Double, high: Double)] = x.map { (1.9 + 0.05 * $0, 2.1 + 0.05 * $0) }
    let h200: [(x: Double, y: Double)] = x.map { ($0, 3 - 0.02 * $0) }
    chart.lines = [
      XYChart.Line(name: "h100", points: h100, band: band),
      XYChart.Line(name: "h200", points: h200),
    ]
    chart.xTicks = XYChart.monthTicks(months)
    return chart
  }

  @Test func lineChartIsWellFormedAndHasItsParts() {
    let svg = lineChart().svg()
    #expect(xmlError(svg) == nil)
    #expect(svg.contains("Spot price &lt;H100 &amp; H200&gt;"))
    #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
    #expect(svg.components(separatedBy: "<polygon").count - 1 == 1)
    #expect(svg.contains(">price ($/GPU-hour)</text>"))
    #expect(svg.contains(">2026-01</text>"))
    #expect(svg.contains(Palette.colors[0]) && svg.contains(Palette.colors[1]))
  }

  @Test func monthTicksAreRegular() {
    let ticks = XYChart.monthTicks((0..<60).map { "m\($0)" })
    #expect(ticks.count == 8)
    #expect(ticks.map(\.value) == stride(from: 0.0, to: 60, by: 8).map { $0 })
  }

  @Test func barChartIsWellFormedWithWhiskers() {
    let chart = BarChart(
      title: "Sensitivity", valueLabel: "index", categories: ["market.sigma", "supply.growth"],
      groups: [
        .init(
          name: "S",
          bars: [.init(value: 0.4, low: 0.3, high: 0.5), .init(value: -0.1, low: -0.2, high: 0)]),
        .init(
          name: "ST",
          bars: [.init(value: 0.6, low: 0.5, high: 0.7), .init(value: 0.1, low: 0, high: 0.2)]),
      ])
    let svg = chart.svg()
    #expect(xmlError(svg) == nil)
    // Background, four bars, two legend swatches.
    #expect(svg.components(separatedBy: "<rect").count - 1 == 1 + 4 + 2)
    #expect(svg.contains(">market.sigma</text>"))
  }

  @Test func missingValuesAreLeftOutOfLinesAndBands() {
    var chart = XYChart(title: "t", xLabel: "x", yLabel: "y")
    let points: [(x: Double, y: Double)] = [(0, .nan), (1, .nan), (2, 3), (3, 4)]
    let band: [(low: Double, high: Double)] = [(0, 0), (0, 0), (2.5, 3.5), (3.5, 4.5)]
    chart.lines = [XYChart.Line(name: "a", points: points, band: band)]
    let svg = chart.svg()
    #expect(xmlError(svg) == nil)
    #expect(!svg.lowercased().contains("nan"))
    #expect(svg.components(separatedBy: "<polygon").count - 1 == 1)
  }
}
