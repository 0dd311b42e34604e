import Foundation

/// A scenario turned into index-based arrays for the month loop: ids resolved once, generated
/// buyers drawn, dictionaries read in the scenario's order (never in hash order, so sums are
/// the same in every process).
struct CompiledScenario {
  let scenario: Scenario
  /// The first month of each step.
  let months: IndexedArray<Step, YearMonth>
  /// Months per step (flows per month are multiplied by it).
  let stepMonths: Int
  let chips: IndexedArray<Chip, Chip>
  /// `chips[c].h100e`, worked out once: H100-equivalents per chip.
  let chipH100e: IndexedArray<Chip, Double>
  /// `chips[c].kWPerChip`: IT power per chip, kW.
  let chipKW: IndexedArray<Chip, Double>
  /// `chips[c].h100e · chips[c].valueFactor`: what buyers value a GPU-hour of the chip at, in
  /// H100e-hours.
  let chipValue: IndexedArray<Chip, Double>
  /// Chips sorted by H100e per kW, best first (ties by index).
  let chipsByH100ePerKW: [Index<Chip>]
  let providers: IndexedArray<Provider, Provider>
  /// Scenario sites, then those added by `newSite` events (the first `ownSiteCount`), then with
  /// colocation one site per provider for its chips in other owners' sites.
  let sites: IndexedArray<Site, Site>
  /// Sites that are a provider's own: not colocation.
  let ownSiteCount: Int
  /// Each provider's colocation site (`nil` without colocation).
  let colocationSite: IndexedArray<Provider, Index<Site>?>
  /// Month from which a site counts (`newSite` events); `nil`: from the start.
  let siteFrom: IndexedArray<Site, YearMonth?>
  let siteProvider: IndexedArray<Site, Index<Provider>>
  /// Named buyers, then generated ones.
  let buyers: IndexedArray<Buyer, Buyer>
  /// Scenario contracts, then those added by `newContract` events.
  let contracts: IndexedArray<Contract, Contract>
  let contractBuyer: IndexedArray<Contract, Index<Buyer>>
  let contractProvider: IndexedArray<Contract, Index<Provider>>
  /// The site whose chips a contract reserves: its `site`, else its provider's only site;
  /// `nil` when the provider has several sites and the contract names none.
  let contractSite: IndexedArray<Contract, Index<Site>?>
  /// GPUs of each chip under each contract.
  let contractGPUs: Table<Contract, Chip, Double>
  let vendors: IndexedArray<Vendor, Vendor>
  let chipVendor: IndexedArray<Chip, Index<Vendor>>
  /// First month of each chip after delays.
  let chipLaunch: IndexedArray<Chip, YearMonth>
  let inputs: IndexedArray<SupplyInput, SupplyInput>
  /// `inputUse[c, k]`: units of input k per chip c.
  let inputUse: Table<Chip, SupplyInput, Double>
  let vendorCaptive: IndexedArray<Vendor, Index<Provider>?>
  /// The chips each provider's captive vendors make, in chip order.
  let captiveChips: IndexedArray<Provider, [Index<Chip>]>
  /// Priority weight of each provider with each vendor (`Vendor.priority`, default 1).
  let vendorPriority: IndexedArray<Vendor, IndexedArray<Provider, Double>>
  /// Every provider's own-use workloads, in provider then scenario order.
  let workloads: IndexedArray<Workload, Workload>
  let workloadProvider: IndexedArray<Workload, Index<Provider>>
  let workloadBuyer: IndexedArray<Workload, Index<Buyer>?>
  /// The workloads of each provider.
  let providerWorkloads: IndexedArray<Provider, [Index<Workload>]>
  /// Whether any buyer can rent from the provider (an affinity above 0); an owner nobody rents
  /// from has no outside bid.
  let providerRentable: IndexedArray<Provider, Bool>
  /// `affinity[buyer, provider]` (`Buyer.affinity(to:)`).
  let affinity: Table<Buyer, Provider, Double>
  let regions: IndexedArray<Region, String>
  let buyerRegion: IndexedArray<Buyer, Index<Region>>
  let providerRegion: IndexedArray<Provider, Index<Region>>
  /// Sites of each provider, in scenario order, then its colocation site.
  let providerSites: IndexedArray<Provider, [Index<Site>]>
  /// Sites each provider owns, in scenario order (no colocation site).
  let providerOwnSites: IndexedArray<Provider, [Index<Site>]>
  /// Chips each provider holds at the start, per chip.
  let initialChips: Table<Provider, Chip, Double>
  /// Number of buyers named in the file (generated ones follow them).
  let namedBuyerCount: Int
  /// For each generated buyer range: generator id and range of buyer indices.
  let generatedGroups: [(id: String, range: Range<Int>)]
  /// Every buyer's training campaigns that can be placed within the horizon, in buyer then
  /// scenario order.
  let campaigns: IndexedArray<TrainingCampaign, CampaignPlan>
  /// Grid IT power by site and month, and its sum over each provider's own sites.
  let gridPower: GridPowerTable

  var chipCount: Int { chips.count }
  var providerCount: Int { providers.count }

  /// A lead time in months as whole steps (rounded up).
  func leadSteps(_ chip: Index<Chip>) -> Int {
    (chips[chip].leadTimeMonths + stepMonths - 1) / stepMonths
  }

  init(_ scenario: Scenario) throws(SimulationError) {
    self.scenario = scenario
    guard scenario.months > 0 else { throw .invalidScenario("months must be > 0") }
    guard scenario.stepMonths >= 1, scenario.months % scenario.stepMonths == 0 else {
      throw .invalidScenario(
        "months (\(scenario.months)) must be a multiple of stepMonths (\(scenario.stepMonths))")
    }
    stepMonths = scenario.stepMonths
    months = IndexedArray(scenario.monthList)
    chips = IndexedArray(scenario.chips)
    chipH100e = IndexedArray(scenario.chips.map(\.h100e))
    chipKW = IndexedArray(scenario.chips.map(\.kWPerChip))
    chipValue = IndexedArray(scenario.chips.map { $0.h100e * $0.valueFactor })
    let (h100e, kW) = (chipH100e, chipKW)
    chipsByH100ePerKW = chips.indices.sorted {
      let a = h100e[$0] / kW[$0]
      let b = h100e[$1] / kW[$1]
      return a != b ? a > b : $0 < $1
    }
    inputs = IndexedArray(scenario.inputs)
    vendors = IndexedArray(scenario.vendors)
    providers = IndexedArray(scenario.providers)
    let chipIndex: [String: Index<Chip>] = try Self.index(chips.map(\.id), "chip")
    let inputIndex: [String: Index<SupplyInput>] = try Self.index(inputs.map(\.id), "input")
    let vendorIndex: [String: Index<Vendor>] = try Self.index(vendors.map(\.id), "vendor")
    let providerIndex: [String: Index<Provider>] = try Self.index(
      providers.map(\.id), "provider")

    func find<Entity>(_ map: [String: Index<Entity>], _ id: String, _ what: String, _ user: String)
      throws(SimulationError) -> Index<Entity>
    {
      guard let i = map[id] else {
        throw .invalidScenario("\(user) refers to unknown \(what) '\(id)'")
      }
      return i
    }

    var chipVendor: [Index<Vendor>] = []
    var launch = IndexedArray<Chip, YearMonth>()
    for chip in chips {
      chipVendor.append(try find(vendorIndex, chip.vendor, "vendor", "chip \(chip.id)"))
      for key in chip.inputUse.keys.sorted() {
        _ = try find(inputIndex, key, "input", "chip \(chip.id)")
      }
      launch.append(chip.available)
    }
    self.chipVendor = IndexedArray(chipVendor)
    let (chips, inputs) = (chips, inputs)
    inputUse = Table(rows: chips.count, columns: inputs.count) { c, k in
      chips[c].inputUse[inputs[k].id] ?? 0
    }

    var captive: [Index<Provider>?] = []
    var priority: [IndexedArray<Provider, Double>] = []
    for vendor in vendors {
      if let owner = vendor.captiveOwner {
        captive.append(try find(providerIndex, owner, "provider", "vendor \(vendor.id)"))
      } else {
        captive.append(nil)
      }
      for key in vendor.mix.keys.sorted() {
        _ = try find(chipIndex, key, "chip", "vendor \(vendor.id) mix")
      }
      for key in vendor.inputShare.keys.sorted() {
        _ = try find(inputIndex, key, "input", "vendor \(vendor.id)")
      }
      for key in vendor.priority.keys.sorted() {
        _ = try find(providerIndex, key, "provider", "vendor \(vendor.id) priority")
      }
      priority.append(IndexedArray(providers.map { vendor.priority[$0.id] ?? 1 }))
    }
    vendorCaptive = IndexedArray(captive)
    let chipOwner = IndexedArray<Chip, Index<Provider>?>(chipVendor.map { captive[$0.position] })
    captiveChips = IndexedArray(count: scenario.providers.count) { p in
      chipOwner.indices.filter { chipOwner[$0] == p }
    }
    vendorPriority = IndexedArray(priority)

    // Events that change the structure: new sites, new contracts, chip delays.
    var sites = scenario.sites
    var siteFrom: [YearMonth?] = Array(repeating: nil, count: sites.count)
    var contracts = scenario.contracts
    for event in scenario.events {
      switch event.kind {
      case .newSite(let site):
        sites.append(site)
        siteFrom.append(event.at)
      case .newContract(let contract):
        contracts.append(contract)
      case .chipDelay(let chip, let by):
        let c = try find(chipIndex, chip, "chip", "event chipDelay at \(event.at)")
        launch[c] = launch[c].adding(months: by)
      default:
        break
      }
    }
    for event in scenario.events {
      guard case .siteDelay(let id, let by) = event.kind else { continue }
      guard let s = sites.firstIndex(where: { $0.id == id }) else {
        throw .invalidScenario("event siteDelay at \(event.at) refers to unknown site '\(id)'")
      }
      sites[s].powerMW = sites[s].powerMW.shifted(months: by)
    }
    chipLaunch = launch
    let siteIndex: [String: Index<Site>] = try Self.index(sites.map(\.id), "site")
    var siteProvider: [Index<Provider>] = []
    var providerSites = IndexedArray<Provider, [Index<Site>]>(
      repeating: [], count: providers.count)
    for (s, site) in sites.enumerated() {
      let p = try find(providerIndex, site.provider, "provider", "site \(site.id)")
      siteProvider.append(p)
      providerSites[p].append(Index(s))
    }
    providerOwnSites = providerSites
    ownSiteCount = sites.count
    // Colocation: each provider's chips in others' sites, as one more site of no power of its
    // own (`EngineState.itPowerKW(site:)` adds the leases).
    var colocationSite = IndexedArray<Provider, Index<Site>?>(
      repeating: nil, count: providers.count)
    if scenario.market.colocation.isOn {
      for (p, provider) in providers.indexed() {
        let s = Index<Site>(sites.count)
        sites.append(
          Site(
            id: "\(provider.id) (colocated)", provider: provider.id, powerMW: .constant(0),
            pue: scenario.market.colocation.pue, interconnect: .fleet))
        siteFrom.append(nil)
        siteProvider.append(p)
        providerSites[p].append(s)
        colocationSite[p] = s
      }
    }
    self.colocationSite = colocationSite
    self.sites = IndexedArray(sites)
    self.siteFrom = IndexedArray(siteFrom)
    self.siteProvider = IndexedArray(siteProvider)
    self.providerSites = providerSites

    // Buyers: named, then generated.
    var buyers = scenario.buyers
    namedBuyerCount = buyers.count
    var groups: [(id: String, range: Range<Int>)] = []
    for generator in scenario.generators {
      let first = buyers.count
      buyers.append(contentsOf: Self.generate(generator, providers: scenario.providers))
      groups.append((generator.id, first..<buyers.count))
    }
    generatedGroups = groups
    self.buyers = IndexedArray(buyers)
    let buyerIndex: [String: Index<Buyer>] = try Self.index(buyers.map(\.id), "buyer")

    var regions: [String] = []
    var regionIndex: [String: Index<Region>] = [:]
    func region(_ name: String) -> Index<Region> {
      if let r = regionIndex[name] { return r }
      let r = Index<Region>(regions.count)
      regionIndex[name] = r
      regions.append(name)
      return r
    }
    providerRegion = IndexedArray(providers.map { region($0.region) })
    buyerRegion = IndexedArray(buyers.map { region($0.region) })
    for event in scenario.events {
      if case .exportBan(let name, _, _, _, _) = event.kind { _ = region(name) }
    }
    self.regions = IndexedArray(regions)

    var workloads: [Workload] = []
    var workloadProvider: [Index<Provider>] = []
    var workloadBuyer: [Index<Buyer>?] = []
    var providerWorkloads: [[Index<Workload>]] = []
    for (p, provider) in providers.enumerated() {
      var mine: [Index<Workload>] = []
      for w in provider.ownUseWorkloads {
        mine.append(Index(workloads.count))
        workloads.append(w)
        workloadProvider.append(Index(p))
        if let b = w.buyer {
          let key = provider.workloads.isEmpty ? "ownUseBuyer" : "workloads.\(w.id).buyer"
          workloadBuyer.append(try find(buyerIndex, b, "buyer", "provider \(provider.id) \(key)"))
        } else {
          workloadBuyer.append(nil)
        }
      }
      providerWorkloads.append(mine)
      for key in provider.initialChips.keys.sorted() {
        _ = try find(chipIndex, key, "chip", "provider \(provider.id) initialChips")
      }
    }
    self.workloads = IndexedArray(workloads)
    self.workloadProvider = IndexedArray(workloadProvider)
    self.workloadBuyer = IndexedArray(workloadBuyer)
    self.providerWorkloads = IndexedArray(providerWorkloads)
    let providers = self.providers
    initialChips = Table(rows: providers.count, columns: chips.count) { p, c in
      providers[p].initialChips[chips[c].id] ?? 0
    }

    for buyer in buyers[0..<namedBuyerCount] {
      for key in buyer.affinity.keys.sorted() {
        _ = try find(providerIndex, key, "provider", "buyer \(buyer.id) affinity")
      }
    }
    let allBuyers = self.buyers
    affinity = Table(rows: allBuyers.count, columns: providers.count) { b, p in
      allBuyers[b].affinity(to: providers[p].id)
    }
    let affinity = self.affinity
    providerRentable = IndexedArray(
      (0..<providers.count).map { p in
        affinity.rows.contains { affinity[$0, Index(p)] > 0 }
      })

    var contractBuyer: [Index<Buyer>] = []
    var contractProvider: [Index<Provider>] = []
    var contractSite: [Index<Site>?] = []
    for contract in contracts {
      contractBuyer.append(try find(buyerIndex, contract.buyer, "buyer", "contract \(contract.id)"))
      let p = try find(providerIndex, contract.provider, "provider", "contract \(contract.id)")
      contractProvider.append(p)
      if let site = contract.site {
        let s = try find(siteIndex, site, "site", "contract \(contract.id)")
        guard self.siteProvider[s] == p else {
          throw SimulationError.invalidScenario(
            "contract \(contract.id): site \(site) is not \(contract.provider)'s")
        }
        contractSite.append(s)
      } else {
        contractSite.append(providerOwnSites[p].count == 1 ? providerOwnSites[p][0] : nil)
      }
      for key in contract.gpus.keys.sorted() {
        _ = try find(chipIndex, key, "chip", "contract \(contract.id)")
      }
    }
    self.contracts = IndexedArray(contracts)
    self.contractBuyer = IndexedArray(contractBuyer)
    self.contractProvider = IndexedArray(contractProvider)
    self.contractSite = IndexedArray(contractSite)
    let allContracts = self.contracts
    contractGPUs = Table(rows: contracts.count, columns: chips.count) { k, c in
      allContracts[k].gpus[chips[c].id] ?? 0
    }

    for event in scenario.events {
      switch event.kind {
      case .supplyMultiplier(let target, _):
        try Self.check(target, chipIndex, inputIndex, vendorIndex, "event at \(event.at)")
      case .demandMultiplier(let buyer?, _):
        _ = try find(buyerIndex, buyer, "buyer", "event demandMultiplier at \(event.at)")
      case .exportBan(_, let list, _, _, _):
        for chip in list { _ = try find(chipIndex, chip, "chip", "event exportBan at \(event.at)") }
      case .priceCap(let chip, _):
        _ = try find(chipIndex, chip, "chip", "event priceCap at \(event.at)")
      default:
        break
      }
    }
    if let shock = scenario.randomness.supplyShock {
      try Self.check(shock.target, chipIndex, inputIndex, vendorIndex, "randomness.supplyShock")
    }
    campaigns = CampaignPlan.plans(
      self.buyers, months: self.months, stepMonths: stepMonths,
      training: scenario.market.training)
    gridPower = GridPowerTable(
      sites: self.sites, opening: self.siteFrom, providerOwnSites: providerOwnSites,
      from: self.months[Index(0)], months: scenario.months, marginMonths: 48)
  }

  private static func index<Entity>(_ ids: [String], _ what: String) throws(SimulationError)
    -> [String: Index<Entity>]
  {
    var map: [String: Index<Entity>] = [:]
    for (i, id) in ids.enumerated() {
      if map[id] != nil { throw .invalidScenario("\(what) id '\(id)' is used twice") }
      map[id] = Index(i)
    }
    return map
  }

  private static func check(
    _ target: SupplyTarget, _ chips: [String: Index<Chip>], _ inputs: [String: Index<SupplyInput>],
    _ vendors: [String: Index<Vendor>], _ user: String
  ) throws(SimulationError) {
    switch target {
    case .all: return
    case .chip(let id) where chips[id] == nil:
      throw .invalidScenario("\(user) refers to unknown chip '\(id)'")
    case .input(let id) where inputs[id] == nil:
      throw .invalidScenario("\(user) refers to unknown input '\(id)'")
    case .vendor(let id) where vendors[id] == nil:
      throw .invalidScenario("\(user) refers to unknown vendor '\(id)'")
    default: return
    }
  }

  /// Draws a generator's buyers from its own seed (see `BuyerGenerator`).
  static func generate(_ g: BuyerGenerator, providers: [Provider]) -> [Buyer] {
    guard g.count > 0 else { return [] }
    var rng = Xoshiro256(seed: g.seed, stream: "generator:\(g.id)")
    let regions = g.regionWeights.keys.sorted()
    let weights = regions.map { max(0, g.regionWeights[$0]!) }
    let totalWeight = weights.reduce(0, +)
    var sizes: [Double] = []
    var chosen: [String] = []
    var affinities: [[String: Double]] = []
    for _ in 0..<g.count {
      sizes.append(exp(g.budgetLogSigma * rng.normal()))
      var u = rng.uniform() * totalWeight
      var pick = regions.last ?? "us"
      for (r, w) in zip(regions, weights) {
        if u < w {
          pick = r
          break
        }
        u -= w
      }
      chosen.append(pick)
      var affinity: [String: Double] = [:]
      for provider in providers {
        let range = g.affinityOverrides[provider.id] ?? g.affinityRange
        affinity[provider.id] =
          range.lowerBound + rng.uniform() * (range.upperBound - range.lowerBound)
      }
      affinities.append(affinity)
    }
    let total = sizes.reduce(0, +)
    return (0..<g.count).map { k in
      let share = sizes[k] / total
      let path = DatedPath(g.totalBudgetUSDPerMonth.points.map { ($0.month, $0.value * share) })
      return Buyer(
        id: "\(g.id)-\(k + 1)", kind: "generated", region: chosen[k], budgetUSDPerMonth: path,
        affinity: affinities[k], defaultAffinity: 0, priceElasticity: g.priceElasticity,
        hedgeRatio: g.hedgeRatio, contractTenorMonths: g.contractTenorMonths)
    }
  }
}
