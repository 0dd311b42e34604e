import Foundation
import Testing

/// Hostile files through `gpumarket validate`: each gets a clear error and status 2 within a
/// couple of seconds, in bounded memory (peak RSS measured with `/usr/bin/time -f %M`).
@Suite struct ValidateHostileInputTests {
  /// Longest a refusal may take, in seconds (a debug build on a shared machine).
  static let maxSeconds = 2.0
  /// Most memory a refusal may take, in KiB (peak resident set size of the process).
  static let maxRSSKiB = 200 * 1024

  struct Measured {
    var result: CLIRunner.Result
    var seconds: Double
    /// Peak RSS in KiB, nil when `/usr/bin/time` is not installed.
    var peakKiB: Int?
  }

  /// Runs `gpumarket validate path` under `/usr/bin/time` when present.
  func validate(_ path: String) throws -> Measured {
    let time = "/usr/bin/time"
    let start = Date()
    guard FileManager.default.isExecutableFile(atPath: time) else {
      let result = try CLIRunner.run(["validate", path])
      return Measured(result: result, seconds: Date().timeIntervalSince(start), peakKiB: nil)
    }
    let timed = try CLIRunner.run(["validate", path], via: [time, "-f", "peak-rss-kib %M"])
    let seconds = Date().timeIntervalSince(start)
    var lines = timed.stderr.split(
      separator: "\n", omittingEmptySubsequences: false)
    while lines.last == "" { lines.removeLast() }
    var peak: Int? = nil
    if let last = lines.last, last.hasPrefix("peak-rss-kib ") {
      peak = Int(last.dropFirst("peak-rss-kib ".count))
      lines.removeLast()
    }
    // `time` reports a child's abnormal exit on its own line ("Command exited with ...").
    lines.removeAll { $0.hasPrefix("Command exited with non-zero status") }
    let stderr = lines.map { $0 + "\n" }.joined()
    let result = CLIRunner.Result(status: timed.status, stdout: timed.stdout, stderr: stderr)
    return Measured(result: result, seconds: seconds, peakKiB: peak)
  }

  func expectRefused(_ path: String, saying text: String) throws {
    let measured = try validate(path)
    #expect(measured.result.status == 2, "\(measured.result.stderr)")
    #expect(measured.result.stderr.contains(text), "\(measured.result.stderr)")
    #expect(measured.result.stderr.hasPrefix(path), "the error names the file")
    #expect(measured.seconds < Self.maxSeconds, "took \(measured.seconds) s")
    if let peak = measured.peakKiB {
      #expect(peak < Self.maxRSSKiB, "peak RSS \(peak) KiB")
    }
  }

  func temporaryFile(_ name: String, _ data: Data) throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-hostile-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try data.write(to: url)
    return url.path
  }

  @Test func binaryGarbage() throws {
    var state: UInt64 = 11
    let bytes = (0..<65_536).map { _ -> UInt8 in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
    let path = try temporaryFile("garbage.yaml", Data(bytes))
    try expectRefused(path, saying: "not a text file")
  }

  @Test func emptyFile() throws {
    try expectRefused(try temporaryFile("empty.yaml", Data()), saying: "the file is empty")
  }

  @Test func aliasBomb() throws {
    var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    var previous = "a"
    for level in 1...12 {  // 9^13 values if expanded
      text +=
        "l\(level): &l\(level) ["
        + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
      previous = "l\(level)"
    }
    let path = try temporaryFile("bomb.yaml", Data(text.utf8))
    try expectRefused(path, saying: "expands to too many values")
  }

  @Test func tenThousandLevelsOfFlowNesting() throws {
    let text =
      "a: " + String(repeating: "{b: ", count: 10_000) + "1"
      + String(repeating: "}", count: 10_000)
    let path = try temporaryFile("deep.yaml", Data(text.utf8))
    try expectRefused(path, saying: "nesting is deeper than 200 levels")
  }

  @Test func tenThousandLevelsOfBlockLists() throws {
    let text = String(repeating: "- ", count: 10_000) + "x\n"
    let path = try temporaryFile("deeplist.yaml", Data(text.utf8))
    try expectRefused(path, saying: "nesting is too deep")
  }

  /// A 4 GiB sparse file: refused from its size, never read.
  @Test func multiGigabyteFile() throws {
    let path = try temporaryFile("huge.yaml", Data())
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 4 << 30)
    try handle.close()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try expectRefused(path, saying: "the limit is 16777216 bytes")
  }

  @Test func numberOutOfDoubleRange() throws {
    let base = ValidateCommandTests.broken.appendingPathComponent("base.yaml").path
    let text = "extends: \(base)\nmarket: { hoursPerMonth: 1e400 }\n"
    let path = try temporaryFile("big.yaml", Data(text.utf8))
    try expectRefused(path, saying: "got 1e400 (out of the range of a double)")
  }
}
