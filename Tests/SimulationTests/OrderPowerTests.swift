import Foundation
import Testing

@testable import Simulation

/// Orders limited by the power a provider expects when they arrive (docs/model.md, "Sites and
/// power"), on TestMarket.
@Suite struct OrderPowerTests {
  /// TestMarket with H100s only, failures off, no retirement (prohibitive swap cost) and
  /// `siteMW` at both sites (IT power `siteMW · 1000 / 1.25` kW each).
  static func h100Only(siteMW: Double, tolerance: Double, capex: Double = 1e8) -> Scenario {
    let base = TestMarket.scenario(months: 18, siteMW: siteMW, capex: capex)
    var vendor = base.vendors[0]
    vendor.mix = ["h100": .constant(1), "b200": .constant(0)]
    var s = Scenario(
      name: base.name, description: base.description, start: base.start, months: base.months,
      chips: base.chips, inputs: base.inputs, vendors: [vendor], providers: base.providers,
      sites: base.sites, buyers: base.buyers, contracts: base.contracts)
    s.market.fleet.failurePerYear = 0
    s.market.fleet.swapCostUSDPerKWh = 1e6
    s.market.investment.powerTolerance = tolerance
    return s
  }

  /// A provider's installed and waiting H100s never need more than `(1 + τ)` times its IT
  /// power: the bound counts them together with chips in transit and on order. Without the
  /// bound (τ = 1000) the same market holds far more than its power.
  @Test func chipsHeldStayWithinTheToleranceOfPower() throws {
    let itPowerKW = 12.5 * 1000 / 1.25
    for tolerance in [0.0, 0.25, 1.0] {
      let run = try Engine.run(Self.h100Only(siteMW: 12.5, tolerance: tolerance), seed: 1)
      for provider in ["cloud", "neo"] {
        let installed = run.installedH100e[provider]!
        let waiting = run.waitingH100e[provider]!
        for t in run.months.indices {
          // An H100 is one H100e and draws 1 kW.
          #expect(installed[t] + waiting[t] <= (1 + tolerance) * itPowerKW * (1 + 1e-9))
        }
      }
    }
    let free = try Engine.run(Self.h100Only(siteMW: 12.5, tolerance: 1000), seed: 1)
    let last = free.months.count - 1
    #expect(free.waitingH100e["cloud"]![last] > 2 * itPowerKW)
  }

  /// Scarce power cuts orders, so vendors sell less: with the bound, the scarce market's vendor
  /// revenue is well below the ample market's, and the cut is reported; without it, power does
  /// not reach orders and revenue stays where ample power puts it.
  @Test func scarcePowerCutsOrdersAndVendorRevenue() throws {
    func revenue(_ run: RunResult) -> Double { run.vendorRevenue["nvidia"]!.reduce(0, +) }
    let ample = try Engine.run(Self.h100Only(siteMW: 1000, tolerance: 0.25), seed: 1)
    let scarce = try Engine.run(Self.h100Only(siteMW: 12.5, tolerance: 0.25), seed: 1)
    let unbound = try Engine.run(Self.h100Only(siteMW: 12.5, tolerance: 1000), seed: 1)
    #expect(revenue(scarce) < 0.5 * revenue(ample))
    #expect(revenue(unbound) > 0.9 * revenue(ample))
    let cut = scarce.ordersCutByPowerUSD["cloud"]!.reduce(0, +)
    #expect(cut > 0)
    #expect(ample.ordersCutByPowerUSD.values.allSatisfy { $0.allSatisfy { $0 == 0 } })
    #expect(unbound.ordersCutByPowerUSD.values.allSatisfy { $0.allSatisfy { $0 == 0 } })
    #expect(scarce.summary.contains { $0.name == "ordersCutByPower.cloud.2025" })
  }

  /// Older chips a new one would replace leave room for orders: at the cloud, whose site is
  /// full of H100s, B200 orders after their launch are larger when H100s may be retired for
  /// them than when a prohibitive swap cost keeps every H100.
  @Test func replaceableChipsLeaveRoomForOrders() throws {
    let swapping = try Engine.run(FleetTests.powerBound(), seed: 1)
    let frozen = try Engine.run(FleetTests.powerBound(swapCost: 1e6), seed: 1)
    func spentAfterLaunch(_ run: RunResult) -> Double {
      run.capexSpentUSD["cloud"]![7...].reduce(0, +)
    }
    #expect(spentAfterLaunch(swapping) > 1.5 * spentAfterLaunch(frozen))
    #expect(
      frozen.ordersCutByPowerUSD["cloud"]![7...].reduce(0, +)
        > swapping.ordersCutByPowerUSD["cloud"]![7...].reduce(0, +))
  }
}
