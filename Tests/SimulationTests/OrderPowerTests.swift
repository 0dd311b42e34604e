import Foundation
import Testing

@testable import Simulation

/// Orders limited by the power a provider expects when they arrive (docs/model.md, "Sites and
/// power"), on TestMarket.
@Suite struct OrderPowerTests {
  /// TestMarket with H100s only, failures off, no retirement (prohibitive swap cost) and
  /// `siteMW` at both sites (IT power `siteMW · 1000 / 1.25` kW each).
  static func h100Only(
    siteMW: Double, tolerance: Double, capex: Double = 1e8,
    allocation: AllocationPolicy = .proRata
  ) -> Scenario {
    let base = TestMarket.scenario(months: 18, siteMW: siteMW, capex: capex)
    var vendor = base.vendors[0]
    vendor.mix = ["h100": .constant(1), "b200": .constant(0)]
    vendor.allocation = allocation
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

  /// TestMarket plus a captive vendor making `units` TPUs (1 kW each, $15k list) a month for
  /// the cloud, which buys no merchant chips unless `cloudCapex` > 0; NVIDIA makes H100s only; failures and retirement
  /// off.
  static func withCaptive(
    siteMW: Double, tolerance: Double, units: Double = 2_000, cloudCapex: Double = 0
  ) -> Scenario {
    let base = h100Only(siteMW: siteMW, tolerance: tolerance)
    var providers = base.providers
    providers[0].capexUSDPerMonth = .constant(cloudCapex)
    let tpu = Chip(
      id: "tpu", vendor: "cloud-tpu", tflopsBF16: 989, kWPerChip: 1.0, priceUSD: 15_000,
      available: TestMarket.start, leadTimeMonths: 1)
    let captive = Vendor(
      id: "cloud-tpu", inputShare: [:], unitsPerMonth: .constant(units),
      mix: ["tpu": .constant(1)], captiveOwner: "cloud")
    var s = Scenario(
      name: base.name, description: base.description, start: base.start, months: base.months,
      chips: base.chips + [tpu], inputs: base.inputs, vendors: base.vendors + [captive],
      providers: providers, sites: base.sites, buyers: base.buyers, contracts: base.contracts)
    s.market = base.market
    return s
  }

  /// Captive output is made to its owner's power: the cloud's installed and waiting chips,
  /// TPUs included, stay within `(1 + τ)` times its IT power, and every TPU not made is
  /// reported at its list price (made + cut / price = the vendor's capacity, month by month;
  /// the cloud places no merchant orders, so the cut is the TPUs' alone).
  /// Without the bound (τ = 1000) the TPUs arrive whatever the power.
  @Test func captiveOutputStaysWithinItsOwnersPower() throws {
    let itPowerKW = 12.5 * 1000 / 1.25
    for tolerance in [0.0, 0.25] {
      let run = try Engine.run(Self.withCaptive(siteMW: 12.5, tolerance: tolerance), seed: 1)
      let installed = run.installedH100e["cloud"]!
      let waiting = run.waitingH100e["cloud"]!
      let made = run.production["tpu"]!
      let cut = run.ordersCutByPowerUSD["cloud"]!
      for t in run.months.indices {
        #expect(installed[t] + waiting[t] <= (1 + tolerance) * itPowerKW * (1 + 1e-9))
        let notMade = cut[t] / 15_000
        #expect(abs(made[t] + notMade - 2_000) < 1e-6)
      }
      let capacity = 2_000 * Double(run.months.count)
      #expect(made.reduce(0, +) < 0.5 * capacity)
    }
    let free = try Engine.run(Self.withCaptive(siteMW: 12.5, tolerance: 1000), seed: 1)
    #expect(free.production["tpu"]!.allSatisfy { abs($0 - 2_000) < 1e-9 })
    #expect(free.waitingH100e["cloud"]!.last! > 2 * itPowerKW)
  }

  /// More power lets the owner make more of its own chips: captive output rises with the
  /// site's power and reaches the vendor's capacity when power is ample.
  @Test func captiveOutputRisesWithPower() throws {
    func made(_ mw: Double) throws -> Double {
      try Engine.run(Self.withCaptive(siteMW: mw, tolerance: 0.25), seed: 1).production["tpu"]!
        .reduce(0, +)
    }
    let (scarce, middle, ample) = (try made(12.5), try made(20), try made(1000))
    #expect(scarce < middle)
    #expect(middle < ample)
    #expect(abs(ample - 2_000 * 18) < 1e-6)
  }

  /// An owner makes its own chips first, over its planning window: with merchant orders
  /// competing for the same power (at 40 MW the planned TPUs leave the cloud some room), the
  /// TPUs made in the first 12 months (`captivePlanningMonths`) equal what the owner makes
  /// when it buys nothing else; later, the merchant chips it bought hold power the TPUs would
  /// have used. Its merchant spending, positive, is below 80% of what it spends when no TPUs
  /// are planned.
  @Test func merchantOrdersLeaveRoomForCaptiveOutput() throws {
    func run(units: Double, capex: Double) throws -> RunResult {
      try Engine.run(
        Self.withCaptive(siteMW: 40, tolerance: 0.25, units: units, cloudCapex: capex), seed: 1)
    }
    let window = EngineState.captivePlanningMonths
    let alone = try run(units: 2_000, capex: 0).production["tpu"]!
    let both = try run(units: 2_000, capex: 1e8)
    let merchantOnly = try run(units: 0, capex: 1e8)
    let madeAlone = alone[..<window].reduce(0, +)
    #expect(madeAlone > 0)
    #expect(abs(both.production["tpu"]![..<window].reduce(0, +) - madeAlone) < 1e-6)
    #expect(both.production["tpu"]!.reduce(0, +) < alone.reduce(0, +))
    let spent = both.capexSpentUSD["cloud"]!.reduce(0, +)
    #expect(spent > 0)
    #expect(spent < 0.8 * merchantOnly.capexSpentUSD["cloud"]!.reduce(0, +))
  }

  /// Deliveries wait in the book for power: with stock to spare, the vendor ships the cloud
  /// (its site full, τ = 0) nothing of a large order and keeps the order in the book as
  /// deferred, while the neocloud, with about 4,000 kW free, gets its smaller order whole.
  /// Without the bound both orders ship. With `marketPrice` and too little stock, the price
  /// rations the neocloud's due order and the rationed part is dropped; the cloud's deferred
  /// order stays.
  @Test func ordersThatCannotBePoweredWaitInTheBook() throws {
    let (cloud, neo, h100) = (Index<Provider>(0), Index<Provider>(1), Index<Chip>(0))
    func bookAfterShipping(
      tolerance: Double, stock: Double = 10_000, allocation: AllocationPolicy = .proRata
    ) throws -> EngineState {
      let scenario = Self.h100Only(siteMW: 12.5, tolerance: tolerance, allocation: allocation)
      var state = EngineState(try CompiledScenario(scenario), seed: 1)
      // After the first month the cloud's site is full; the neocloud (5,000 H100 on 10,000 kW)
      // has about 1,000 H100 of its first orders in transit.
      try state.playStep(Index(0))
      state.orderBook.backlog[cloud, h100] = 5_000
      state.orderBook.backlog[neo, h100] = 2_000
      state.vendorStock[h100] = stock
      state.shipFromBook()
      return state
    }
    let bound = try bookAfterShipping(tolerance: 0)
    #expect(bound.orderBook.backlog[cloud, h100] > 4_999)
    #expect(bound.flows.ordersDeferred[cloud, h100] > 4_999)
    #expect(bound.orderBook.backlog[neo, h100] < 1e-9)
    let free = try bookAfterShipping(tolerance: 1000)
    #expect(free.orderBook.backlog[cloud, h100] < 1e-9)
    #expect(free.flows.ordersDeferred[cloud, h100] == 0)
    let rationed = try bookAfterShipping(tolerance: 0, stock: 1_000, allocation: .marketPrice)
    #expect(rationed.orderBook.backlog[cloud, h100] > 4_999)
    #expect(rationed.orderBook.backlog[neo, h100] < 1e-9)
    #expect(rationed.vendorStock[h100] < 1e-6)
  }
}
