import Testing

@testable import Simulation

/// Chips sold in some markets only, banned chips that leak into a region, and the regional
/// outcomes (`installedByRegion`, `waitingShare`).
@Suite struct RegionalSupplyTests {
  /// TestMarket with its neocloud in China.
  static func chinaMarket(events: [Event] = [], markets: [String: [String]] = [:]) -> Scenario {
    let base = TestMarket.scenario(events: events)
    var providers = base.providers
    providers[1].region = "china"
    var chips = base.chips
    for (c, chip) in chips.enumerated() {
      if let list = markets[chip.id] { chips[c].markets = list }
    }
    return Scenario(
      name: base.name, description: base.description, start: base.start, months: base.months,
      chips: chips, inputs: base.inputs, vendors: base.vendors, providers: providers,
      sites: base.sites, buyers: base.buyers, events: base.events)
  }

  @Test func aChipSoldOnlyInChinaReachesOnlyChina() throws {
    let open = try Engine.run(Self.chinaMarket(), seed: 1)
    let chinaOnly = try Engine.run(Self.chinaMarket(markets: ["b200": ["china"]]), seed: 1)
    // In the open market both providers install B200s once it ships (month 7, arrival month 8).
    #expect(open.installedChips["b200"]!.last! > 0)
    let cloudShare = { (r: RunResult) in r.installedH100e["cloud"]!.last! }
    // Without B200s the US cloud ends with fewer H100e, and the Chinese neocloud gets all B200s.
    #expect(cloudShare(chinaOnly) < cloudShare(open) * (1 - 1e-6))
    let b200Shipped = chinaOnly.shipments["b200"]!.reduce(0, +)
    #expect(b200Shipped > 0)
    let neoBought = chinaOnly.purchases["neo"]!.reduce(0, +)
    let neoBoughtH100 = neoBought - b200Shipped
    #expect(neoBoughtH100 >= -1e-6 * neoBought)
  }

  /// Every chip banned to China with leakage λ: the Chinese neocloud receives exactly
  /// `λ · output` of each chip each month and pays `(1 + markup)` times the vendor's price;
  /// the vendor's revenue from it is the list price.
  @Test func leakageDivertsItsShareOfOutputAtAMarkup() throws {
    let share = 0.1
    let markup = 0.5
    let leaky = try Engine.run(
      Self.chinaMarket(events: [
        Event(
          at: TestMarket.start,
          kind: .exportBan(region: "china", chips: [], cloud: false, leakage: share, markup: markup)
        )
      ]), seed: 1)
    let sealed = try Engine.run(
      Self.chinaMarket(events: [
        Event(at: TestMarket.start, kind: .exportBan(region: "china", chips: [], cloud: false))
      ]), seed: 1)
    #expect(sealed.purchases["neo"]!.allSatisfy { $0 == 0 })
    let h100 = leaky.production["h100"]!
    let b200 = leaky.production["b200"]!
    for t in leaky.months.indices {
      let expected = share * (h100[t] + b200[t])
      #expect(abs(leaky.purchases["neo"]![t] - expected) <= 1e-9 * max(1, expected))
    }
    // The vendor is paid its price on every chip; the Chinese neocloud pays (1 + markup) times
    // it, so all providers' spending exceeds the vendor's revenue by markup/(1 + markup) of
    // the neocloud's spending, month by month.
    for t in leaky.months.indices {
      let spent = leaky.providerIds.reduce(0) { $0 + leaky.capexSpentUSD[$1]![t] }
      let revenue = leaky.vendorRevenue["nvidia"]![t]
      let smuggled = leaky.capexSpentUSD["neo"]![t]
      #expect(abs(spent - revenue - smuggled * markup / (1 + markup)) <= 1e-9 * max(1, spent))
    }
    #expect(leaky.capexSpentUSD["neo"]!.reduce(0, +) > 0)
  }

  @Test func installedByRegionSumsItsProviders() throws {
    let run = try Engine.run(Self.chinaMarket(), seed: 1)
    let last = run.months.count - 1
    let year = OutcomePeriod.year("2024")
    let china = try #require(run.value(of: OutcomeName(.installedByRegion, "china", year)))
    let us = try #require(run.value(of: OutcomeName(.installedByRegion, "us", year)))
    #expect(abs(china - run.installedH100e["neo"]![last]) <= 1e-12 * china)
    #expect(abs(us - run.installedH100e["cloud"]![last]) <= 1e-12 * us)
    #expect(abs(china + us - run.installedWorld(at: last)) <= 1e-9 * (china + us))
    #expect(run.value(of: OutcomeName(.installedByRegion, "mars", year)) == nil)
    #expect(run.summary.contains { $0.name == "installedByRegion.china.2024" })
    // The monthly table `run --out` writes holds the same sums every month.
    let table = try #require(run.tables.first { $0.name == "installedByRegionH100e" })
    #expect(table.ids == ["us", "china"])
    for t in run.months.indices {
      let neo = run.installedH100e["neo"]![t]
      #expect(abs(table.table["china"]![t] - neo) <= 1e-12 * max(1, neo))
    }
  }

  /// Less power, more chips waiting: the waiting share is the providers' waiting H100e over
  /// the installed H100e, and it cannot fall when every site loses power.
  @Test func waitingShareRisesWhenPowerIsScarce() throws {
    let roomy = try Engine.run(TestMarket.scenario(siteMW: 100), seed: 1)
    let tight = try Engine.run(TestMarket.scenario(siteMW: 25), seed: 1)
    let year = OutcomePeriod.year("2024")
    let roomyShare = try #require(roomy.value(of: OutcomeName(.waitingShare, nil, year)))
    let tightShare = try #require(tight.value(of: OutcomeName(.waitingShare, nil, year)))
    #expect(tightShare > roomyShare)
    #expect(tightShare > 0.01)
    let last = tight.months.count - 1
    let waiting = tight.providerIds.reduce(0) { $0 + tight.waitingH100e[$1]![last] }
    #expect(abs(tightShare - waiting / tight.installedWorld(at: last)) <= 1e-12)
    let monthly = try #require(tight.tables.first { $0.name == "waitingShare" })
    #expect(abs(monthly.table["world"]![last] - tightShare) <= 1e-15)
  }
}
