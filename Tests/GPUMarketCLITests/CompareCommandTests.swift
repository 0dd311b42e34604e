import Foundation
import Testing

/// `gpumarket compare`, end to end.
@Suite struct CompareCommandTests {
  @Test func colossusArrangementMovesAnthropicsCompute() throws {
    let result = try CLIRunner.run([
      "compare", "scenarios/baseline-2026.yaml", "scenarios/counterfactual-no-colossus.yaml",
      "--format", "csv", "--outcome", "compute.anthropic.2026-05", "--outcome", "compute.xai.2026",
      "--outcome", "price.h100.2026",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(whereSeparator: \.isNewline).map {
      $0.split(separator: ",", omittingEmptySubsequences: false)
    }
    let header = try #require(lines.first).map(String.init)
    #expect(header.first == "outcome")
    let deltaColumn = try #require(header.firstIndex { $0.hasPrefix("Δ vs") })
    func delta(_ name: String) throws -> Double {
      let row = try #require(lines.first { $0.first.map(String.init) == name })
      return try #require(Double(row[deltaColumn]))
    }
    // The lease's first month: later on Anthropic re-contracts elsewhere (docs/model.md).
    #expect(
      try delta("compute.anthropic.2026-05") < 0,
      "without Colossus, Anthropic gets less compute in the lease's first month")
    #expect(try delta("compute.xai.2026") > 0, "the capacity stays with xAI")
    #expect(try delta("price.h100.2026") > 0, "Anthropic bids for the same capacity elsewhere")
  }

  @Test func needsTwoScenariosAndValidInput() throws {
    let one = try CLIRunner.run(["compare", "scenarios/baseline-2026.yaml"])
    #expect(one.status == 64)
    let missing = try CLIRunner.run(["compare", "scenarios/baseline-2026.yaml", "nothere.yaml"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("nothere"))
  }

  @Test func globMatching() throws {
    let result = try CLIRunner.run([
      "compare", "scenarios/baseline-2026.yaml", "scenarios/baseline-2026.yaml", "--outcome",
      "share.*.2026",
      "--format", "csv",
    ])
    #expect(result.status == 0)
    let rows = result.stdout.split(whereSeparator: \.isNewline).dropFirst()
    #expect(rows.count > 3)
    #expect(rows.allSatisfy { $0.hasPrefix("share.") && $0.contains(".2026,") })
  }

  /// A deterministic scenario repeated: the paired difference of a scenario with itself is
  /// exactly 0 with a zero-width interval, and a warning says the replicates are identical.
  @Test func identicalReplicatesAreFlaggedAndDifferencesAreExactlyZero() throws {
    let result = try CLIRunner.run([
      "compare", "baseline-2026", "baseline-2026", "--replicates", "2", "--quiet",
      "--outcome", "price.h100.2026", "--format", "csv",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("identical outcomes"))
    let row = try #require(
      result.stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix("price.") })
    let cells = row.split(separator: ",", omittingEmptySubsequences: false)
    // The claim is an exact zero (not a rounding residue such as -7e-13), so == is the test.
    #expect(cells.suffix(3).allSatisfy { Double($0) == 0 }, "\(row)")
  }

  /// --out writes the table, one row per (scenario, replicate, outcome), the series, the
  /// scenario's events and the provenance.
  @Test func outWritesReplicatesSeriesEventsAndProvenance() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("compare-out-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try CLIRunner.run([
      "compare", "baseline-2026", "counterfactual-no-colossus", "--replicates", "2", "--quiet",
      "--set", "randomness.demandNoise=0.1", "--outcome", "price.h100.2026",
      "--outcome", "hhi.2026", "--out", folder.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("identical"))
    func read(_ name: String) throws -> String {
      try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    let replicates = try read("replicates.csv").split(separator: "\n")
    #expect(replicates.first == "scenario,replicate,seed,outcome,value")
    #expect(replicates.count == 1 + 2 * 2 * 2)
    #expect(try read("series.csv").contains("counterfactual-no-colossus,1,price.h100,2026-05,"))
    #expect(
      try read("events.csv").contains("baseline-2026,2026-05,contract anthropic-colossus-2026"))
    #expect(
      try !read("events.csv").contains(
        "counterfactual-no-colossus,2026-05,contract anthropic-colossus"))
    let provenance = try read("provenance.json")
    #expect(provenance.contains("\"overrides\": [\"randomness.demandNoise=0.1\"]"))
    #expect(provenance.contains("\"demandNoise\":0.1"))
    #expect(try read("comparison.csv").hasPrefix("outcome,"))
  }

  /// A misspelt outcome is refused before anything is printed, and says which part is wrong.
  @Test func misspeltOutcomeIsRefused() throws {
    let result = try CLIRunner.run([
      "compare", "scenarios/baseline-2026.yaml", "scenarios/baseline-2026.yaml", "--outcome",
      "shares.anthropic.2026",
    ])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("unknown outcome kind 'shares'"))
  }
}
