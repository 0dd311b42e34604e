import Foundation
import LocatedYAML
import ScenarioFormat
import Simulation
import Testing

/// Resale of contract hours by holders whose need fell short (docs/model.md, "Resale of
/// contract hours"), against closed forms in a one-provider, one-chip market.
@Suite struct ResaleTests {
  /// 10,000 H100s (693.5 GPU-hours each a month); `holder` has a scripted contract for
  /// `contractGPUs` at $2 and cash `holderBudget` with unit elasticity, so in the first month
  /// (expected price = the reference price, $2) its need is `holderBudget / 2` H100e-hours.
  static func text(contractGPUs: Double, holderBudget: Double = 1.0e6) -> String {
    """
    name: resale
    description: One contract holder with more cover than it needs, one spot buyer.
    horizon: { start: 2025-01, months: 3 }
    seed: 1
    market: { sigma: 6, referencePriceUSDPerH100eHour: 2 }
    inputs:
      cowos: { unitsPerMonth: 1 }
    chips:
      h100: { vendor: nvidia, tflopsBF16: 989, kWPerChip: 1.275, priceUSD: 27500, available: 2023-01, inputUse: { cowos: 0.0455 } }
    vendors:
      nvidia: { inputShare: { cowos: 0.6 }, mix: { h100: 1 } }
    providers:
      cloud: { kind: hyperscaler, capexUSDPerMonth: 0, initialChips: { h100: 10000 } }
    sites:
      dc: { provider: cloud, powerMW: 50, pue: 1.2 }
    buyers:
      holder: { budgetUSDPerMonth: \(holderBudget) }
      other: { budgetUSDPerMonth: 2.0e7 }
    contracts:
      lease: { buyer: holder, provider: cloud, gpus: { h100: \(contractGPUs) }, priceUSDPerGPUHour: 2, start: 2025-01, months: 3 }
    """
  }

  static func run(_ text: String) throws -> RunResult {
    let scenario = try ScenarioDecoder.decode(try Document.parse(text, file: "resale.yaml"))
    return try Engine.run(scenario, seed: scenario.defaultSeed)
  }

  static let hours = 730 * 0.95
  static let need = 1.0e6 / 2

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    abs(a - b) <= tolerance * max(abs(a), abs(b))
  }

  /// Cover 5,000 GPUs against a need of 0.5M H100e-hours: the holder resells the rest, the
  /// hours sell out (the other buyer's money prices them far above reserve), so the holder
  /// keeps exactly its need, earns the spot price on what it resold, and still pays in full.
  @Test func aHolderWithMoreCoverThanNeedResellsTheRest() throws {
    let r = try Self.run(Self.text(contractGPUs: 5000))
    let cover = 5000 * Self.hours
    let resold = try #require(r.resoldCompute["holder"]?[0])
    #expect(Self.close(resold, cover - Self.need), "resold \(resold)")
    #expect(Self.close(r.compute["holder"]![0], Self.need), "kept \(r.compute["holder"]![0])")
    let price = try #require(r.spotPrice["h100"]?[0])
    #expect(price > 2, "sold out above the reference price")
    #expect(Self.close(r.resaleRevenue["holder"]![0], resold * price))
    #expect(Self.close(r.spending["holder"]![0], cover * 2), "take-or-pay: paid in full")
    #expect(Self.close(r.contractCompute["holder"]![0], cover), "delivered in full")
    // The provider's books: contract hours are what the holder kept, the rest sold on spot.
    #expect(Self.close(r.contractHours["cloud"]![0], Self.need))
    #expect(Self.close(r.spotSoldHours["cloud"]![0], 10000 * Self.hours - Self.need))
  }

  /// Resale gives the market back exactly the surplus: with 5,000 GPUs of cover the other buyer
  /// gets the same compute at the same price as when the holder contracted only its need.
  @Test func theMarketSeesTheSameSupplyAsAContractOfTheNeedAlone() throws {
    let large = try Self.run(Self.text(contractGPUs: 5000))
    let exact = try Self.run(Self.text(contractGPUs: Self.need / Self.hours))
    #expect((exact.resoldCompute["holder"]?[0] ?? 0) < 1e-6 * Self.need, "no surplus, no resale")
    #expect(Self.close(large.compute["other"]![0], exact.compute["other"]![0], 1e-8))
    #expect(Self.close(large.spotPrice["h100"]![0], exact.spotPrice["h100"]![0], 1e-8))
    #expect(Self.close(large.compute["holder"]![0], exact.compute["holder"]![0], 1e-8))
  }

  /// A holder whose need exceeds its cover resells nothing.
  @Test func aHolderShortOfItsNeedResellsNothing() throws {
    let r = try Self.run(Self.text(contractGPUs: 500, holderBudget: 2.0e7))
    for m in r.months.indices { #expect(r.resoldCompute["holder"]![m] == 0, "month \(m)") }
    #expect(r.compute["holder"]![0] > 500 * Self.hours, "it buys beyond its cover on spot")
  }

  /// Named outcomes read the same series.
  @Test func outcomesNameTheResale() throws {
    let r = try Self.run(Self.text(contractGPUs: 5000))
    let resold = try #require(r.value(of: try OutcomeName(parsing: "resold.holder.2025-01")))
    #expect(Self.close(resold, r.resoldCompute["holder"]![0]))
    let revenue = try #require(r.value(of: try OutcomeName(parsing: "resaleRevenue.holder.2025")))
    #expect(Self.close(revenue, r.resaleRevenue["holder"]!.reduce(0, +)))
  }
}
