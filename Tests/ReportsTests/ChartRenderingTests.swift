import Foundation
import Testing

@testable import Reports

/// Every chart kind, drawn from fixed data: compared with its golden SVG, measured in headless
/// Chromium (every text's box inside the view box), and screenshotted.
///
/// Regenerate the golden files with `GPUMARKET_UPDATE_GOLDEN=1 swift test --filter
/// ChartRenderingTests`; set `GPUMARKET_CHART_PNG_DIR=DIR` to keep the screenshots.
@Suite(.serialized) struct ChartRenderingTests {
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  /// One chart of every kind, with long labels where clipping used to happen.
  static func charts() -> [(name: String, svg: String)] {
    let months = (0..<36).map { String(format: "%04d-%02d", 2025 + $0 / 12, $0 % 12 + 1) }
    var line = XYChart(
      title: "Spot price of a chip with a long name against every month of the horizon we model",
      xLabel: "month", yLabel: "price.h100 ($/GPU-hour), the mean of monthly averages")
    line.xTicks = XYChart.monthTicks(months)
    for k in 0..<9 {
      line.lines.append(
        XYChart.Line(
          name: "buyer-with-a-rather-long-identifier-\(k)",
          points: (0..<36).map { (Double($0), 2 + Double(k) * 0.3 + sin(Double($0) / 5)) }))
    }
    var fan = XYChart(title: "price.h100 in baseline-2026", xLabel: "month", yLabel: "price")
    fan.xTicks = XYChart.monthTicks(months)
    let median = (0..<36).map { (x: Double($0), y: 3 + cos(Double($0) / 6)) }
    fan.lines = [
      XYChart.Line(
        name: "", points: median, band: median.map { ($0.y - 0.2, $0.y + 0.2) },
        outerBand: median.map { ($0.y - 0.5, $0.y + 0.5) })
    ]
    fan.markers = [
      (4, "2025-05 contract anthropic-colossus-2026 starts with a very long description"),
      (5, "2025-06 export ban"), (35, "2027-12 the last month of the horizon, near the edge"),
    ]
    var log = XYChart(title: "Launch spike on a log axis", xLabel: "month", yLabel: "price")
    log.xTicks = XYChart.monthTicks(months)
    let spike: [(x: Double, y: Double)] = (0..<36).map { t -> (x: Double, y: Double) in
      let x = Double(t)
      return (x, 40 * exp(-x / 6) + 0.5)
    }
    log.lines = [XYChart.Line(name: "", points: spike)]
    log.logarithmic = true
    // Compute per buyer as a run folder draws it: zeros before a buyer starts, sizes three
    // decades apart; the axis is chosen by `--log-axis auto`.
    var logAuto = XYChart(
      title: "Compute per buyer", xLabel: "month", yLabel: "H100e GPU-hours per month")
    logAuto.xTicks = XYChart.monthTicks(months)
    for (k, size) in [3e8, 4e7, 2e6, 5e5].enumerated() {
      logAuto.lines.append(
        XYChart.Line(
          name: "buyer-\(k)",
          points: (0..<36).map { t in
            (Double(t), t < 3 * k ? 0 : size * (1 + Double(t) / 36))
          }))
    }
    logAuto.logarithmic = LogAxis.auto.logarithmic(logAuto.lines)
    var scatter = XYChart(
      title: "share.anthropic.2026 against contracts.anthropic-colossus-2026.gpus.h100",
      xLabel: "contracts.anthropic-colossus-2026.gpus.h100", yLabel: "share.anthropic.2026")
    var cloud: [(x: Double, y: Double)] = []
    var whiskers: [(low: Double, high: Double)] = []
    for k in 0..<40 {
      let y = 0.1 + 0.001 * Double(k % 7)
      cloud.append((Double(k) * 7_500, y))
      whiskers.append((y - 0.001, y + 0.001))
    }
    scatter.pointSets = [
      XYChart.PointSet(name: "point mean, 95% CI", points: cloud, whiskers: whiskers)
    ]
    scatter.lines = [
      XYChart.Line(name: "mean over other parameters", points: [(0, 0.1), (300_000, 0.106)])
    ]
    let bars = BarChart(
      title: "Sensitivity of share.anthropic.2026: Sobol indices",
      valueLabel: "share of output variance (95% bootstrap interval)",
      categories: ["buyers.anthropic.budgetUSDPerMonth.2026-04", "market.sigma", "x"],
      groups: [
        .init(
          name: "first order S",
          bars: [.init(value: 0.6, low: 0.5, high: 0.7)] + [
            .init(value: 0.1, low: 0.05, high: 0.15), .init(value: -0.01, low: -0.03, high: 0.01),
          ]),
        .init(
          name: "total order ST",
          bars: [.init(value: 0.7, low: 0.6, high: 0.8)] + [
            .init(value: 0.2, low: 0.1, high: 0.3), .init(value: 0.02, low: 0, high: 0.04),
          ]),
      ])
    let tornado = TornadoChart(
      title: "What moves share.anthropic.2026 most", valueLabel: "share.anthropic.2026 (fraction)",
      baseline: 0.1,
      rows: [
        .init(name: "market.sigma", low: 0.09, high: 0.115),
        .init(name: "buyers.anthropic.budgetUSDPerMonth.2026-04", low: 0.07, high: 0.14),
        .init(name: "market.availability", low: 0.098, high: 0.101),
      ])
    let heat = HeatMapChart(
      title: "share.anthropic.2026 over market.sigma and market.availability",
      xLabel: "market.sigma", yLabel: "market.availability", valueLabel: "share.anthropic.2026",
      xValues: [4, 6, 8, 10, 12], yValues: [0.85, 0.9, 0.95],
      values: Self.gridValues)
    // A forward curve by tenor: a backwardated month, a flat one and one missing a tenor.
    let forward = RunFolderReportSource.forwardChart(
      chip: "h100-with-a-long-name", tenors: [1, 3, 6, 12, 24, 36],
      prices: [
        [5.3, 2.4, 1.5], [4.7, 2.2, 1.5], [4.0, 2.0, .nan], [3.1, 1.8, 1.5],
        [2.3, 1.6, 1.5], [2.0, 1.5, 1.5],
      ],
      spot: [5.7, 2.1, 1.5], months: ["2023-09", "2024-10", "2026-06"], steps: [0, 1, 2],
      logAxis: .auto)!
    return [
      ("forward", forward.svg()), ("lines", line.svg()), ("fan", fan.svg()), ("log", log.svg()),
      ("log-auto", logAuto.svg()),
      ("scatter", scatter.svg()),
      ("bars", bars.svg()), ("tornado", tornado.svg()), ("heatmap", heat.svg()),
    ]
  }

  static let gridValues: [[Double]] = [
    [0.080, 0.090, 0.100, 0.110, 0.120], [0.083, 0.093, 0.103, 0.113, 0.123],
    [0.086, 0.096, 0.106, 0.116, .nan],
  ]

  @Test func matchGoldenFiles() throws {
    let update = ProcessInfo.processInfo.environment["GPUMARKET_UPDATE_GOLDEN"] == "1"
    for (name, svg) in Self.charts() {
      let file = Self.golden.appendingPathComponent("\(name).svg")
      if update {
        try svg.write(to: file, atomically: true, encoding: .utf8)
        continue
      }
      let expected = try String(contentsOf: file, encoding: .utf8)
      #expect(svg == expected, "\(name).svg differs from the golden file")
      #expect(xmlError(svg) == nil)
    }
  }

  /// Chromium lays out every chart; each text's bounding box (after rotation) must lie inside
  /// its SVG's box, to half a pixel.
  @Test func noTextIsClippedInChromium() throws {
    let folder = temporaryFolder("chromium-extents")
    defer { try? FileManager.default.removeItem(at: folder) }
    let charts = Self.charts()
    let page = """
      <!DOCTYPE html><html><body style="margin:0">
      \(charts.map { "<div>\($0.svg)</div>" }.joined(separator: "\n"))
      <pre id="result"></pre>
      <script>
      const out = [];
      document.querySelectorAll('svg').forEach((s, i) => {
        const b = s.getBoundingClientRect();
        s.querySelectorAll('text').forEach(t => {
          const r = t.getBoundingClientRect();
          if (r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 ||
              r.bottom > b.bottom + 0.5) out.push([i, t.textContent]);
        });
      });
      document.getElementById('result').textContent = 'checked:' + JSON.stringify(out);
      </script></body></html>
      """
    let html = folder.appendingPathComponent("charts.html")
    try page.write(to: html, atomically: true, encoding: .utf8)
    let dom = try Chromium.run(["--dump-dom", html.absoluteString])
    let marker = try #require(dom.range(of: "checked:"), "Chromium ran the measuring script")
    let rest = dom[marker.upperBound...]
    let json = String(rest.prefix { $0 != "<" })
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    let clipped = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[Any]] ?? []
    for entry in clipped {
      let index = entry.first as? Int ?? -1
      Issue.record("\(charts[index].name): text clipped: \(entry.last ?? "")")
    }
  }

  /// Each chart renders to a non-empty PNG in Chromium.
  @Test func screenshotsInChromium() throws {
    let keep = ProcessInfo.processInfo.environment["GPUMARKET_CHART_PNG_DIR"].map {
      URL(fileURLWithPath: $0)
    }
    let folder = keep ?? temporaryFolder("chromium-screenshots")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
    for (name, svg) in Self.charts() {
      let file = folder.appendingPathComponent("\(name).svg")
      try svg.write(to: file, atomically: true, encoding: .utf8)
      let png = folder.appendingPathComponent("\(name).png")
      let size = try #require(Self.viewBoxSize(svg))
      _ = try Chromium.run([
        "--screenshot=\(png.path)", "--window-size=\(Int(size.0)),\(Int(size.1))",
        file.absoluteString,
      ])
      let bytes = (try? Data(contentsOf: png))?.count ?? 0
      #expect(bytes > 4_000, "\(name).png has \(bytes) bytes")
    }
  }

  static func viewBoxSize(_ svg: String) -> (Double, Double)? {
    guard
      let range = svg.range(of: #"viewBox="0 0 ([0-9.]+) ([0-9.]+)""#, options: .regularExpression)
    else { return nil }
    let parts = svg[range].dropFirst(9).dropLast().split(separator: " ")
    guard parts.count == 4, let w = Double(parts[2]), let h = Double(parts[3]) else { return nil }
    return (w.rounded(.up), h.rounded(.up))
  }
}

/// Headless Chromium, as installed on the build machine (`chromium`).
enum Chromium {
  /// Runs chromium headless with `arguments`; returns standard output. Throws when it is missing.
  static func run(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}

/// How `--log-axis` chooses a chart's y axis.
@Suite struct LogAxisChoiceTests {
  /// `--log-axis`: auto is logarithmic only where the positive values span more than a decade and
  /// none is negative; on wherever a value is positive; off never.
  @Test func logAxisChoice() {
    func line(_ ys: [Double]) -> XYChart.Line {
      XYChart.Line(name: "", points: ys.enumerated().map { (Double($0.offset), $0.element) })
    }
    let wide = [line([0, 0, 1, 5, 20])]  // zeros before launch, 1 to 20
    let narrow = [line([2, 5, 19])]  // less than 10×
    let signed = [line([-1, 1, 50])]  // a difference that changes sign
    let exactlyTen = [line([1, 10])]
    #expect(LogAxis.auto.logarithmic(wide))
    #expect(!LogAxis.auto.logarithmic(narrow))
    #expect(!LogAxis.auto.logarithmic(signed))
    #expect(!LogAxis.auto.logarithmic(exactlyTen))
    #expect(LogAxis.on.logarithmic(narrow) && LogAxis.on.logarithmic(signed))
    #expect(!LogAxis.on.logarithmic([line([0, -2])]))
    #expect(!LogAxis.off.logarithmic(wide))
  }
}
