import Foundation
import Testing

@testable import Experiments

/// Golden tests: every `BrokenSweeps/NAME.yaml` must produce exactly the diagnostics in
/// `BrokenSweeps/NAME.expected`, as `gpumarket sweep --plan` prints them. `too-large` is written
/// at test time (a file over the size limit is not kept in the repository).
/// Re-record with `GPUMARKET_RECORD=1 swift test --filter BrokenSweepFileTests`.
@Suite struct BrokenSweepFileTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("BrokenSweeps")

  static var names: [String] {
    let all = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return all.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }.sorted()
  }

  /// What loading the sweep file at `path` reports, with `directory` removed from file names.
  static func diagnostics(_ path: String, in directory: String) -> String {
    let text: String
    do {
      _ = try SweepFile.load(path: path)
      text = "ok"
    } catch {
      text = error.description
    }
    return text.replacingOccurrences(of: directory + "/", with: "") + "\n"
  }

  static func check(_ name: String, actual: String) throws {
    let expectedURL = folder.appendingPathComponent(name + ".expected")
    if ProcessInfo.processInfo.environment["GPUMARKET_RECORD"] == "1" {
      try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(actual == expected, "BrokenSweeps/\(name)")
    // Every line names the file, line and column it is about and says it is an error.
    for line in actual.split(separator: "\n") {
      #expect(line.hasPrefix(name + ".yaml:"), "\(line)")
      #expect(line.contains(": error: "), "\(line)")
    }
  }

  @Test func theFolderCoversEveryKindOfError() {
    for name in ["several-errors", "misspelt-key", "too-deep", "alias-bomb", "invalid-design"] {
      #expect(Self.names.contains(name), "BrokenSweeps/\(name).yaml is missing")
    }
  }

  @Test(arguments: names) func producesTheExpectedDiagnostics(_ name: String) throws {
    let path = Self.folder.appendingPathComponent(name + ".yaml").path
    try Self.check(name, actual: Self.diagnostics(path, in: Self.folder.path))
  }

  /// Every error of a file is reported, not only the first.
  @Test func reportsEveryErrorAtOnce() {
    let path = Self.folder.appendingPathComponent("several-errors.yaml").path
    let lines = Self.diagnostics(path, in: Self.folder.path).split(separator: "\n")
    #expect(lines.count >= 6)
  }

  @Test func aFileOverTheSizeLimitIsRefusedUnread() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-sweep-size-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("too-large.yaml")
    let text = "scenario: builtin:ishigami\nvary: { x1: [1] }\n"
    try (text + String(repeating: "#", count: SweepFile.maxBytes)).write(
      to: file, atomically: true, encoding: .utf8)
    try Self.check("too-large", actual: Self.diagnostics(file.path, in: directory.path))
  }
}
