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
