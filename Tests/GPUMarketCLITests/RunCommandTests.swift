import Foundation
import Testing

/// `gpumarket run` and `gpumarket scenarios`, end to end through the built executable.
@Suite struct RunCommandTests {
  func temporaryDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
  }

  /// A short noisy variant of the baseline (the baseline itself has no randomness).
  func noisyScenario() throws -> URL {
    let directory = try temporaryDirectory()
    let baseline = CLIRunner.packageRoot.appendingPathComponent("scenarios/baseline-2026.yaml")
    let url = directory.appendingPathComponent("noisy.yaml")
    let text = """
      extends: \(baseline.path)
      name: noisy
      description: The baseline with demand noise and supply shocks.
      randomness:
        demandNoise: 0.2
        supplyShock: { input: cowos, probabilityPerMonth: 0.2, factor: [0.5, 0.9], months: 2 }
      """
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test func jsonHasTheDocumentedKeys() throws {
    let result = try CLIRunner.run(["run", "scenarios/baseline-2026.yaml", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["scenario"] as? String == "baseline-2026")
    #expect(object["seed"] as? Int == 1)
    let months = try #require(object["months"] as? [String])
    #expect(months.count == 60 && months.first == "2023-01" && months.last == "2027-12")
    let prices = try #require(object["prices"] as? [String: Any])
    #expect((prices["h100"] as? [Any])?.count == 60)
    let compute = try #require(object["compute"] as? [String: [Double]])
    #expect(compute["anthropic"]?.count == 60)
    #expect(compute["anthropic"]!.allSatisfy { $0 > 0 })
    let summary = try #require(object["summary"] as? [String: Double])
    #expect(summary["price.h100.2026"] != nil)
    #expect(summary["hhi.2026"] != nil)
  }

  @Test func sameFileAndSeedGiveIdenticalBytes() throws {
    let file = try noisyScenario().path
    let a = try CLIRunner.run(["run", file, "--seed", "7", "--format", "json"])
    let b = try CLIRunner.run(["run", file, "--seed", "7", "--format", "json"])
    let c = try CLIRunner.run(["run", file, "--seed", "8", "--format", "json"])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(a.stdout == b.stdout)
    #expect(a.stdout != c.stdout)
    let table1 = try CLIRunner.run(["run", file, "--seed", "7"])
    let table2 = try CLIRunner.run(["run", file, "--seed", "7"])
    #expect(table1.stdout == table2.stdout)
  }

  @Test func bundledNameResolvesAndTableShowsUnits() throws {
    let result = try CLIRunner.run(["run", "counterfactual-no-colossus"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("$/GPU-hour"))
    #expect(result.stdout.contains("H100e"))
    #expect(result.stdout.contains("anthropic"))
    let markdown = try CLIRunner.run(["run", "baseline-2026", "--format", "markdown"])
    #expect(markdown.stdout.contains("| chip |"))
  }

  @Test func outWritesEveryFileWhole() throws {
    let out = try temporaryDirectory().appendingPathComponent("results")
    let first = try CLIRunner.run(["run", "blackwell-delayed", "--out", out.path])
    #expect(first.status == 0, "\(first.stderr)")
    // A second run replaces every file.
    let result = try CLIRunner.run(["run", "baseline-2026", "--out", out.path, "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(
      files == ["provenance.json", "series.csv", "series.json", "summary.csv", "summary.json"])
    let summary = try String(contentsOf: out.appendingPathComponent("summary.csv"), encoding: .utf8)
    #expect(summary == result.stdout)
    let series = try String(contentsOf: out.appendingPathComponent("series.csv"), encoding: .utf8)
    #expect(series.hasPrefix("table,entity,month,value\n"))
    #expect(series.contains("computeH100eHours,anthropic,2026-05,"))
    let json = try Data(contentsOf: out.appendingPathComponent("series.json"))
    #expect((try? JSONSerialization.jsonObject(with: json)) != nil)
  }

  @Test func invalidFileExitsTwoNamingFileLineAndKeyPath() throws {
    let directory = try temporaryDirectory()
    let url = directory.appendingPathComponent("bad.yaml")
    let baseline = CLIRunner.packageRoot.appendingPathComponent("scenarios/baseline-2026.yaml")
    try Data(
      """
      extends: \(baseline.path)
      name: bad
      description: A broken what-if.
      contracts:
        anthropic-colossus-2026:
          provider: xia
      """.utf8
    ).write(to: url)
    let result = try CLIRunner.run(["run", url.path])
    #expect(result.status == 2)
    #expect(result.stderr.contains("bad.yaml:6:"))
    #expect(result.stderr.contains("contracts.anthropic-colossus-2026.provider"))
    #expect(result.stderr.contains("xai"))
    #expect(result.stdout.isEmpty)
  }

  @Test func scenariosListsEveryBundledFile() throws {
    let result = try CLIRunner.run(["scenarios"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count >= 6)
    #expect(lines.contains { $0.hasPrefix("baseline-2026 ") && $0.contains("May 2026") })
    #expect(lines.contains { $0.hasPrefix("synthetic-large ") })
  }
}
