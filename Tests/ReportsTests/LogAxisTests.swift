import Foundation
import Testing

@testable import Reports

@Suite struct LogAxisTests {
  func chart(_ values: [Double]) -> XYChart {
    var chart = XYChart(title: "t", xLabel: "x", yLabel: "y")
    chart.lines = [XYChart.Line(name: "", points: values.enumerated().map { (Double($0), $1) })]
    return chart
  }

  @Test func decadeRule() {
    #expect(XYChart.spansMoreThanADecade(chart([0.5, 2, 6]).lines))
    #expect(!XYChart.spansMoreThanADecade(chart([1, 2, 9.9]).lines))
    #expect(!XYChart.spansMoreThanADecade(chart([0, 1, 9]).lines), "zeros do not count")
  }

  /// Ticks at 1, 2, 5 × 10^k within the data, placed at log10 of their value.
  @Test func ticksAreLogarithmic() {
    let ticks = LogTicks(chart([0.6, 3, 40]))
    let labels = ticks.ticks.map(\.1)
    #expect(labels == ["0.5", "1", "2", "5", "10", "20", "50"])
    for (position, label) in ticks.ticks {
      #expect(abs(pow(10, position) - Double(label)!) < 1e-9 * Double(label)!)
    }
    #expect(abs(ticks.lower - log10(0.5)) < 1e-12 && abs(ticks.upper - log10(50)) < 1e-12)
  }

  @Test func logChartLabelsItsAxisAndDropsNonPositiveValues() {
    var c = chart([0, 0.6, 3, 40])
    c.logarithmic = true
    let svg = c.svg()
    #expect(svg.contains("(log scale)"))
    #expect(svg.contains(">50<") && svg.contains(">0.5<"))
    #expect(xmlError(svg) == nil)
  }

  /// The forward curve follows `--log-axis`: linear under auto while the prices stay within a
  /// decade, logarithmic under auto once a spot price is more than ten times the long tenor's.
  @Test func forwardCurveFollowsTheOption() throws {
    func forward(spot: Double, _ mode: LogAxis) throws -> XYChart {
      try #require(
        RunFolderReportSource.forwardChart(
          chip: "h100", tenors: [1, 12, 36], prices: [[4.0], [2.0], [1.5]], spot: [spot],
          months: ["2023-06"], steps: [0], logAxis: mode))
    }
    #expect(try !forward(spot: 5, .auto).logarithmic)
    #expect(try forward(spot: 5, .on).logarithmic)
    #expect(try forward(spot: 20, .auto).logarithmic)
    #expect(try !forward(spot: 20, .off).logarithmic)
    #expect(try forward(spot: 20, .auto).svg().contains("(log scale)"))
  }

  /// An axis that crosses 10^7, where NumberFormat turns scientific, labels every tick in one
  /// notation; one that stays below keeps plain numbers.
  @Test func tickLabelsShareOneNotation() {
    let wide = LogTicks(chart([2e5, 3e6, 4e8])).ticks.map(\.1)
    #expect(wide == ["1e+05", "1e+06", "1e+07", "1e+08", "1e+09"])
    let spanning = LogTicks(chart([3e6, 4e7])).ticks.map(\.1)
    #expect(spanning == ["2e+06", "5e+06", "1e+07", "2e+07", "5e+07"])
    for (position, label) in LogTicks(chart([3e6, 4e7])).ticks {
      #expect(abs(pow(10, position) - Double(label)!) < 1e-9 * Double(label)!)
    }
    let plain = LogTicks(chart([3, 4e4])).ticks.map(\.1)
    #expect(plain == ["1", "10", "100", "1000", "10000", "100000"])
  }
}
