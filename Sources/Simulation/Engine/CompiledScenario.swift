import Foundation

/// A scenario turned into index-based arrays for the month loop: ids resolved once, generated
/// buyers drawn, dictionaries read in the scenario's order (never in hash order, so sums are
/// the same in every process).
struct CompiledScenario {
  let scenario: Scenario
  /// The first month of each step.
  let months: [YearMonth]
  /// Months per step (flows per month are multiplied by it).
  let stepMonths: Int
  let chips: [Chip]
  let providers: [Provider]
  let sites: [Site]
  /// Month from which a site counts (`newSite` events); `nil`: from the start.
  let siteFrom: [YearMonth?]
  let siteProvider: [Int]
  let buyers: [Buyer]
  let contracts: [Contract]
  let contractBuyer: [Int]
  let contractProvider: [Int]
  /// GPUs per chip index for each contract.
  let contractGPUs: [[Double]]
  let vendors: [Vendor]
  let chipVendor: [Int]
  /// First month of each chip after delays.
  let chipLaunch: [YearMonth]
  let inputs: [SupplyInput]
  /// `inputUse[c][k]`: units of input k per chip c.
  let inputUse: [[Double]]
  let vendorCaptive: [Int?]
  /// Priority weight `vendorPriority[v][p]`.
  let vendorPriority: [[Double]]
  let ownUseBuyer: [Int?]
  /// Row-major buyers x providers.
  let affinity: [Double]
  let regions: [String]
  let buyerRegion: [Int]
  let providerRegion: [Int]
  /// Sites of each provider, in scenario order.
  let providerSites: [[Int]]
  let initialChips: [[Double]]
  /// Index of the first generated buyer (buyers before it are named in the file).
  let namedBuyerCount: Int
  /// For each generated buyer range: generator id and range of buyer indices.
  let generatedGroups: [(id: String, range: Range<Int>)]

  var chipCount: Int { chips.count }

  /// A lead time in months as whole steps (rounded up).
  func leadSteps(_ chip: Int) -> Int {
    (chips[chip].leadTimeMonths + stepMonths - 1) / stepMonths
  }
  var providerCount: Int { providers.count }

  init(_ scenario: Scenario) throws(SimulationError) {
    self.scenario = scenario
    guard scenario.months > 0 else { throw .invalidScenario("months must be > 0") }
    guard scenario.stepMonths >= 1, scenario.months % scenario.stepMonths == 0 else {
      throw .invalidScenario(
        "months (\(scenario.months)) must be a multiple of stepMonths (\(scenario.stepMonths))")
    }
    stepMonths = scenario.stepMonths
    months = scenario.monthList
    chips = scenario.chips
    inputs = scenario.inputs
    vendors = scenario.vendors
    providers = scenario.providers
    let chipIndex = try Self.index(chips.map(\.id), "chip")
    let inputIndex = try Self.index(inputs.map(\.id), "input")
    let vendorIndex = try Self.index(vendors.map(\.id), "vendor")
    let providerIndex = try Self.index(providers.map(\.id), "provider")

    func find(_ map: [String: Int], _ id: String, _ what: String, _ user: String)
      throws(SimulationError) -> Int
    {
      guard let i = map[id] else {
        throw .invalidScenario("\(user) refers to unknown \(what) '\(id)'")
      }
      return i
    }

    var chipVendor: [Int] = []
    var inputUse: [[Double]] = []
    var launch: [YearMonth] = []
    for chip in chips {
      chipVendor.append(try find(vendorIndex, chip.vendor, "vendor", "chip \(chip.id)"))
      for key in chip.inputUse.keys.sorted() {
        _ = try find(inputIndex, key, "input", "chip \(chip.id)")
      }
      inputUse.append(inputs.map { chip.inputUse[$0.id] ?? 0 })
      launch.append(chip.available)
    }
    self.chipVendor = chipVendor
    self.inputUse = inputUse

    var captive: [Int?] = []
    var priority: [[Double]] = []
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
      priority.append(providers.map { vendor.priority[$0.id] ?? 1 })
    }
    vendorCaptive = captive
    vendorPriority = priority

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
    chipLaunch = launch
    self.sites = sites
    self.siteFrom = siteFrom
    _ = try Self.index(sites.map(\.id), "site")
    var siteProvider: [Int] = []
    var providerSites = Array(repeating: [Int](), count: providers.count)
    for (s, site) in sites.enumerated() {
      let p = try find(providerIndex, site.provider, "provider", "site \(site.id)")
      siteProvider.append(p)
      providerSites[p].append(s)
    }
    self.siteProvider = siteProvider
    self.providerSites = providerSites

    // Buyers: named, then generated.
    var buyers = scenario.buyers
    namedBuyerCount = buyers.count
    var groups: [(id: String, range: Range<Int>)] = []
    for generator in scenario.generators {
      let first = buyers.count
      buyers.append(contentsOf: Self.generate(generator, providers: providers))
      groups.append((generator.id, first..<buyers.count))
    }
    generatedGroups = groups
    self.buyers = buyers
    let buyerIndex = try Self.index(buyers.map(\.id), "buyer")

    var regions: [String] = []
    var regionIndex: [String: Int] = [:]
    func region(_ name: String) -> Int {
      if let r = regionIndex[name] { return r }
      regionIndex[name] = regions.count
      regions.append(name)
      return regions.count - 1
    }
    providerRegion = providers.map { region($0.region) }
    buyerRegion = buyers.map { region($0.region) }
    for event in scenario.events {
      if case .exportBan(let name, _, _) = event.kind { _ = region(name) }
    }
    self.regions = regions

    var ownUseBuyer: [Int?] = []
    var initial: [[Double]] = []
    for provider in providers {
      if let b = provider.ownUseBuyer {
        ownUseBuyer.append(try find(buyerIndex, b, "buyer", "provider \(provider.id) ownUseBuyer"))
      } else {
        ownUseBuyer.append(nil)
      }
      for key in provider.initialChips.keys.sorted() {
        _ = try find(chipIndex, key, "chip", "provider \(provider.id) initialChips")
      }
      initial.append(chips.map { provider.initialChips[$0.id] ?? 0 })
    }
    self.ownUseBuyer = ownUseBuyer
    initialChips = initial

    for buyer in buyers[0..<namedBuyerCount] {
      for key in buyer.affinity.keys.sorted() {
        _ = try find(providerIndex, key, "provider", "buyer \(buyer.id) affinity")
      }
    }
    var affinity = [Double](repeating: 0, count: buyers.count * providers.count)
    for (b, buyer) in buyers.enumerated() {
      for (p, provider) in providers.enumerated() {
        affinity[b * providers.count + p] = buyer.affinity(to: provider.id)
      }
    }
    self.affinity = affinity

    var contractBuyer: [Int] = []
    var contractProvider: [Int] = []
    var contractGPUs: [[Double]] = []
    for contract in contracts {
      contractBuyer.append(try find(buyerIndex, contract.buyer, "buyer", "contract \(contract.id)"))
      contractProvider.append(
        try find(providerIndex, contract.provider, "provider", "contract \(contract.id)"))
      for key in contract.gpus.keys.sorted() {
        _ = try find(chipIndex, key, "chip", "contract \(contract.id)")
      }
      contractGPUs.append(chips.map { contract.gpus[$0.id] ?? 0 })
    }
    self.contracts = contracts
    self.contractBuyer = contractBuyer
    self.contractProvider = contractProvider
    self.contractGPUs = contractGPUs

    for event in scenario.events {
      switch event.kind {
      case .supplyMultiplier(let target, _):
        try Self.check(target, chipIndex, inputIndex, vendorIndex, "event at \(event.at)")
      case .demandMultiplier(let buyer?, _):
        _ = try find(buyerIndex, buyer, "buyer", "event demandMultiplier at \(event.at)")
      case .exportBan(_, let list, _):
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
  }

  private static func index(_ ids: [String], _ what: String) throws(SimulationError) -> [String:
    Int]
  {
    var map: [String: Int] = [:]
    for (i, id) in ids.enumerated() {
      if map[id] != nil { throw .invalidScenario("\(what) id '\(id)' is used twice") }
      map[id] = i
    }
    return map
  }

  private static func check(
    _ target: SupplyTarget, _ chips: [String: Int], _ inputs: [String: Int],
    _ vendors: [String: Int], _ user: String
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
        affinity: affinities[k], defaultAffinity: 0)
    }
  }
}
