import Foundation
import MarketClearing
import ScenarioFormat
import Testing

/// Market files for `gpumarket clear`.
@Suite struct MarketFileTests {
  @Test func readsTheDocumentedExample() throws {
    let dir = TemporaryDirectory()
    let path = dir.write(
      "m.json",
      """
      {"sigma": 2.0, "buyers": [{"name": "anthropic", "budget": 1.2e9}],
       "products": [{"name": "colossus/h100", "supply": 1.5e8, "reservePrice": 1.1}],
       "valuations": [[1.0]]}
      """)
    let file = try MarketFile.load(path: path)
    #expect(file.buyerNames == ["anthropic"])
    #expect(file.productNames == ["colossus/h100"])
    #expect(file.market.sigma == 2)
    #expect(file.market.budgets == [1.2e9])
    #expect(file.options.tolerance == 1e-9)
  }

  @Test func reportsEveryProblemAtOnce() throws {
    let dir = TemporaryDirectory()
    let path = dir.write(
      "m.yaml",
      """
      sigma: 0.5
      buyers:
        - { name: a, budget: 0 }
        - { name: a, budgt: 3 }
      products:
        - { name: p, supply: -1 }
      valuations: [[1], [1, 2], [3]]
      colour: blue
      """)
    #expect {
      try MarketFile.load(path: path)
    } throws: { error in
      let prefix = dir.url.path + "/"
      let lines = "\(error)".split(separator: "\n").map {
        $0.replacingOccurrences(of: prefix, with: "")
      }
      let expected = [
        "m.yaml:1:8: error: sigma: expected a number >= 1, got 0.5",
        "m.yaml:3:24: error: buyers[0].budget: expected a number > 0, got 0",
        "m.yaml:4:5: error: buyers[1]: missing required key 'budget'",
        "m.yaml:4:13: error: buyers[1].name: duplicate name 'a'",
        "m.yaml:4:16: error: buyers[1].budgt: unknown key 'budgt' (did you mean 'budget'?)",
        "m.yaml:6:24: error: products[0].supply: expected a number >= 0, got -1",
        "m.yaml:7:13: error: valuations: expected 2 rows (one per buyer), got 3",
        "m.yaml:7:19: error: valuations[1]: expected 1 values (one per product), got 2",
        "m.yaml:8:1: error: colour: unknown key 'colour' (expected one of: sigma, buyers, products, valuations, valuationsFile, budgetSets, tolerance, maxIterations)",
      ]
      #expect(lines == expected)
      return lines == expected
    }
  }

  @Test func emptyListsAreErrors() throws {
    let dir = TemporaryDirectory()
    let path = dir.write("m.yaml", "sigma: 2\nbuyers: []\nproducts: []\nvaluations: []\n")
    #expect {
      try MarketFile.load(path: path)
    } throws: { error in
      "\(error)".contains("at least one buyer") && "\(error)".contains("at least one product")
    }
  }
}
