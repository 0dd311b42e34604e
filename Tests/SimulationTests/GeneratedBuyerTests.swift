import Foundation
import LocatedYAML
import ScenarioFormat
import Simulation
import Testing

/// Buyers drawn by a generator answer prices and hedge as named buyers with the same fields do.
@Suite struct GeneratedBuyerTests {
  /// One neocloud, one chip, and either one generator of `count` buyers or one named buyer
  /// with the generator's whole budget, both with the given demand response.
  static func text(generated: Bool, response: String, budget: Double = 4.0e7) -> String {
    let buyers =
      generated
      ? """
      generators:
        tail: { count: 5, totalBudgetUSDPerMonth: \(budget), budgetLogSigma: 0, affinity: [1, 1]\(response) }
      """
      : """
      buyers:
        tail: { budgetUSDPerMonth: \(budget)\(response) }
      """
    return """
      name: generated
      description: One neocloud and a population of small buyers.
      horizon: { start: 2025-01, months: 12 }
      seed: 3
      market: { sigma: 6, referencePriceUSDPerH100eHour: 2 }
      inputs:
        cowos: { unitsPerMonth: 2000 }
      chips:
        h100: { vendor: nvidia, tflopsBF16: 989, kWPerChip: 1.275, priceUSD: 27500, available: 2023-01, leadTimeMonths: 2, inputUse: { cowos: 0.0455 } }
      vendors:
        nvidia: { inputShare: { cowos: 0.6 }, mix: { h100: 1 } }
      providers:
        neo: { kind: neocloud, capexUSDPerMonth: 5.0e7, initialChips: { h100: 20000 } }
      sites:
        dc: { provider: neo, powerMW: 200, pue: 1.3 }
      \(buyers)
      """
  }

  static func run(_ text: String) throws -> RunResult {
    let scenario = try ScenarioDecoder.decode(try Document.parse(text, file: "generated.yaml"))
    return try Engine.run(scenario, seed: scenario.defaultSeed)
  }

  static func total(_ r: RunResult, _ name: String) throws -> Double {
    try #require(r.value(of: try OutcomeName(parsing: name)))
  }

  /// With a hedge ratio the drawn buyers sign contracts; without one they buy only on spot.
  @Test func generatedBuyersHedgeWhenTheyHaveAHedgeRatio() throws {
    let plain = try Self.run(Self.text(generated: true, response: ""))
    let hedged = try Self.run(
      Self.text(generated: true, response: ", hedgeRatio: 0.6, contractTenorMonths: 24"))
    #expect(try Self.total(plain, "contractedShare.2025") < 1e-12)
    let share = try Self.total(hedged, "contractedShare.2025")
    #expect(share > 0.2 && share <= 1)
  }

  /// A population with budgetLogSigma 0 and equal affinities behaves as one buyer with its
  /// whole budget and the same response: the same spending and compute, to rounding.
  @Test func aUniformPopulationMatchesOneNamedBuyer() throws {
    let response = ", priceElasticity: 1.8, hedgeRatio: 0.3"
    let many = try Self.run(Self.text(generated: true, response: response))
    let one = try Self.run(Self.text(generated: false, response: response))
    for name in ["spend.tail.2025", "compute.tail.2025"] {
      let a = try Self.total(many, name)
      let b = try Self.total(one, name)
      #expect(abs(a - b) <= 1e-6 * abs(b), "\(name): \(a) against \(b)")
    }
  }

  /// Elastic drawn buyers spend less of the same cash than unit-elastic ones when the price
  /// is above the reference price (here a large budget against a fixed fleet).
  @Test func elasticGeneratedBuyersLeaveMoneyUnspentAtHighPrices() throws {
    let budget = 2.0e9
    let unit = try Self.run(Self.text(generated: true, response: "", budget: budget))
    let elastic = try Self.run(
      Self.text(generated: true, response: ", priceElasticity: 2", budget: budget))
    #expect(try Self.total(unit, "price.h100.2025") > 2, "the price is above the reference")
    #expect(try Self.total(elastic, "spend.tail.2025") < 0.9 * Self.total(unit, "spend.tail.2025"))
  }
}
