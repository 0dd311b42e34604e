import Foundation
import Testing

@testable import Reports

/// Checks that need outside programs; each skips with a message when the program is absent.
@Suite(.serialized) struct RenderingTests {
  /// Renders the HTML report in headless Chromium and checks the screenshot is a real picture:
  /// a PNG of the requested size and far larger than a blank page compresses to.
  @Test func htmlReportRendersInChromium() throws {
    guard let chromium = executableOnPath("chromium") ?? executableOnPath("chromium-browser") else {
      print("skipped: chromium is not on PATH")
      return
    }
    let folder = temporaryFolder("html")
    let path = try makeSweepDatabase(
      "h", design: .grid, vary: ["x1=-3..3:7", "x2=0,1.5"], replicates: 3, folder: folder)
    let html = folder.appendingPathComponent("report.html")
    try Data(try SweepReportSource(path: path).makeDocument().render(.html).main.utf8).write(
      to: html)
    let png = folder.appendingPathComponent("report.png")
    let status = runProgram(
      chromium,
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--screenshot=\(png.path)", "--window-size=1200,2000", html.absoluteString,
      ], in: folder)
    #expect(status == 0)
    let data = try Data(contentsOf: png)
    #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    // IHDR width and height, big-endian at bytes 16-23.
    let width = data[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = data[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width == 1200 && height == 2000)
    // A blank 1200x2000 page compresses to a few kB; tables and charts take far more.
    #expect(data.count > 40_000, "screenshot only \(data.count) bytes")
  }

  @Test func latexReportCompiles() throws {
    guard let pdflatex = executableOnPath("pdflatex") else {
      print("skipped: pdflatex is not on PATH")
      return
    }
    let folder = temporaryFolder("latex")
    let path = try makeSweepDatabase(
      "t", design: .lhs, vary: ["x1=-3..3", "x2=0..1"], samples: 60, replicates: 2, folder: folder)
    let tex = folder.appendingPathComponent("report.tex")
    // The figures are PDFs the command converts; here the tables alone must compile.
    let document = try SweepReportSource(path: path).makeDocument().withoutCharts
    try Data(document.render(.latex).main.utf8).write(to: tex)
    let status = runProgram(
      pdflatex, ["-interaction=nonstopmode", "-halt-on-error", "report.tex"], in: folder)
    #expect(status == 0)
    #expect(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.pdf").path))
  }
}

/// A printed HTML report keeps every row of a long table (on screen it scrolls in a box).
@Suite struct HTMLPrintTests {
  @Test func printedReportKeepsEveryRow() throws {
    let folder = temporaryFolder("html-print")
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try makeSweepDatabase(
      "print", design: .grid, vary: ["x1=-1..1:13", "x2=0..1:19"], series: false, folder: folder)
    // What is printed is the subject here, not the bootstrap intervals: few resamples suffice.
    var options = SweepReportOptions()
    options.bootstrapResamples = 50
    let document = try SweepReportSource(path: path, options: options).makeDocument()
    let table = try #require(document.tables.first { $0.id == "outcomes-by-point" })
    #expect(table.rows.count == 247)
    let html = folder.appendingPathComponent("report.html")
    try Data(document.render(.html).main.utf8).write(to: html)
    let pdf = folder.appendingPathComponent("report.pdf")
    _ = try Chromium.run([
      "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString,
    ])
    let text = folder.appendingPathComponent("report.txt")
    #expect(runProgram("/usr/bin/pdftotext", ["-layout", pdf.path, text.path], in: folder) == 0)
    let lines = try String(contentsOf: text, encoding: .utf8).split(separator: "\n")
    // A row of the by-point table starts with its point number, then x1 (a signed decimal).
    var points = Set<Int>()
    for line in lines {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 3, let point = Int(fields[0]), Double(fields[1]) != nil,
        fields[1].contains(".") || fields[1] == "0" || fields[1].hasPrefix("-")
      else { continue }
      if point >= 0 && point < 247 { points.insert(point) }
    }
    #expect(points.count == 247, "printed \(points.count) of 247 rows")
  }
}
