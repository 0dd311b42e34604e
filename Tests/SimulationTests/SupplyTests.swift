import Testing

@testable import Simulation

@Suite struct SupplyTests {
  @Test func datedPathInterpolatesLinearly() {
    let path = DatedPath([
      (YearMonth(year: 2024, month: 1), 10), (YearMonth(year: 2025, month: 1), 34),
    ])
    #expect(path.value(at: YearMonth(year: 2023, month: 6)) == 10)
    #expect(abs(path.value(at: YearMonth(year: 2024, month: 7)) - 22) < 1e-12)
    #expect(path.value(at: YearMonth(year: 2026, month: 1)) == 34)
  }

  /// A shifted path's value at t is the original's at t − months, for every month.
  @Test func aShiftedPathIsTheOriginalLater() {
    let path = DatedPath([
      (YearMonth(year: 2024, month: 1), 0), (YearMonth(year: 2025, month: 1), 34),
      (YearMonth(year: 2025, month: 7), 40),
    ])
    let late = path.shifted(months: 12)
    for k in 0..<48 {
      let month = YearMonth(year: 2023, month: 1).adding(months: k)
      #expect(abs(late.value(at: month) - path.value(at: month.adding(months: -12))) < 1e-12)
    }
  }

  @Test func yearMonthRoundTrips() {
    #expect(YearMonth("2026-05")?.description == "2026-05")
    #expect(YearMonth("2026-13") == nil)
    #expect(YearMonth("2026-5") == nil)
    #expect(YearMonth("2026-12")!.adding(months: 1).description == "2027-01")
  }

  /// Production = input share · wafers / wafers per chip, split by mix weight.
  @Test func productionFollowsCoWoS() throws {
    let result = try Engine.run(TestMarket.scenario(), seed: 1)
    // Before b200 launches, h100 takes all 200 wafers at 30 per wafer.
    #expect(abs(result.production["h100"]![0] - 6_000) < 1e-9)
    // After launch, half the wafers each: 100 · 30 and 100 · 15.
    #expect(abs(result.production["h100"]![6] - 3_000) < 1e-9)
    #expect(abs(result.production["b200"]![6] - 1_500) < 1e-9)
  }

  @Test func proRataFillsEveryOrderAlike() throws {
    // Capex 1e8 + 5e7 buys 6,000 h100 at $25k; 6,000 made: everything ships.
    let result = try Engine.run(TestMarket.scenario(capex: 2e8), seed: 1)
    // Orders 12,000 for 6,000 chips: each gets half.
    #expect(abs(result.shipments["h100"]![0] - 6_000) < 1e-6)
  }

  @Test func marketPriceRaisesVendorRevenue() throws {
    // Orders at the trend (η = 0): the hyperscaler $400M; the neocloud, with no contracts
    // signed yet, only its equity base lo · K̄ = 0.5 · $200M.
    func scenario(_ allocation: AllocationPolicy) -> Scenario {
      var s = TestMarket.scenario(allocation: allocation, capex: 4e8)
      s.market.investment.marginElasticity = 0
      return s
    }
    let pro = try Engine.run(scenario(.proRata), seed: 1)
    let market = try Engine.run(scenario(.marketPrice), seed: 1)
    // Orders worth $500M for 6,000 chips: the market price is $83k and takes all of it.
    #expect(abs(market.vendorRevenue["nvidia"]![0] - 5e8) < 1)
    #expect(abs(pro.vendorRevenue["nvidia"]![0] - 6_000 * 25_000) < 1)
  }

  @Test func waterFillRespectsOrdersAndWeights() {
    let given = EngineState.waterFill(orders: [10, 100, 100], weights: [10, 1, 1], supply: 110)
    #expect(abs(given[Index(0)] - 10) < 1e-9)
    #expect(abs(given[Index(1)] - 50) < 1e-9)
    #expect(abs(given[Index(2)] - 50) < 1e-9)
  }
}
