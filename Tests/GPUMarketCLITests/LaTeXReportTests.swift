import Foundation
import Testing

/// A LaTeX report has its charts as figures and compiles with pdflatex without overfull boxes
/// or floats too large for the page.
@Suite struct LaTeXReportTests {
  @Test func reportCompilesWithFiguresAndTablesThatFit() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("latex-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let sweep = try CLIRunner.run(
      [
        "sweep", "baseline-2026", "--vary", "market.sigma=4,6,8", "--vary",
        "market.availability=0.9,0.95", "--series", "--db", "s.sqlite", "--quiet",
      ], in: root)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let report = try CLIRunner.run(["report", "s.sqlite", "--out", "report.tex"], in: root)
    #expect(report.status == 0, "\(report.stderr)")
    let tex = try String(contentsOf: root.appendingPathComponent("report.tex"), encoding: .utf8)
    let figures = tex.components(separatedBy: "\\includegraphics").count - 1
    #expect(figures >= 4, "the charts are figures (\(figures))")
    #expect(
      FileManager.default.fileExists(
        atPath: root.appendingPathComponent("report-charts/series-price.pdf").path))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "report.tex"]
    process.currentDirectoryURL = root
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "pdflatex failed")
    let log = try String(
      contentsOf: root.appendingPathComponent("report.log"), encoding: .isoLatin1)
    #expect(!log.contains("Overfull \\hbox"), "a table or figure is wider than the page")
    #expect(!log.contains("Float too large"), "a table is taller than the page")
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("report.pdf").path))
  }

  @Test func unsupportedExtensionIsRefused() throws {
    let result = try CLIRunner.run(["report", "whatever.sqlite", "--out", "report.pdf"])
    #expect(result.status == 64)
    #expect(result.stderr.contains(".pdf"))
  }
}
