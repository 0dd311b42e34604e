import Foundation
import Testing

/// `gpumarket clear`, end to end through the built executable.
@Suite struct ClearCommandTests {
  func temporaryFile(_ text: String, name: String = "market.yaml") throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  @Test func jsonOutputIsOneObjectWithTheDocumentedKeys() throws {
    let result = try CLIRunner.run(["clear", "examples/market-small.json", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    for key in [
      "converged", "iterations", "prices", "allocation", "spending", "unsold", "solveSeconds",
    ] {
      #expect(object[key] != nil, "missing \(key)")
    }
    #expect(object["converged"] as? Bool == true)
    let prices = try #require(object["prices"] as? [Double])
    let allocation = try #require(object["allocation"] as? [[Double]])
    let spending = try #require(object["spending"] as? [Double])
    #expect(prices.count == 2 && allocation.count == 2 && allocation[0].count == 2)
    // Budgets in the file: 1.2e9 and 9e8; all supply (1.5e8, 1e8) sells above reserve.
    #expect(abs(spending[0] - 1.2e9) / 1.2e9 < 1e-8)
    let revenue = prices[0] * 1.5e8 + prices[1] * 1.0e8
    #expect(abs(revenue - 2.1e9) / 2.1e9 < 1e-8, "all budgets are spent on all supply")
  }

  @Test func singleBuyerSingleProductFromTheIssue() throws {
    let file = try temporaryFile(
      """
      {"sigma": 2.0, "buyers": [{"name": "anthropic", "budget": 1.2e9}],
       "products": [{"name": "colossus/h100", "supply": 1.5e8, "reservePrice": 1.1}], "valuations": [[1.0]]}
      """, name: "m.json")
    let result = try CLIRunner.run(["clear", file.path, "--format", "json"])
    #expect(result.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let price = try #require((object["prices"] as? [Double])?.first)
    #expect(abs(price - 8.0) / 8.0 < 1e-9, "p = max(B/S, r) = 1.2e9 / 1.5e8")
  }

  @Test func tableAndVerify() throws {
    let result = try CLIRunner.run(["clear", "examples/market-2026-05.yaml", "--verify"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("converged"))
    #expect(result.stdout.contains("colossus/h100"))
    #expect(result.stdout.contains("verification"))
    #expect(result.stdout.contains("suboptimalBundle"))
  }

  @Test func invalidInputExitsWithStatus2AndNamesThePlace() throws {
    let file = try temporaryFile(
      "sigma: 2\nbuyers: [ { name: a, budget: -5 } ]\nproducts: []\nvaluations: [[]]\n")
    let result = try CLIRunner.run(["clear", file.path])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty, "nothing half-written on stdout")
    #expect(
      result.stderr.contains(
        "market.yaml:2:30: error: buyers[0].budget: expected a number > 0, got -5"))
    #expect(result.stderr.contains("at least one product"))
  }

  @Test func malformedJSONAndMissingFile() throws {
    let file = try temporaryFile("{\"sigma\": 2, \"buyers\": [", name: "bad.json")
    let malformed = try CLIRunner.run(["clear", file.path, "--format", "json"])
    #expect(malformed.status == 2)
    #expect(malformed.stderr.contains("bad.json:"))
    let missing = try CLIRunner.run(["clear", "/nonexistent/market.json"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no such file"))
  }

  @Test func nonConvergenceHasItsOwnStatusAndStillPrints() throws {
    let file = try temporaryFile(
      """
      sigma: 50
      buyers: [ { name: a, budget: 3 }, { name: b, budget: 1 } ]
      products: [ { name: x, supply: 1 }, { name: y, supply: 2 } ]
      valuations: [ [1, 0.5], [0.2, 1] ]
      """)
    let result = try CLIRunner.run([
      "clear", file.path, "--format", "json", "--max-iterations", "1",
    ])
    #expect(result.status == 3)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["converged"] as? Bool == false)
    #expect(result.stderr.contains("did not converge"))
  }

  @Test func badOptionsAreUsageErrors() throws {
    let result = try CLIRunner.run(["clear", "examples/market-small.json", "--kernel", "gpu"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--kernel must be one of"))
  }
}
