import Foundation
import Testing

/// `gpumarket validate`, end to end: bundled scenarios pass, broken files fail with the same
/// diagnostics `run` prints, and hostile files are refused quickly in bounded memory.
@Suite struct ValidateCommandTests {
  static let broken = CLIRunner.packageRoot.appendingPathComponent(
    "Tests/ScenarioFormatTests/Broken")

  static var brokenNames: [String] {
    let all = (try? FileManager.default.contentsOfDirectory(atPath: broken.path)) ?? []
    return all.filter { $0.hasSuffix(".yaml") && $0 != "base.yaml" }
      .map { String($0.dropLast(".yaml".count)) }.sorted()
  }

  /// The `--set` arguments stored next to a broken file (`NAME.args`), if any.
  static func arguments(_ name: String) -> [String] {
    let url = broken.appendingPathComponent(name + ".args")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(whereSeparator: \.isWhitespace).map(String.init)
  }

  static let bundled = [
    "baseline-2026", "blackwell-delayed", "china-smuggling", "counterfactual-no-colossus",
    "cowos-slower", "export-controls-tighter", "hbm-tight", "synthetic-large",
  ]

  @Test func everyBundledScenarioIsValidByName() throws {
    let result = try CLIRunner.run(["validate"] + Self.bundled)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    #expect(result.stdout == Self.bundled.map { "\($0): ok\n" }.joined())
  }

  @Test func oneBrokenFileAmongGoodOnesFailsTheWhole() throws {
    let result = try CLIRunner.run(
      ["validate", "base.yaml", "sigma-below-one.yaml", "base.yaml"], in: Self.broken)
    #expect(result.status == 2)
    #expect(result.stdout == "base.yaml: ok\nbase.yaml: ok\n")
    #expect(
      result.stderr
        == "sigma-below-one.yaml:2:18: error: market.sigma: expected a number between 1 and 50, got 0.5\n"
    )
  }

  /// `run` and `validate` share one loading function; this checks it from the outside, on every
  /// golden file.
  @Test(arguments: brokenNames) func runAndValidatePrintTheSameDiagnostics(_ name: String) throws {
    let file = name + ".yaml"
    let extra = Self.arguments(name)
    let validate = try CLIRunner.run(["validate", file] + extra, in: Self.broken)
    let run = try CLIRunner.run(["run", file] + extra, in: Self.broken)
    let expected = try String(
      contentsOf: Self.broken.appendingPathComponent(name + ".expected"), encoding: .utf8)
    #expect(validate.status == 2)
    #expect(run.status == 2)
    #expect(validate.stdout.isEmpty && run.stdout.isEmpty)
    #expect(validate.stderr == expected)
    #expect(run.stderr == validate.stderr)
  }

  @Test func printResolvedMergesExtendsAndOverrides() throws {
    let result = try CLIRunner.run([
      "validate", "--print-resolved", "blackwell-delayed", "--set", "market.sigma=3",
      "--set", "events[0].note=moved",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["extends"] == nil)
    #expect(object["name"] as? String == "blackwell-delayed")
    // Chips come from the extended baseline.
    let chips = try #require(object["chips"] as? [String: Any])
    #expect(chips["h100"] != nil && chips["gb200"] != nil)
    let market = try #require(object["market"] as? [String: Any])
    #expect((market["sigma"] as? Double).map { abs($0 - 3) < 1e-12 } == true)
    let events = try #require(object["events"] as? [[String: Any]])
    #expect(events.first?["note"] as? String == "moved")
  }

  @Test func badUsageIsStatus64() throws {
    let result = try CLIRunner.run(["validate"])
    #expect(result.status == 64)
  }
}
