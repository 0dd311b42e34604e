import Foundation
import Testing

@testable import Simulation

/// Colocation (docs/model.md, "Colocation"), on TestMarket with H100s only (1 kW, 1 H100e
/// each): the neocloud's site powers 4,000 of its 5,000 H100s and it buys nothing more; the
/// cloud's site has room to spare.
@Suite struct ColocationTests {
  /// IT power of the neocloud's 5 MW site at PUE 1.25, kW.
  static let neoITPowerKW = 5.0 * 1000 / 1.25

  static func market(
    fee: Double? = 184, termMonths: Int = 24, neoRegion: String = "us",
    cloudMW: DatedPath = .constant(40), tolerance: Double = 0.25, cloudCapex: Double = 2e7,
    neoMW: DatedPath = .constant(5)
  ) -> Scenario {
    let base = OrderPowerTests.h100Only(siteMW: 40, tolerance: tolerance, capex: cloudCapex)
    var sites = base.sites
    sites[0].powerMW = cloudMW
    sites[1].powerMW = neoMW
    var providers = base.providers
    providers[1].capexUSDPerMonth = .constant(0)
    providers[1].region = neoRegion
    var s = Scenario(
      name: base.name, description: base.description, start: base.start, months: base.months,
      chips: base.chips, inputs: base.inputs, vendors: base.vendors, providers: providers,
      sites: sites, buyers: base.buyers, contracts: base.contracts)
    s.market = base.market
    s.market.colocation = ColocationSettings(feeUSDPerKWMonth: fee, termMonths: termMonths)
    return s
  }

  /// Without colocation 1,000 of the neocloud's H100s wait all run; with it they are installed
  /// in the cloud's spare power from the first month, and every kW one provider leases in is a
  /// kW another leases out.
  @Test func waitingChipsMoveIntoSparePower() throws {
    let off = try Engine.run(Self.market(fee: nil), seed: 1)
    let on = try Engine.run(Self.market(), seed: 1)
    #expect(abs(off.waitingH100e["neo"]![0] - 1_000) < 1)
    #expect(abs(off.installedH100e["neo"]![0] - Self.neoITPowerKW) < 1)
    #expect(on.waitingH100e["neo"]![0] < 1)
    #expect(on.installedH100e["neo"]![0] > off.installedH100e["neo"]![0] + 999)
    #expect(abs(on.colocatedMW["neo"]![0] - 1.0) < 1e-6)
    for t in on.months.indices {
      let leasedIn = on.colocatedMW.values.reduce(0) { $0 + $1[t] }
      let leasedOut = on.colocationHostedMW.values.reduce(0) { $0 + $1[t] }
      #expect(abs(leasedIn - leasedOut) <= 1e-9 * max(1, leasedIn))
      #expect(on.colocatedMW["cloud"]![t] == 0)
      #expect(on.colocationHostedMW["neo"]![t] == 0)
    }
    #expect(off.colocatedMW["neo"]!.allSatisfy { $0 == 0 })
    #expect(on.summary.contains { $0.name == "colocated.neo.2025" })
    #expect(on.summary.contains { $0.name == "colocationHosted.cloud.2025" })
  }

  /// A tenant leases only for chips that earn more than the fee: at $1M per kW-month nothing is
  /// leased and the run is the run without colocation.
  @Test func aFeeAboveTheNetRentLeasesNothing() throws {
    let off = try Engine.run(Self.market(fee: nil), seed: 1)
    let dear = try Engine.run(Self.market(fee: 1e6), seed: 1)
    #expect(dear.colocatedMW["neo"]!.allSatisfy { $0 == 0 })
    #expect(dear.waitingH100e["neo"]! == off.waitingH100e["neo"]!)
    #expect(dear.compute["lab"]! == off.compute["lab"]!)
  }

  /// Leases stay within a region: a neocloud in another region than the cloud leases nothing.
  @Test func leasesStayInTheirRegion() throws {
    let abroad = try Engine.run(Self.market(neoRegion: "gulf"), seed: 1)
    #expect(abroad.colocatedMW["neo"]!.allSatisfy { $0 == 0 })
    #expect(abroad.waitingH100e["neo"]![0] > 999)
  }

  /// A host leases only power it will not need over the term: with its grid power falling in
  /// month 4 to less than its own H100s draw, the cloud has nothing to lease in month 0, however
  /// much is spare then; with the fall after the term it leases.
  @Test func aHostKeepsThePowerItWillNeedOverTheTerm() throws {
    // The cloud's 10,000 H100s draw 10,000 kW; 12.5 MW at PUE 1.25 is exactly that.
    let falling = DatedPath([
      (TestMarket.start, 40), (TestMarket.start.adding(months: 4), 12.5),
    ])
    let short = try Engine.run(Self.market(cloudMW: falling), seed: 1)
    #expect(short.colocationHostedMW["cloud"]![0] == 0)
    #expect(short.waitingH100e["neo"]![0] > 999)
    let beyond = try Engine.run(Self.market(termMonths: 3, cloudMW: falling), seed: 1)
    #expect(beyond.colocationHostedMW["cloud"]![0] > 0.999)
    #expect(beyond.waitingH100e["neo"]![0] < 1)
  }

  /// The host's own orders count the leased power as gone: with τ = 0 and capex that would
  /// fill its site within the run, the cloud never holds more chips (installed, waiting) than
  /// its IT power less what it leases out, and its power binds by the end.
  @Test func aHostsOrdersLeaveTheLeasedPowerAlone() throws {
    let run = try Engine.run(Self.market(tolerance: 0, cloudCapex: 5e7), seed: 1)
    let cloudITPowerKW = 40.0 * 1000 / 1.25
    var leasedSomething = false
    for t in run.months.indices {
      let leasedOutKW = run.colocationHostedMW["cloud"]![t] * 1000
      leasedSomething = leasedSomething || leasedOutKW > 0
      let held = run.installedH100e["cloud"]![t] + run.waitingH100e["cloud"]![t]
      #expect(held <= (cloudITPowerKW - leasedOutKW) * (1 + 1e-9))
    }
    #expect(leasedSomething)
    let last = run.months.count - 1
    let finalLeasedKW = run.colocationHostedMW["cloud"]![last] * 1000
    #expect(run.installedH100e["cloud"]![last] > 0.99 * (cloudITPowerKW - finalLeasedKW))
  }
}
