import Foundation
import Testing

@testable import Reports

/// LaTeX figures converted in-process through librsvg (installed with librsvg2-bin, which the
/// tests need): the same PDF as rsvg-convert writes, and failures that name the file.
@Suite struct SVGToPDFTests {
  /// The PDF's bytes as Latin-1 text with its creation date (the one part that differs between
  /// two conversions of the same SVG) blanked.
  static func withoutDate(_ url: URL) throws -> String {
    let text = try #require(String(data: try Data(contentsOf: url), encoding: .isoLatin1))
    return text.replacingOccurrences(
      of: #"/CreationDate \([^)]*\)"#, with: "/CreationDate ()", options: .regularExpression)
  }

  @Test func sameBytesAsRSVGConvert() throws {
    let converter = try #require(SVGToPDF.shared, "librsvg and cairo load")
    let folder = temporaryFolder("svg-to-pdf")
    defer { try? FileManager.default.removeItem(at: folder) }
    for (name, svg) in ChartRenderingTests.charts() where ["lines", "log", "bars"].contains(name) {
      let source = folder.appendingPathComponent("\(name).svg")
      try svg.write(to: source, atomically: true, encoding: .utf8)
      let mine = folder.appendingPathComponent("\(name).pdf")
      try converter.convert(source, to: mine)
      let text = try Self.withoutDate(mine)
      #expect(text.hasPrefix("%PDF-"))
      #expect(text.contains("/MediaBox [ 0 0 "))

      let theirs = folder.appendingPathComponent("\(name)-rsvg-convert.pdf")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["rsvg-convert", "--format", "pdf", "--output", theirs.path, source.path]
      try process.run()
      process.waitUntilExit()
      try #require(process.terminationStatus == 0, "rsvg-convert is installed")
      #expect(text == (try Self.withoutDate(theirs)), "\(name).pdf differs from rsvg-convert's")
    }
  }

  @Test func failuresNameTheFile() throws {
    let converter = try #require(SVGToPDF.shared)
    let folder = temporaryFolder("svg-to-pdf-failures")
    defer { try? FileManager.default.removeItem(at: folder) }
    let broken = folder.appendingPathComponent("broken.svg")
    try "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\"".write(
      to: broken, atomically: true, encoding: .utf8)
    #expect {
      try converter.convert(broken, to: folder.appendingPathComponent("broken.pdf"))
    } throws: { "\($0)".contains("broken.svg") }

    let good = folder.appendingPathComponent("good.svg")
    try ChartRenderingTests.charts()[0].1.write(to: good, atomically: true, encoding: .utf8)
    #expect {
      try converter.convert(good, to: folder.appendingPathComponent("missing/good.pdf"))
    } throws: { "\($0)".contains("cannot write good.pdf") }
    #expect {
      try converter.convert(
        folder.appendingPathComponent("absent.svg"), to: folder.appendingPathComponent("a.pdf"))
    } throws: { "\($0)".contains("cannot read absent.svg") }
  }
}
