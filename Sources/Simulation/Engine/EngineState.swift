import MarketClearing

/// Everything that changes during a run. Arrays are indexed `[provider * chipCount + chip]`,
/// `[site * chipCount + chip]` and so on; one instance per run, no shared mutable state.
struct EngineState {
  let compiled: CompiledScenario
  let schedule: EventSchedule
  let seed: UInt64
  var demandNoise: Xoshiro256

  /// The month being played (index into `compiled.months`).
  var t = 0
  var month: YearMonth { compiled.months[t] }
  var nC: Int { compiled.chipCount }
  var nP: Int { compiled.providerCount }
  var nB: Int { compiled.buyers.count }

  // Stocks.
  /// Chips made but not yet allocated, per chip.
  var vendorStock: [Double]
  /// `arrivals[t][p * nC + c]`: chips that reach provider p in month t.
  var arrivals: [[Double]]
  /// Chips at a provider waiting for power.
  var inventory: [Double]
  /// Installed chips per site.
  var installed: [Double]

  // This month's flows.
  var produced: [Double]
  var shipped: [Double]
  var vendorRevenue: [Double]
  var capexSpent: [Double]
  /// Merchant (not captive) chips shipped to each provider this month.
  var merchantBought: [Double]
  var capacityHours: [Double]
  var contractHours: [Double]
  var ownHours: [Double]
  var spotSupply: [Double]
  var spotSold: [Double]
  var spotPrice: [Double]
  /// Each product's last clearing price (0 until it first clears): the next month's start.
  var warmStartPrice: [Double]
  var reserve: [Double]
  /// Delivered GPU-hours per active contract this month.
  var contractDelivered: [[Double]]
  var buyerBudget: [Double]
  var buyerSpend: [Double]
  var buyerSpotBudget: [Double]
  var buyerSpotSpend: [Double]
  var buyerCompute: [Double]
  var clearingIterations = 0
  var clearingError = 0.0
  var spotProductCount = 0
  var lastMarket: (market: Market, equilibrium: Equilibrium, products: [Int], buyers: [Int])?

  var recorder: Recorder

  init(_ compiled: CompiledScenario, seed: UInt64) {
    self.compiled = compiled
    self.seed = seed
    schedule = EventSchedule(compiled, seed: seed)
    demandNoise = Xoshiro256(seed: seed, stream: "demand-noise")
    let nC = compiled.chipCount
    let nP = compiled.providerCount
    let nB = compiled.buyers.count
    let maxLead = compiled.chips.indices.map { compiled.leadSteps($0) }.max() ?? 0
    vendorStock = Array(repeating: 0, count: nC)
    arrivals = Array(
      repeating: Array(repeating: 0, count: nP * nC), count: compiled.months.count + maxLead + 1)
    inventory = Array(repeating: 0, count: nP * nC)
    for p in 0..<nP {
      for c in 0..<nC { inventory[p * nC + c] = compiled.initialChips[p][c] }
    }
    installed = Array(repeating: 0, count: compiled.sites.count * nC)
    produced = Array(repeating: 0, count: nC)
    shipped = produced
    vendorRevenue = Array(repeating: 0, count: compiled.vendors.count)
    capexSpent = Array(repeating: 0, count: nP)
    merchantBought = capexSpent
    capacityHours = Array(repeating: 0, count: nP * nC)
    contractHours = capacityHours
    ownHours = capacityHours
    spotSupply = capacityHours
    spotSold = capacityHours
    spotPrice = capacityHours
    warmStartPrice = capacityHours
    reserve = capacityHours
    contractDelivered = compiled.contracts.map { _ in Array(repeating: 0, count: nC) }
    buyerBudget = Array(repeating: 0, count: nB)
    buyerSpend = buyerBudget
    buyerSpotBudget = buyerBudget
    buyerSpotSpend = buyerBudget
    buyerCompute = buyerBudget
    recorder = Recorder(compiled)
  }

  /// Resets this month's flows.
  mutating func beginMonth(_ index: Int) {
    t = index
    for i in produced.indices {
      produced[i] = 0
      shipped[i] = 0
    }
    for i in vendorRevenue.indices { vendorRevenue[i] = 0 }
    for i in capexSpent.indices {
      capexSpent[i] = 0
      merchantBought[i] = 0
    }
    for i in capacityHours.indices {
      capacityHours[i] = 0
      contractHours[i] = 0
      ownHours[i] = 0
      spotSupply[i] = 0
      spotSold[i] = 0
      spotPrice[i] = 0
      reserve[i] = 0
    }
    for k in contractDelivered.indices {
      for c in 0..<nC { contractDelivered[k][c] = 0 }
    }
    for i in buyerBudget.indices {
      buyerBudget[i] = 0
      buyerSpend[i] = 0
      buyerSpotBudget[i] = 0
      buyerSpotSpend[i] = 0
      buyerCompute[i] = 0
    }
    clearingIterations = 0
    clearingError = 0
    spotProductCount = 0
    lastMarket = nil
  }

  /// Whether chip `c` can be shipped this month.
  func isLaunched(_ c: Int) -> Bool { compiled.chipLaunch[c] <= month }

  /// Power available at site `s` this month, kW of IT load (grid MW · 1000 / PUE).
  func itPowerKW(site s: Int) -> Double {
    let site = compiled.sites[s]
    if let from = compiled.siteFrom[s], month < from { return 0 }
    return max(0, site.powerMW.value(at: month)) * 1000 / site.pue
  }

  /// IT power drawn by installed chips at site `s`, kW.
  func usedPowerKW(site s: Int) -> Double {
    var used = 0.0
    for c in 0..<nC { used += installed[s * nC + c] * compiled.chips[c].kWPerChip }
    return used
  }
}
