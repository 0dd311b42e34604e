import Foundation
import Testing

@testable import Simulation

/// How a provider's chips are shared among its sites (docs/model.md, "Sites and power"): each
/// month's waiting chips go to its sites in proportion to their spare power. On TestMarket with
/// H100s only (1 kW, 1 H100e each), the cloud gets a second site beside its 40 MW fleet.
@Suite struct SiteFillTests {
  /// IT power at PUE 1.25, kW.
  static func itPowerKW(_ megawatts: Double) -> Double { megawatts * 1000 / 1.25 }

  static func market(campusMW: DatedPath) -> Scenario {
    let base = OrderPowerTests.h100Only(siteMW: 40, tolerance: 0.25)
    var s = Scenario(
      name: base.name, description: base.description, start: base.start, months: base.months,
      chips: base.chips, inputs: base.inputs, vendors: base.vendors, providers: base.providers,
      sites: base.sites + [
        Site(id: "cloud-campus", provider: "cloud", powerMW: campusMW, pue: 1.25)
      ],
      buyers: base.buyers, contracts: base.contracts)
    s.market = base.market
    return s
  }

  /// Two sites empty at the start share every month's chips by spare power, so their used
  /// fractions stay equal (spare_s falls by the same factor at each site) until both are full,
  /// and the cloud's chips are all at one site or the other, or waiting.
  @Test func sitesOpenTogetherFillAtTheSameRate() throws {
    let run = try Engine.run(Self.market(campusMW: .constant(10)), seed: 1)
    let fleet = run.siteInstalledH100e["cloud-dc"]!
    let campus = run.siteInstalledH100e["cloud-campus"]!
    var monthsBothFilling = 0
    for t in run.months.indices {
      let fleetUsed = fleet[t] / Self.itPowerKW(40)
      let campusUsed = campus[t] / Self.itPowerKW(10)
      #expect(fleetUsed <= 1 + 1e-9 && campusUsed <= 1 + 1e-9)
      #expect(abs(fleetUsed - campusUsed) <= 1e-9, "month \(run.months[t])")
      if fleetUsed < 0.999 { monthsBothFilling += 1 }
      let held = run.installedH100e["cloud"]![t]
      #expect(abs(fleet[t] + campus[t] - held) <= 1e-6 * held)
    }
    // The check above is not vacuous: the first month already has chips at both sites.
    #expect(monthsBothFilling > 0)
    #expect(campus[0] > 0)
  }

  /// A campus whose power comes later takes chips the month its power comes, while the fleet
  /// site still has room (filling sites in list order would leave it empty until the fleet is
  /// full), and it takes more than its share of the total power: it is empty, so most of the
  /// spare power is its.
  @Test func aLateCampusFillsAsItsPowerComes() throws {
    let opening = TestMarket.start.adding(months: 3)
    // No power before the opening month (the path is linear between its points).
    let path = DatedPath([(TestMarket.start.adding(months: 2), 0), (opening, 10)])
    let run = try Engine.run(Self.market(campusMW: path), seed: 1)
    let t = run.months.firstIndex(of: opening.description)!
    let fleet = run.siteInstalledH100e["cloud-dc"]!
    let campus = run.siteInstalledH100e["cloud-campus"]!
    #expect(campus[t - 1] == 0)
    #expect(fleet[t] < 0.999 * Self.itPowerKW(40))
    #expect(campus[t] > 0)
    let added = (fleet[t] - fleet[t - 1]) + campus[t]
    #expect(campus[t] / added > Self.itPowerKW(10) / Self.itPowerKW(50))
  }
}
