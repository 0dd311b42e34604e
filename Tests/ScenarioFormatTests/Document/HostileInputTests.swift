import Foundation
import LocatedYAML
import ScenarioFormat
import Testing

/// Hostile files are refused quickly with a clear message, never a crash or a hang.
@Suite struct HostileInputTests {
  func loadError(_ path: String) -> String? {
    do {
      _ = try Document.load(path: path)
      return nil
    } catch {
      return error.description
    }
  }

  @Test func emptyFile() {
    let dir = TemporaryDirectory()
    #expect(loadError(dir.write("e.yaml", ""))?.contains("the file is empty") == true)
  }

  @Test func binaryGarbage() throws {
    let dir = TemporaryDirectory()
    let path = dir.url.appendingPathComponent("g.bin").path
    var bytes = [UInt8](repeating: 0, count: 4096)
    var state: UInt64 = 7
    for k in bytes.indices {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      bytes[k] = UInt8(truncatingIfNeeded: state >> 56)
    }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let message = try #require(loadError(path))
    #expect(message.contains("not a text file") || message.contains("not UTF-8"))
  }

  @Test func invalidUTF8() throws {
    let dir = TemporaryDirectory()
    let path = dir.url.appendingPathComponent("u.yaml").path
    try Data([0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: path))
    #expect(loadError(path)?.contains("not UTF-8 text") == true)
  }

  /// Twelve levels of nine aliases each, 9^13 values if expanded; `first` is the first line.
  static func aliasBomb(first: String = "a: &a [x, x, x, x, x, x, x, x, x]") -> String {
    var text = first + "\n"
    var previous = "a"
    for level in 1...12 {
      text +=
        "l\(level): &l\(level) ["
        + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
      previous = "l\(level)"
    }
    return text
  }

  /// Refused where the budget of values runs out (4 per byte + 100,000), found without building
  /// the values before it.
  @Test func aliasBomb() {
    let dir = TemporaryDirectory()
    let path = dir.write("bomb.yaml", Self.aliasBomb())
    let start = Date()
    let message = loadError(path)
    #expect(Date().timeIntervalSince(start) < 0.5, "refused quickly")
    #expect(
      message
        == "\(path):1:23: error: l5[0][3][7][1][7][5]: the document expands to too many values"
        + " (aliases expanding it many times over?)")
  }

  /// A mapping key that is an alias of the bomb: the YAML parser's check for duplicate keys
  /// would hash all 9^13 values of it.
  @Test func aliasBombAsKey() {
    let dir = TemporaryDirectory()
    let path = dir.write("keybomb.yaml", Self.aliasBomb() + "k: { *l12 : 1, *l11 : 2 }\n")
    let start = Date()
    let message = loadError(path)
    #expect(Date().timeIntervalSince(start) < 0.5, "refused quickly")
    #expect(message == "\(path):14:6: error: k: mapping keys must be plain names")
  }

  /// A duplicate key that the bomb copies a million times is reported once, where it is written.
  @Test func aliasBombOfDuplicateKeys() {
    let dir = TemporaryDirectory()
    let path = dir.write("dupbomb.yaml", Self.aliasBomb(first: "a: &a {1: x, \"1\": y}"))
    let start = Date()
    let message = loadError(path) ?? ""
    #expect(Date().timeIntervalSince(start) < 0.5, "refused quickly")
    #expect(
      message.components(separatedBy: "duplicate key '1'").count == 2, "\(message.prefix(500))")
    #expect(message.contains("the document expands to too many values"))
  }

  @Test func deepFlowNesting() {
    let dir = TemporaryDirectory()
    let text = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
    #expect(loadError(dir.write("deep.yaml", text))?.contains("nesting is deeper than") == true)
  }

  @Test func deepBlockNesting() {
    let dir = TemporaryDirectory()
    let text = (0..<3000).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n")
    #expect(
      loadError(dir.write("deepblock.yaml", text))?.contains("nesting is too deep") == true)
  }

  @Test func quotesInPlainTextDoNotHideDeepNesting() {
    let dir = TemporaryDirectory()
    let text =
      "note: it's a 5\" screen\nx: " + String(repeating: "[", count: 5_000)
      + String(repeating: "]", count: 5_000)
    #expect(loadError(dir.write("q.yaml", text))?.contains("nesting is deeper than") == true)
  }

  @Test func quotedBracketsAndCommentsAreNotNesting() {
    let dir = TemporaryDirectory()
    let brackets = String(repeating: "[", count: 500)
    let text = "a: \"\(brackets)\"\nb: '\(brackets)'  # \(brackets)\nc: \"esc \\\" \(brackets)\"\n"
    #expect(loadError(dir.write("ok.yaml", text)) == nil)
  }

  @Test func hugeFileIsRefusedBeforeReading() throws {
    let dir = TemporaryDirectory()
    let path = dir.url.appendingPathComponent("huge.yaml").path
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 3 << 30)  // 3 GiB, sparse
    try handle.close()
    let message = try #require(loadError(path))
    #expect(message.contains("the limit is 16777216 bytes"))
  }

  @Test func directoryAndMissingFile() {
    let dir = TemporaryDirectory()
    #expect(loadError(dir.url.path)?.contains("it is a directory") == true)
    #expect(
      loadError(dir.url.appendingPathComponent("none.yaml").path)?.contains("no such file") == true)
  }
}
