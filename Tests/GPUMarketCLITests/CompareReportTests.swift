import Foundation
import Testing

/// `gpumarket report` on a folder written by `gpumarket compare --out`.
@Suite struct CompareReportTests {
  @Test func reportDrawsDifferencesAndFanChartsWithEvents() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("compare-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("comparison").path
    let compare = try CLIRunner.run([
      "compare", "baseline-2026", "counterfactual-no-colossus", "--replicates", "4", "--quiet",
      "--set", "randomness.demandNoise=0.1", "--outcome", "price.h100.2026",
      "--outcome", "compute.anthropic.2026", "--out", folder,
    ])
    #expect(compare.status == 0, "\(compare.stderr)")
    let out = root.appendingPathComponent("report.md")
    let report = try CLIRunner.run(["report", folder, "--out", out.path])
    #expect(report.status == 0, "\(report.stderr)")
    let text = try String(contentsOf: out, encoding: .utf8)
    #expect(text.contains("paired"))
    #expect(text.contains("randomness.demandNoise=0.1"), "the provenance names the override")
    #expect(text.contains("| price.h100.2026 |"))
    let charts = root.appendingPathComponent("report-charts")
    let names = try FileManager.default.contentsOfDirectory(atPath: charts.path).sorted()
    for expected in [
      "differences.svg", "fan-price-h100-baseline-2026.svg",
      "fan-price-h100-counterfactual-no-colossus.svg",
      "difference-price-h100-counterfactual-no-colossus.svg",
    ] {
      #expect(names.contains(expected), "\(names)")
    }
    let fan = try String(
      contentsOf: charts.appendingPathComponent("fan-price-h100-baseline-2026.svg"),
      encoding: .utf8)
    #expect(fan.contains("2026-05 contract anthropic-colossus-2026 starts"))
    // Two bands (50% and 90%) around the median.
    #expect(fan.components(separatedBy: "<polygon").count - 1 == 2)
    let counterfactual = try String(
      contentsOf: charts.appendingPathComponent("fan-price-h100-counterfactual-no-colossus.svg"),
      encoding: .utf8)
    #expect(!counterfactual.contains("anthropic-colossus-2026"))
  }

  @Test func unknownSeriesIsRefused() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("compare-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let compare = try CLIRunner.run([
      "compare", "baseline-2026", "counterfactual-no-colossus", "--quiet", "--outcome",
      "hhi.2026", "--out", root.path,
    ])
    #expect(compare.status == 0, "\(compare.stderr)")
    let report = try CLIRunner.run(["report", root.path, "--outcome", "price.nothing"])
    #expect(report.status == 2)
    #expect(report.stderr.contains("price.nothing"))
  }
}
