import Foundation
import Testing

/// Without --outcome a sweep report of the model covers the headline outcomes that vary, and
/// says what it left out; a series chart keeps the largest series and names the others.
@Suite struct HeadlineOutcomeTests {
  static let patterns = ["share.", "price.h100.", "hhi.", "contractedShare."]

  @Test func defaultReportShowsTheHeadlineOutcomesThatVary() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("headline-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let sweep = try CLIRunner.run(
      [
        "sweep", "baseline-2026", "--vary", "market.sigma=4,8", "--series", "--out", "s.sqlite",
        "--quiet",
      ],
      in: folder)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let report = try CLIRunner.run(["report", "s.sqlite", "--format", "json"], in: folder)
    #expect(report.status == 0, "\(report.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
    let tables = json?["tables"] as? [[String: Any]] ?? []
    let summary = try #require(tables.first { $0["id"] as? String == "outcome-summary" })
    let rows = summary["rows"] as? [[Any]] ?? []
    let names = rows.compactMap { $0.first as? String }
    #expect(!names.isEmpty)
    for name in names {
      #expect(Self.patterns.contains { name.hasPrefix($0) }, "\(name) is a headline outcome")
    }
    for pattern in Self.patterns {
      #expect(names.contains { $0.hasPrefix(pattern) }, "some \(pattern)* outcome is shown")
    }
    // Columns: outcome, points, mean, sd, min, max, …: every shown outcome varies.
    for row in rows {
      let low = row[4] as? Double ?? 0
      let high = row[5] as? Double ?? 0
      #expect(high > low, "\(row[0]) varies across the points")
    }
    let note = summary["note"] as? String ?? ""
    #expect(note.contains("other outcomes are left out"), "\(note)")
    #expect(note.contains("take one value in every run"), "\(note)")
    #expect(note.contains("contractedShare.*"), "\(note)")
    // The baseline has more than eight compute series: the chart names those it leaves out.
    let charts = json?["charts"] as? [[String: Any]] ?? []
    let compute = try #require(charts.first { $0["id"] as? String == "series-compute" })
    let caption = compute["caption"] as? String ?? ""
    #expect(caption.contains("largest of") && caption.contains("left out:"), "\(caption)")
  }
}
