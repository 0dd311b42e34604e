import Foundation
import Testing

@testable import Simulation

/// On-site generation (docs/model.md, "On-site generation"), on the colocation tests' market
/// without colocation: the neocloud's 5 MW site (PUE 1.25) powers 4,000 of its 5,000 H100s
/// (1 kW, 1 H100e each); neither it nor the cloud, whose site has room to spare, buys more. The
/// run starts in January 2024 and lasts 18 months.
@Suite struct OnSiteGenerationTests {
  static let capex = 2_667.0

  static func market(
    capex: Double? = Self.capex, leadMonths: Int = 6, maxMWPerYear: Double? = nil,
    neoMW: DatedPath = .constant(5)
  ) -> Scenario {
    var s = ColocationTests.market(fee: nil, cloudCapex: 0, neoMW: neoMW)
    s.market.onSiteGeneration = OnSiteGenerationSettings(
      capexUSDPerKW: capex, leadMonths: leadMonths, maxMWPerYear: maxMWPerYear)
    return s
  }

  /// The 1,000 kW of H100s that wait get a plant of 1,000 IT kW (1.25 MW of facility power at
  /// PUE 1.25), decided in month 0 and running from month 6: they wait until then and are
  /// installed from then on. Nothing more is built, and the capital is spent once.
  @Test func waitingChipsGetAPlantThatRunsAfterItsLead() throws {
    let off = try Engine.run(Self.market(capex: nil), seed: 1)
    let on = try Engine.run(Self.market(), seed: 1)
    for t in on.months.indices {
      #expect(abs(off.waitingH100e["neo"]![t] - 1_000) < 1)
      if t < 6 {
        #expect(abs(on.waitingH100e["neo"]![t] - 1_000) < 1)
        #expect(on.onSiteMW["neo"]![t] == 0)
      } else {
        #expect(on.waitingH100e["neo"]![t] < 1e-6)
        #expect(abs(on.onSiteMW["neo"]![t] - 1.25) < 1e-9)
        #expect(abs(on.installedH100e["neo"]![t] - 5_000) < 1e-6)
      }
    }
    #expect(abs(on.onSiteCapexUSD["neo"]![0] - 1_250 * Self.capex) < 1e-6)
    #expect(on.onSiteCapexUSD["neo"]!.dropFirst().allSatisfy { $0 == 0 })
    #expect(on.onSiteMW["cloud"]!.allSatisfy { $0 == 0 })
    #expect(on.summary.contains { $0.name == "onSite.neo.2025" })
    #expect(on.metric("onSiteCapex.neo.2024").map { abs($0 - 1_250 * Self.capex) < 1e-6 } == true)
  }

  /// A plant is built only for chips that earn more per kWh than it costs: at $1M per kW its
  /// annuity is far above an H100's net rent, nothing is built and the run is the run without.
  @Test func aPlantDearerThanTheChipsEarnBuildsNothing() throws {
    let off = try Engine.run(Self.market(capex: nil), seed: 1)
    let dear = try Engine.run(Self.market(capex: 1e6), seed: 1)
    #expect(dear.onSiteMW["neo"]!.allSatisfy { $0 == 0 })
    #expect(dear.waitingH100e["neo"]! == off.waitingH100e["neo"]!)
    #expect(dear.compute["lab"]! == off.compute["lab"]!)
  }

  /// A plant is built only for chips that will still wait when it runs: with the grid path
  /// rising from 5 MW in month 2 to 6.25 MW (5,000 IT kW) in month 3, before a plant started in
  /// month 0 would run, nothing is built and the chips wait three months.
  @Test func noPlantForChipsTheGridWillPowerFirst() throws {
    let rising = DatedPath([
      (TestMarket.start, 5), (TestMarket.start.adding(months: 2), 5),
      (TestMarket.start.adding(months: 3), 6.25),
    ])
    let run = try Engine.run(Self.market(neoMW: rising), seed: 1)
    #expect(run.onSiteCapexUSD["neo"]!.allSatisfy { $0 == 0 })
    #expect(abs(run.waitingH100e["neo"]![2] - 1_000) < 1)
    #expect(run.waitingH100e["neo"]![3] < 1e-6)
  }

  /// The yearly cap binds: with 0.5 MW a year, 0.5 MW of the 1.25 MW wanted starts in month 0
  /// and nothing more in 2024; 0.5 MW more starts in January 2025 (running in month 18, after
  /// the run). The first plant (400 IT kW) powers 400 of the 1,000 waiting H100s from month 6.
  @Test func theYearlyCapBindsAndRefillsInTheNextYear() throws {
    let run = try Engine.run(Self.market(maxMWPerYear: 0.5), seed: 1)
    let startedMW = run.onSiteCapexUSD["neo"]!.map { $0 / Self.capex / 1000 }
    #expect(abs(startedMW[0] - 0.5) < 1e-9)
    #expect(startedMW[1..<12].allSatisfy { $0 == 0 })
    #expect(abs(startedMW[12] - 0.5) < 1e-9)
    #expect(startedMW[13...].allSatisfy { $0 == 0 })
    let last = run.months.count - 1
    #expect(abs(run.onSiteMW["neo"]![last] - 0.5) < 1e-9)
    #expect(abs(run.waitingH100e["neo"]![5] - 1_000) < 1e-6)
    #expect(abs(run.waitingH100e["neo"]![6] - 600) < 1e-6)
    #expect(abs(run.waitingH100e["neo"]![last] - 600) < 1e-6)
  }

  /// Plants let power-bound providers buy more: in the scarce power-bound market (12.5 MW,
  /// τ = 0.25) vendors sell more with plants than without, and the chips each provider holds
  /// (installed and waiting) stay within (1 + τ) times its IT power from the grid and its
  /// running plants: orders count a plant's power only from the month it runs.
  @Test func ordersAnswerThePlantsBeingBuilt() throws {
    func scarce(capex: Double?) throws -> RunResult {
      var s = OrderPowerTests.h100Only(siteMW: 12.5, tolerance: 0.25)
      s.market.onSiteGeneration = OnSiteGenerationSettings(capexUSDPerKW: capex, leadMonths: 6)
      return try Engine.run(s, seed: 1)
    }
    let off = try scarce(capex: nil)
    let on = try scarce(capex: Self.capex)
    func revenue(_ run: RunResult) -> Double { run.vendorRevenue["nvidia"]!.reduce(0, +) }
    // More power expected can only raise what a power-bound provider orders (measured: 1.14x).
    #expect(revenue(on) > 1.05 * revenue(off))
    let gridITKW = 12.5 * 1000 / 1.25
    for provider in ["cloud", "neo"] {
      for t in on.months.indices {
        // The test market's sites have PUE 1.25.
        let plantsITKW = on.onSiteMW[provider]![t] * 1000 / 1.25
        let held = on.installedH100e[provider]![t] + on.waitingH100e[provider]![t]
        #expect(held <= 1.25 * (gridITKW + plantsITKW) * (1 + 1e-9))
      }
    }
    #expect(on.onSiteMW["cloud"]!.last! > 0)
  }
}
