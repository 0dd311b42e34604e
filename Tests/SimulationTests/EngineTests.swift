import Testing

@testable import Simulation

@Suite struct EngineTests {
  /// The seed drives the randomness: another seed gives other prices. (That the same seed gives
  /// the same bytes is checked across processes, where hash seeds differ:
  /// `RunCommandTests.sameFileAndSeedGiveIdenticalBytes`.)
  @Test func anotherSeedGivesOtherSeries() throws {
    let noisy = TestMarket.scenario(
      randomness: Randomness(
        supplyShock: SupplyShock(
          probabilityPerMonth: 0.3, minFactor: 0.5, maxFactor: 0.9, months: 2),
        demandNoise: 0.2))
    let a = try Engine.run(noisy, seed: 7)
    let c = try Engine.run(noisy, seed: 8)
    #expect(a.spotPrice["h100"]!.map(\.bitPattern) != c.spotPrice["h100"]!.map(\.bitPattern))
  }

  @Test func everyMonthClears() throws {
    let result = try Engine.run(TestMarket.scenario(), seed: 1)
    #expect(result.unconvergedMonths.isEmpty)
    #expect(result.clearingErrors.allSatisfy { $0 <= 1e-9 })
  }

  @Test func withoutRandomnessTheSeedDoesNotMatter() throws {
    let a = try Engine.run(TestMarket.scenario(), seed: 1)
    let b = try Engine.run(TestMarket.scenario(), seed: 2)
    #expect(a.spotPrice["h100"]!.map(\.bitPattern) == b.spotPrice["h100"]!.map(\.bitPattern))
  }

  /// With one product on sale, CES demand spends every budget on it, so the price is
  /// `max(reserve, Σ budgets / GPU-hours)`.
  @Test func singleProductPriceIsBudgetOverSupply() throws {
    let scenario = Scenario(
      name: "one", description: "One product.", start: TestMarket.start, months: 1,
      chips: [
        Chip(
          id: "h100", vendor: "nvidia", tflopsBF16: 989, kWPerChip: 1.0, priceUSD: 25_000,
          available: TestMarket.start)
      ],
      vendors: [Vendor(id: "nvidia", mix: ["h100": .constant(1)])],
      providers: [Provider(id: "neo", kind: .neocloud, initialChips: ["h100": 1_000])],
      sites: [Site(id: "dc", provider: "neo", powerMW: .constant(10), pue: 1.25)],
      buyers: [
        Buyer(id: "a", budgetUSDPerMonth: .constant(1e6)),
        Buyer(id: "b", budgetUSDPerMonth: .constant(5e5)),
      ])
    let result = try Engine.run(scenario, seed: 1)
    let hours = 1_000 * 730 * 0.95
    let expected = 1.5e6 / hours
    #expect(abs(result.spotPrice["h100"]![0] - expected) < 1e-6 * expected)
    #expect(abs(result.compute["a"]![0] - hours * 2 / 3) < 1e-6 * hours)
  }

  /// A quarterly step triples every flow (hours, budgets), so a one-product price is unchanged.
  @Test func quarterlyStepsScaleFlowsNotPrices() throws {
    func scenario(step: Int) -> Scenario {
      Scenario(
        name: "one", description: "One product.", start: TestMarket.start, months: 6,
        chips: [
          Chip(
            id: "h100", vendor: "nvidia", tflopsBF16: 989, kWPerChip: 1.0, priceUSD: 25_000,
            available: TestMarket.start)
        ],
        vendors: [Vendor(id: "nvidia", mix: ["h100": .constant(1)])],
        providers: [Provider(id: "neo", kind: .neocloud, initialChips: ["h100": 1_000])],
        sites: [Site(id: "dc", provider: "neo", powerMW: .constant(10), pue: 1.25)],
        buyers: [Buyer(id: "a", budgetUSDPerMonth: .constant(1e6))], stepMonths: step)
    }
    // A stationary market: failures would take chips out month by month in one run and a
    // quarter at once in the other.
    func stationary(step: Int) -> Scenario {
      var s = scenario(step: step)
      s.market.fleet.failurePerYear = 0
      return s
    }
    let monthly = try Engine.run(stationary(step: 1), seed: 1)
    let quarterly = try Engine.run(stationary(step: 3), seed: 1)
    #expect(quarterly.months == ["2024-01", "2024-04"])
    #expect(abs(quarterly.spotPrice["h100"]![0] - monthly.spotPrice["h100"]![0]) < 1e-9)
    #expect(abs(quarterly.compute["a"]![0] - 3 * monthly.compute["a"]![0]) < 1e-6)
    #expect(
      abs(quarterly.metric("compute.a.2024")! - monthly.metric("compute.a.2024")!)
        < 1e-9 * monthly.metric("compute.a.2024")!)
    #expect(throws: SimulationError.self) {
      try Engine.run(
        Scenario(
          name: "x", description: "x", start: TestMarket.start, months: 5, chips: [],
          vendors: [], providers: [], sites: [], buyers: [], stepMonths: 3), seed: 1)
    }
  }

  /// GPU-hours sold + own use + contracted + idle = capacity, for every provider and month.
  @Test func gpuHoursAreConserved() throws {
    let contract = Contract(
      id: "deal", buyer: "startup", provider: "neo", gpus: ["h100": 2_000],
      priceUSDPerGPUHour: 2, start: TestMarket.start.adding(months: 2), months: 6)
    let result = try Engine.run(
      TestMarket.scenario(contracts: [contract], ownUse: 0.4), seed: 1)
    for provider in result.providerIds {
      for t in result.months.indices {
        let capacity = result.capacityHours[provider]![t]
        let parts =
          result.spotSoldHours[provider]![t] + result.ownUseHours[provider]![t]
          + result.contractHours[provider]![t] + result.idleHours[provider]![t]
        #expect(abs(parts - capacity) <= 1e-9 * capacity, "\(provider) \(result.months[t])")
      }
    }
    #expect(result.contractHours["neo"]![3] > 0)
    #expect(result.ownUseHours["cloud"]![3] > 0)
  }

  @Test func supplyShockRaisesPrice() throws {
    let base = try Engine.run(TestMarket.scenario(), seed: 1)
    let shock = Event(
      at: TestMarket.start.adding(months: 2),
      kind: .supplyMultiplier(target: .input("cowos"), factor: 0.3))
    let shocked = try Engine.run(TestMarket.scenario(events: [shock]), seed: 1)
    // Chips made in month 2 arrive in month 3 (lead time 1).
    let t = 5
    #expect(shocked.spotPrice["h100"]![t] > base.spotPrice["h100"]![t] * 1.01)
    #expect(shocked.spotPrice["h100"]![1] == base.spotPrice["h100"]![1])
  }

  @Test func demandShockRaisesPrice() throws {
    let base = try Engine.run(TestMarket.scenario(), seed: 1)
    let boom = Event(
      at: TestMarket.start, months: 3, kind: .demandMultiplier(buyer: nil, factor: 2))
    let result = try Engine.run(TestMarket.scenario(events: [boom]), seed: 1)
    #expect(result.spotPrice["h100"]![0] > 1.5 * base.spotPrice["h100"]![0])
    #expect(abs(result.spotPrice["h100"]![4] - base.spotPrice["h100"]![4]) < 1e-9)
  }

  @Test func cheapContractRaisesTheBuyersCompute() throws {
    let contract = Contract(
      id: "deal", buyer: "startup", provider: "neo", gpus: ["h100": 3_000],
      priceUSDPerGPUHour: 0.8, start: TestMarket.start, months: 12)
    let with = try Engine.run(TestMarket.scenario(contracts: [contract]), seed: 1)
    let without = try Engine.run(TestMarket.scenario(), seed: 1)
    #expect(with.metric("compute.startup.2024")! > without.metric("compute.startup.2024")!)
    #expect(with.metric("compute.lab.2024")! < without.metric("compute.lab.2024")!)
  }

  @Test func powerLimitsInstallation() throws {
    // Two sites of 20 MW at PUE 1.25: 32,000 kW of IT power, H100 at 1 kW and B200 at 1.4 kW.
    let result = try Engine.run(TestMarket.scenario(siteMW: 20), seed: 1)
    for t in result.months.indices {
      let kW = result.installedChips["h100"]![t] * 1.0 + result.installedChips["b200"]![t] * 1.4
      #expect(kW <= 32_000 * (1 + 1e-9) + 1e-6)
    }
    #expect(result.installedH100e["cloud"]!.last! > 15_000)
    #expect(result.waitingH100e["cloud"]!.last! > 0)
  }

  @Test func chipsArriveAfterLeadTimeAndLaunch() throws {
    let result = try Engine.run(TestMarket.scenario(), seed: 1)
    #expect(result.shipments["b200"]![5] == 0)
    #expect(result.shipments["b200"]![6] > 0)
    #expect(result.installedChips["b200"]![6] == 0)
    #expect(result.installedChips["b200"]![7] > 0)
    let delayed = try Engine.run(
      TestMarket.scenario(events: [
        Event(at: TestMarket.start, kind: .chipDelay(chip: "b200", months: 3))
      ]),
      seed: 1)
    #expect(delayed.shipments["b200"]![8] == 0)
    #expect(delayed.shipments["b200"]![9] > 0)
  }

  @Test func exportBanStopsDeliveriesAndCloudAccess() throws {
    var providers = TestMarket.scenario().providers
    providers[1].region = "china"
    let base = TestMarket.scenario()
    let scenario = Scenario(
      name: "ban", description: "Ban.", start: base.start, months: base.months, chips: base.chips,
      inputs: base.inputs, vendors: base.vendors, providers: providers, sites: base.sites,
      buyers: base.buyers + [
        Buyer(id: "cn-lab", region: "china", budgetUSDPerMonth: .constant(2e7))
      ],
      events: [
        Event(at: base.start, kind: .exportBan(region: "china", chips: ["b200"], cloud: true))
      ])
    let result = try Engine.run(scenario, seed: 1)
    let neoInstalled = result.installedH100e["neo"]!
    // neo (in china) never gets b200: its H100e can only grow by h100 deliveries.
    let b200Only = try Engine.run(base, seed: 1)
    #expect(neoInstalled.last! < b200Only.installedH100e["neo"]!.last!)
    #expect(result.compute["cn-lab"]!.allSatisfy { $0 > 0 })
  }

  @Test func priceCapHoldsPriceDown() throws {
    let base = try Engine.run(TestMarket.scenario(), seed: 1)
    let cap = base.spotPrice["h100"]![0] * 0.8
    let capped = try Engine.run(
      TestMarket.scenario(events: [
        Event(at: TestMarket.start, kind: .priceCap(chip: "h100", usdPerGPUHour: cap))
      ]),
      seed: 1)
    #expect(capped.spotPrice["h100"]![0] <= cap * (1 + 1e-12))
    #expect(
      abs(capped.compute["lab"]![0] - base.compute["lab"]![0]) < 1e-6 * base.compute["lab"]![0])
  }

  @Test func unknownReferenceIsReported() {
    let bad = Contract(
      id: "x", buyer: "nobody", provider: "neo", gpus: ["h100": 1], priceUSDPerGPUHour: 1,
      start: TestMarket.start, months: 1)
    #expect(throws: SimulationError.self) {
      try Engine.run(TestMarket.scenario(contracts: [bad]), seed: 1)
    }
  }
}

/// The monthly checks name the month, the entity and the numbers when something is off.
@Suite struct InvariantTests {
  func stateAfterOneMonth() throws -> EngineState {
    let compiled = try CompiledScenario(TestMarket.scenario())
    var state = EngineState(compiled, seed: 1)
    try state.playStep(Index(0))
    return state
  }

  @Test func overSoldProductIsReported() throws {
    var state = try stateAfterOneMonth()
    let (p, c) = state.flows.spotSupply.firstCell { $0 > 0 }!
    state.flows.spotSold[p, c] = state.flows.spotSupply[p, c] * 1.01
    #expect {
      try state.checkInvariants()
    } throws: { error in
      guard case .invariantViolated(let month, let entity, let detail) = error as? SimulationError
      else { return false }
      return month == "2024-01" && entity.contains("/h100") && detail.contains("exceed supply")
    }
  }

  @Test func priceBelowReserveIsReported() throws {
    var state = try stateAfterOneMonth()
    let (p, c) = state.flows.spotSupply.firstCell { $0 > 0 }!
    state.flows.spotPrice[p, c] = state.flows.reserve[p, c] / 2
    #expect(throws: SimulationError.self) { try state.checkInvariants() }
    state.flows.spotPrice[p, c] = .nan
    #expect(throws: SimulationError.self) { try state.checkInvariants() }
  }

  @Test func overspendingAndPowerAreReported() throws {
    var state = try stateAfterOneMonth()
    state.flows.buyerSpotSpend[Index(0)] = state.flows.buyerSpotBudget[Index(0)] * 1.1
    #expect {
      try state.checkInvariants()
    } throws: { error in
      (error as? SimulationError).map { "\($0)".contains("lab") && "\($0)".contains("budget") }
        ?? false
    }
    var powered = try stateAfterOneMonth()
    powered.installed[Index(0), Index(0)] += 1e6
    #expect {
      try powered.checkInvariants()
    } throws: { error in
      (error as? SimulationError).map { "\($0)".contains("cloud-dc") && "\($0)".contains("kW") }
        ?? false
    }
  }
}
