import Foundation
import Testing

@testable import Simulation

/// Failures, vintages, retirement for better chips and the used market (docs/model.md,
/// "Vintages, retirement and the used market"), against closed forms and on TestMarket.
@Suite struct FleetTests {
  static let hours = 730 * 0.95

  static func value(r: Double = 0.1, failure: Double = 0.02, decline: Double = 0.285)
    -> UsedChipValue
  {
    UsedChipValue(
      costOfCapital: r, failurePerYear: failure, priceDeclinePerYear: decline,
      meanReversionPerMonth: 0.17, hoursPerMonth: hours)
  }

  /// With no decline and spot at the long-run price, U is an annuity of `L − o` over 120
  /// months: `h (L − o) β (1 − β^M) / (1 − β)`.
  @Test func withoutDeclineTheUsedPriceIsAnAnnuity() {
    let rule = Self.value(decline: 0)
    let beta = pow(1.1, -1.0 / 12) * pow(0.98, 1.0 / 12)
    let m = Double(UsedChipValue.maxMonths)
    let expected = Self.hours * (1.5 - 0.4) * beta * (1 - pow(beta, m)) / (1 - beta)
    let got = rule.price(last: 1.5, longRun: 1.5, running: 0.4)
    #expect(abs(got - expected) <= 1e-9 * expected)
  }

  /// With no running cost the rents fall geometrically: `h L βa (1 − (βa)^M) / (1 − βa)`.
  @Test func withoutRunningCostTheRentsFallGeometrically() {
    let rule = Self.value()
    let q = pow(1.1, -1.0 / 12) * pow(0.98, 1.0 / 12) * pow(1 - 0.285, 1.0 / 12)
    let m = Double(UsedChipValue.maxMonths)
    let expected = Self.hours * 2 * q * (1 - pow(q, m)) / (1 - q)
    let got = rule.price(last: 2, longRun: 2, running: 0)
    #expect(abs(got - expected) <= 1e-9 * expected)
  }

  /// A second algorithm: the plain sum over all 120 months of the positive rents, without the
  /// early stop, gives the same price for random prices.
  @Test func theEarlyStopLosesNothing() {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<200 {
      let rule = Self.value(
        r: .random(in: 0.02...0.3, using: &rng), failure: .random(in: 0...0.2, using: &rng),
        decline: .random(in: 0...0.6, using: &rng))
      let last = Double.random(in: 0...5, using: &rng)
      let longRun = Double.random(in: 0...3, using: &rng)
      let running = Double.random(in: 0...1.5, using: &rng)
      var plain = 0.0
      var discount = 1.0
      for m in 1...UsedChipValue.maxMonths {
        discount *= rule.monthlyDiscount
        let price =
          longRun * pow(rule.monthlyDecline, Double(m))
          + (last - longRun) * pow(rule.monthlyReversion, Double(m))
        plain += discount * max(0, price - running) * Self.hours
      }
      let got = rule.price(last: last, longRun: longRun, running: running)
      #expect(abs(got - plain) <= 1e-9 * max(1, plain))
    }
  }

  /// Comparative statics: more failures, a faster fall of new compute's cost or a dearer
  /// capital lower the price; a higher last price raises it; no rent above cost is worth 0.
  @Test func theUsedPriceMovesTheWayTheoryFixes() {
    let base = Self.value().price(last: 2, longRun: 1.5, running: 0.4)
    #expect(Self.value(failure: 0.1).price(last: 2, longRun: 1.5, running: 0.4) < base)
    #expect(Self.value(decline: 0.4).price(last: 2, longRun: 1.5, running: 0.4) < base)
    #expect(Self.value(r: 0.2).price(last: 2, longRun: 1.5, running: 0.4) < base)
    #expect(Self.value().price(last: 3, longRun: 1.5, running: 0.4) > base)
    #expect(Self.value().price(last: 0.3, longRun: 0.3, running: 0.4) == 0)
  }

  /// TestMarket with nothing made (no CoWoS), so only the initial chips are ever installed.
  static func idleMarket(failure: Double) -> Scenario {
    var s = TestMarket.scenario(months: 24)
    s = Scenario(
      name: s.name, description: s.description, start: s.start, months: s.months,
      chips: s.chips, inputs: [SupplyInput(id: "cowos", unitsPerMonth: .constant(0))],
      vendors: s.vendors, providers: s.providers, sites: s.sites, buyers: s.buyers,
      contracts: s.contracts)
    s.market.fleet.failurePerYear = failure
    return s
  }

  /// Installed chips decay as `(1 − φ)^(t/12)`; what is lost is reported as failed; with no
  /// new chips the fleet ages by exactly a month a month.
  @Test func chipsFailAtTheirRateAndTheFleetAges() throws {
    let run = try Engine.run(Self.idleMarket(failure: 0.1), seed: 1)
    let installed = run.installedChips["h100"]!
    for t in run.months.indices {
      let expected = 15_000 * pow(0.9, Double(t) / 12)
      #expect(abs(installed[t] - expected) <= 1e-9 * expected)
    }
    let failed = run.failedChips["h100"]!.reduce(0, +)
    #expect(abs(failed - (15_000 - installed.last!)) <= 1e-6)
    let age = run.fleetAgeYears["world"]!
    for t in 1..<age.count { #expect(abs(age[t] - age[t - 1] - 1.0 / 12) <= 1e-9) }
    let none = try Engine.run(Self.idleMarket(failure: 0), seed: 1)
    #expect(none.installedChips["h100"]!.allSatisfy { abs($0 - 15_000) <= 1e-9 })
  }

  /// TestMarket where the cloud's site holds exactly its 10,000 H100 (10,000 kW · PUE 1.25)
  /// and the neocloud has room to spare; B200s (launched in month 6) then wait at the cloud.
  /// `tolerance`: `market.investment.powerTolerance`.
  static func powerBound(
    swapCost: Double = 0.02, contracts: [Contract] = [], tolerance: Double = 0.25
  ) -> Scenario {
    let base = TestMarket.scenario(months: 18, contracts: contracts)
    var s = Scenario(
      name: base.name, description: base.description, start: base.start, months: base.months,
      chips: base.chips, inputs: base.inputs, vendors: base.vendors, providers: base.providers,
      sites: [
        Site(id: "cloud-dc", provider: "cloud", powerMW: .constant(12.5), pue: 1.25),
        Site(id: "neo-dc", provider: "neo", powerMW: .constant(400), pue: 1.25),
      ],
      buyers: base.buyers, contracts: base.contracts)
    s.market.fleet.failurePerYear = 0
    s.market.fleet.swapCostUSDPerKWh = swapCost
    s.market.investment.powerTolerance = tolerance
    return s
  }

  /// Waiting B200s that earn more per kW replace the cloud's H100s; the neocloud, which has
  /// power to spare, buys every retired H100 at the used price; the cloud's installed H100e
  /// rise above the run without retirement (a prohibitive swap cost). With orders free of the
  /// power bound (τ = 1000) fewer chips wait; with it, as many wait either way (τ · power) and
  /// retirement shows as more chips bought instead.
  @Test func betterWaitingChipsRetireWorseOnesAndTheUsedMarketTakesThem() throws {
    let run = try Engine.run(Self.powerBound(), seed: 1)
    let frozen = try Engine.run(Self.powerBound(swapCost: 1e6), seed: 1)
    let retired = run.retiredChips["h100"]!.reduce(0, +)
    let sold = run.usedSoldChips["h100"]!.reduce(0, +)
    #expect(retired > 100)
    #expect(abs(sold - retired) <= 1e-6 * retired)
    #expect(frozen.retiredChips["h100"]!.allSatisfy { $0 == 0 })
    let last = run.months.count - 1
    #expect(run.installedH100e["cloud"]![last] > frozen.installedH100e["cloud"]![last] * 1.05)
    let unboundRun = try Engine.run(Self.powerBound(tolerance: 1000), seed: 1)
    let unboundFrozen = try Engine.run(Self.powerBound(swapCost: 1e6, tolerance: 1000), seed: 1)
    #expect(unboundRun.waitingH100e["cloud"]![last] < unboundFrozen.waitingH100e["cloud"]![last])
    // The cloud's power is priced while chips wait, and the used H100 has a price.
    #expect(run.powerShadowPrice["cloud"]![last] > 0)
    #expect(frozen.powerShadowPrice["neo"]!.allSatisfy { $0 == 0 })
    #expect(run.usedPriceUSD["h100"]![last] > 0)
    #expect(run.summary.contains { $0.name == "retired.h100.2025" })
    #expect(run.summary.contains { $0.name == "usedPrice.h100.2025" })
  }

  /// Chips a contract needs are never retired: a lease of all 10,000 of the cloud's H100s
  /// keeps them installed while B200s wait.
  @Test func contractedChipsStay() throws {
    let lease = Contract(
      id: "lease", buyer: "lab", provider: "cloud", gpus: ["h100": 10_000],
      priceUSDPerGPUHour: 2, start: TestMarket.start, months: 18)
    let run = try Engine.run(Self.powerBound(contracts: [lease]), seed: 1)
    #expect(run.retiredChips["h100"]!.allSatisfy { $0 <= 1e-9 })
    #expect(run.installedChips["h100"]!.allSatisfy { $0 >= 10_000 - 1e-6 })
  }

  /// With power to spare nobody waits, so nothing is retired and power has no shadow price.
  @Test func amplePowerRetiresNothing() throws {
    let run = try Engine.run(TestMarket.scenario(months: 18, siteMW: 1000), seed: 1)
    for chip in run.chipIds { #expect(run.retiredChips[chip]!.allSatisfy { $0 == 0 }) }
    for p in run.providerIds { #expect(run.powerShadowPrice[p]!.allSatisfy { $0 == 0 }) }
  }
}
