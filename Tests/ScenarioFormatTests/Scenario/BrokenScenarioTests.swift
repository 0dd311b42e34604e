import Foundation
import ScenarioFormat
import Testing

/// Golden tests: every `Broken/NAME.yaml` (extending `Broken/base.yaml` or standing alone) must
/// produce exactly the diagnostics in `Broken/NAME.expected`, as `run` and `validate` print
/// them. `Broken/NAME.args` holds `--set key.path=value` arguments for that file.
/// Re-record with `GPUMARKET_RECORD=1 swift test --filter BrokenScenarioTests`.
@Suite struct BrokenScenarioTests {
  static let folder = ScenarioDecoderTests.root.appendingPathComponent(
    "Tests/ScenarioFormatTests/Broken")

  static var names: [String] {
    let all = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return all.filter { $0.hasSuffix(".yaml") && $0 != "base.yaml" }.sorted()
  }

  /// What `validate` prints for `name`, with the folder's path removed so the text is stable.
  static func diagnostics(_ name: String) -> String {
    let path = folder.appendingPathComponent(name).path
    let argsURL = folder.appendingPathComponent(
      String(name.dropLast(".yaml".count)) + ".args")
    var overrides: [String] = []
    if let args = try? String(contentsOf: argsURL, encoding: .utf8) {
      let words = args.split(whereSeparator: \.isWhitespace).map(String.init)
      for (index, word) in words.enumerated() where word == "--set" && index + 1 < words.count {
        overrides.append(words[index + 1])
      }
    }
    let text: String
    do {
      _ = try ScenarioLoader.loadForRun(path: path, overrideTexts: overrides)
      text = "\(name): ok"
    } catch {
      text = error.description
    }
    return text.replacingOccurrences(of: folder.path + "/", with: "") + "\n"
  }

  @Test func theBaseFileIsValid() {
    #expect(Self.diagnostics("base.yaml") == "base.yaml: ok\n")
  }

  @Test func theFolderCoversEveryKindOfError() {
    let required = [
      "misspelt-key", "unknown-key-top", "unknown-key-nested", "wrong-type", "missing-required",
      "undefined-chip", "undefined-provider", "undefined-buyer", "undefined-vendor-and-input",
      "undefined-in-event", "cycle-a", "extends-missing", "date-outside-horizon",
      "malformed-month", "negative", "nan", "infinite", "huge-number", "sigma-below-one",
      "contract-over-capacity", "duplicate-key", "yaml-syntax", "several-errors", "bad-set-path",
      "empty", "alias-bomb",
    ]
    for name in required {
      #expect(Self.names.contains(name + ".yaml"), "Broken/\(name).yaml is missing")
    }
  }

  @Test(arguments: names) func producesTheExpectedDiagnostics(_ name: String) throws {
    let actual = Self.diagnostics(name)
    let expectedURL = Self.folder.appendingPathComponent(
      String(name.dropLast(".yaml".count)) + ".expected")
    if ProcessInfo.processInfo.environment["GPUMARKET_RECORD"] == "1" {
      try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: expectedURL, encoding: .utf8)
    #expect(actual == expected, "Broken/\(name)")
    #expect(!actual.hasSuffix(": ok\n"), "Broken/\(name) must be rejected")
    // Every line names the file it is about and says it is an error.
    for line in actual.split(separator: "\n") {
      #expect(line.contains(".yaml") || line.hasPrefix("<command line>"), "\(line)")
      #expect(line.contains("error: "), "\(line)")
    }
  }
}
