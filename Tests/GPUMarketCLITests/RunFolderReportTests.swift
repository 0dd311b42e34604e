import Foundation
import Testing

/// `gpumarket report DIR` on a folder written by `gpumarket run --out DIR`.
@Suite struct RunFolderReportTests {
  func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-runreport-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func htmlAndMarkdownFromARunFolder() throws {
    let directory = try temporaryDirectory()
    let out = directory.appendingPathComponent("run")
    let run = try CLIRunner.run(["run", "scenarios/baseline-2026.yaml", "--out", out.path])
    #expect(run.status == 0, "\(run.stderr)")

    let html = directory.appendingPathComponent("report.html")
    let htmlRun = try CLIRunner.run(["report", out.path, "--format", "html", "--out", html.path])
    #expect(htmlRun.status == 0, "\(htmlRun.stderr)")
    let page = try String(contentsOf: html, encoding: .utf8)
    #expect(page.contains("Run of baseline-2026 (seed 1)"))
    // Price, compute, installed, contracted share, and one forward curve per chip offered.
    #expect(page.components(separatedBy: "<svg").count - 1 >= 5)
    for title in [
      "Contracted share of rented GPU-hours", "Forward curve of h100", "2026-06", "2024-06",
    ] {
      #expect(page.contains(title), "\(title)")
    }
    #expect(
      !page.contains("http://") || page.contains("http://www.w3.org/2000/svg"),
      "no external resources")
    for name in ["anthropic", "h100", "google"] { #expect(page.contains(name)) }

    let markdown = directory.appendingPathComponent("report.md")
    let markdownRun = try CLIRunner.run([
      "report", out.path, "--format", "markdown", "--out", markdown.path,
    ])
    #expect(markdownRun.status == 0, "\(markdownRun.stderr)")
    let text = try String(contentsOf: markdown, encoding: .utf8)
    #expect(text.contains("| h100 |"))
    #expect(text.contains(".svg)"))

    // The H100 yearly mean in the report equals the run's own summary figure.
    let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
    let line = try #require(
      summary.split(whereSeparator: \.isNewline).first { $0.hasPrefix("price.h100.2024,") })
    let expected = try #require(Double(line.split(separator: ",")[1]))
    let row = try #require(
      text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("| h100 |") })
    let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    let shown = try #require(Double(cells[2]))
    #expect(
      abs(shown - expected) / expected < 1e-3, "2024 column shows \(shown), summary has \(expected)"
    )
  }

  /// Run-folder charts get a log axis where a series spans more than a decade (compute per buyer
  /// does), `--log-axis off` keeps every axis linear, and a bad value is a usage error.
  @Test func logAxesOnRunFolderCharts() throws {
    let directory = try temporaryDirectory()
    let out = directory.appendingPathComponent("run")
    #expect(
      try CLIRunner.run(["run", "scenarios/baseline-2026.yaml", "--out", out.path]).status == 0)
    func compute(_ mode: String) throws -> String {
      let html = directory.appendingPathComponent("report-\(mode).html")
      let result = try CLIRunner.run([
        "report", out.path, "--log-axis", mode, "--format", "html", "--out", html.path,
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let page = try String(contentsOf: html, encoding: .utf8)
      return page.components(separatedBy: "<svg").count > 2
        ? page.components(separatedBy: "<svg")[2] : ""
    }
    #expect(try compute("auto").contains("log scale"))
    #expect(!(try compute("off").contains("log scale")))
    let bad = try CLIRunner.run(["report", out.path, "--log-axis", "sometimes"])
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--log-axis must be one of auto, on, off"))
  }

  /// The contracted-share and forward-curve charts follow --log-axis too: on the baseline the
  /// contracted share spans more than a decade (a provider's first months), the forward curves
  /// do not; `on` makes both logarithmic and `off` neither.
  @Test func logAxesOnContractCharts() throws {
    let directory = try temporaryDirectory()
    let out = directory.appendingPathComponent("run")
    #expect(
      try CLIRunner.run(["run", "scenarios/baseline-2026.yaml", "--out", out.path]).status == 0)
    func charts(_ mode: String) throws -> (share: String, forward: String) {
      let markdown = directory.appendingPathComponent("\(mode)/report.md")
      let result = try CLIRunner.run([
        "report", out.path, "--log-axis", mode, "--format", "markdown", "--out", markdown.path,
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let folder = directory.appendingPathComponent("\(mode)/report-charts")
      return (
        try String(
          contentsOf: folder.appendingPathComponent("contracted-share.svg"), encoding: .utf8),
        try String(contentsOf: folder.appendingPathComponent("forward-h100.svg"), encoding: .utf8)
      )
    }
    let auto = try charts("auto")
    #expect(auto.share.contains("(log scale)"))
    #expect(!auto.forward.contains("(log scale)"))
    let on = try charts("on")
    #expect(on.share.contains("(log scale)") && on.forward.contains("(log scale)"))
    let off = try charts("off")
    #expect(!off.share.contains("(log scale)") && !off.forward.contains("(log scale)"))
  }

  @Test func forwardCurveAtChosenMonths() throws {
    let directory = try temporaryDirectory()
    let out = directory.appendingPathComponent("run")
    let run = try CLIRunner.run(["run", "scenarios/baseline-2026.yaml", "--out", out.path])
    #expect(run.status == 0, "\(run.stderr)")
    let html = directory.appendingPathComponent("report.html")
    let report = try CLIRunner.run([
      "report", out.path, "--forward-month", "2023-09", "--forward-month", "2026-06", "--out",
      html.path,
    ])
    #expect(report.status == 0, "\(report.stderr)")
    let page = try String(contentsOf: html, encoding: .utf8)
    #expect(page.contains("at 2023-09, 2026-06"))
    #expect(!page.contains("at 2024-06"))
    let bad = try CLIRunner.run(["report", out.path, "--forward-month", "June"])
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("--forward-month expects a month written YYYY-MM"))
  }

  @Test func aFolderThatIsNotARunIsRefused() throws {
    let directory = try temporaryDirectory()
    let result = try CLIRunner.run(["report", directory.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("not a run folder"))
  }
}
