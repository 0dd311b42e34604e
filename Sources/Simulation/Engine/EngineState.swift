import MarketClearing

/// Everything that changes during a run: the stocks, this step's flows and the recorded series.
/// One instance per run, no shared mutable state. A class, so that the phases' helpers read the
/// state in place (a struct this large, about 4 KB, was copied into each helper's call, its
/// hundred arrays retained); its stored properties are checked for exclusive access at compile
/// time only, the run being one thread's.
final class EngineState {
  let compiled: CompiledScenario
  let schedule: EventSchedule
  let seed: UInt64
  @exclusivity(unchecked) var demandNoise: Xoshiro256

  /// The step being played.
  @exclusivity(unchecked) var t = Index<Step>(0)
  var month: YearMonth { compiled.months[t] }
  var chips: Range<Index<Chip>> { compiled.chips.indices }
  var providers: Range<Index<Provider>> { compiled.providers.indices }
  var buyers: Range<Index<Buyer>> { compiled.buyers.indices }

  // Stocks.
  /// Chips made but not yet allocated.
  @exclusivity(unchecked) var vendorStock: IndexedArray<Chip, Double>
  /// `arrivals[t][p, c]`: chips that reach provider p in step t.
  @exclusivity(unchecked) var arrivals: IndexedArray<Step, Table<Provider, Chip, Double>>
  /// The longest delivery time of any chip, steps (`CompiledScenario.leadSteps`).
  let maxLeadSteps: Int
  /// Chips at a provider waiting for power.
  @exclusivity(unchecked) var inventory: Table<Provider, Chip, Double>
  /// Installed chips per site.
  @exclusivity(unchecked) var installed: Table<Site, Chip, Double>
  /// Mean delivery month (`YearMonth.index`) of the installed chips and of those waiting: a
  /// site's chips of one model share one vintage, the mean of theirs.
  @exclusivity(unchecked) var installedVintage: Table<Site, Chip, Double>
  @exclusivity(unchecked) var inventoryVintage: Table<Provider, Chip, Double>
  /// Retired chips offered on the used market, and their mean vintage.
  @exclusivity(unchecked) var usedStock: IndexedArray<Chip, Double>
  @exclusivity(unchecked) var usedVintage: IndexedArray<Chip, Double>
  /// The used market's present-value rule.
  let usedValue: UsedChipValue

  /// This step's flows (reset by `beginStep`).
  @exclusivity(unchecked) var flows: MonthFlows
  /// Each product's last clearing price (0 until it first clears): the next month's start.
  @exclusivity(unchecked) var warmStartPrice: Table<Provider, Chip, Double>
  private let noFlows: MonthFlows

  @exclusivity(unchecked) var recorder: Recorder
  /// The term-contract market: the book, the posted curve, last prices.
  @exclusivity(unchecked) var contractMarket: ContractMarketState
  /// The vendors' order book, quoted lead times and prices.
  @exclusivity(unchecked) var orderBook: OrderBook
  /// Colocation leases in force.
  @exclusivity(unchecked) var colocation = ColocationBook()
  /// On-site plants built and under construction.
  @exclusivity(unchecked) var onSite = OnSiteGenerationBook()
  /// Training campaigns and the blocks placed for them.
  @exclusivity(unchecked) var campaignBook: CampaignBook

  init(_ compiled: CompiledScenario, seed: UInt64) {
    self.compiled = compiled
    self.seed = seed
    schedule = EventSchedule(compiled, seed: seed)
    demandNoise = Xoshiro256(seed: seed, stream: "demand-noise")
    let nC = compiled.chipCount
    let nP = compiled.providerCount
    let maxLead = compiled.chips.indices.map { compiled.leadSteps($0) }.max() ?? 0
    maxLeadSteps = maxLead
    vendorStock = IndexedArray(repeating: 0, count: nC)
    arrivals = IndexedArray(
      repeating: Table(rows: nP, columns: nC, repeating: 0),
      count: compiled.months.count + maxLead + 1)
    inventory = compiled.initialChips
    installed = Table(rows: compiled.sites.count, columns: nC, repeating: 0)
    installedVintage = installed
    let start = Double(compiled.months[Index<Step>(0)].index)
    inventoryVintage = Table(rows: nP, columns: nC) { _, c in
      // Chips held at the start: bought evenly since launch, so half-way from launch to start.
      (min(Double(compiled.chipLaunch[c].index), start) + start) / 2
    }
    usedStock = IndexedArray(repeating: 0, count: nC)
    usedVintage = usedStock
    let market = compiled.scenario.market
    usedValue = UsedChipValue(
      costOfCapital: market.contracts.costOfCapital,
      failurePerYear: market.fleet.failurePerYear,
      priceDeclinePerYear: market.fleet.priceDeclinePerYear,
      meanReversionPerMonth: market.contracts.meanReversionPerMonth,
      hoursPerMonth: market.hoursPerMonth * market.availability)
    warmStartPrice = Table(rows: nP, columns: nC, repeating: 0)
    noFlows = MonthFlows(compiled)
    flows = noFlows
    recorder = Recorder(compiled)
    contractMarket = ContractMarketState(compiled)
    orderBook = OrderBook(compiled)
    campaignBook = CampaignBook(count: compiled.campaigns.count)
  }

  /// Plays step `index`: the phases in `Engine`'s order, the monthly checks, the record.
  func playStep(_ index: Index<Step>) throws(SimulationError) {
    beginStep(index)
    produce()
    allocateChips()
    failInstalledChips()
    install()
    retireForBetterChips()
    leaseColocation()
    buildOnSiteGeneration()
    sellUsedChips()
    splitCapacity()
    drawCash()
    signContracts()
    try clearSpot()
    settleResales()
    takeBackOwnUseSlack()
    try checkInvariants()
    record()
  }

  /// Starts step `index` with empty flows.
  func beginStep(_ index: Index<Step>) {
    t = index
    flows = noFlows
  }

  /// Whether chip `c` can be shipped this month.
  func isLaunched(_ c: Index<Chip>) -> Bool { compiled.chipLaunch[c] <= month }

  /// Power available at site `s` this month, kW of IT load: grid MW · 1000 / PUE plus its
  /// running on-site plants, less the leases out of it; a colocation site has the leases its
  /// provider holds.
  func itPowerKW(site s: Index<Site>) -> Double {
    var own = compiled.gridPower.kW(site: s, at: month)
    if !onSite.isEmpty { own += onSite.itKW(site: s, at: month) }
    guard !colocation.isEmpty else { return own }
    if s.position >= compiled.ownSiteCount {
      return colocation.leasedInKW(compiled.siteProvider[s], at: month)
    }
    return max(0, own - colocation.leasedOutKW(site: s, at: month))
  }

  /// Steps from `first` whose arrivals may be non-zero: chips shipped up to this step arrive at
  /// most `maxLeadSteps` later, so later entries of `arrivals` are still zero.
  func stepsWithArrivals(from first: Index<Step>) -> Range<Index<Step>> {
    let end = Index<Step>(min(arrivals.count, t.position + maxLeadSteps + 1))
    return first < end ? first..<end : end..<end
  }

  /// The current month as a vintage (`YearMonth.index`).
  var monthIndex: Double { Double(month.index) }

  /// IT power drawn by installed chips at site `s`, kW.
  func usedPowerKW(site s: Index<Site>) -> Double {
    var used = 0.0
    for c in chips { used += installed[s, c] * compiled.chipKW[c] }
    return used
  }
}
