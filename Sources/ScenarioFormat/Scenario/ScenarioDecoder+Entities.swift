import Simulation

/// One reader per entity; the allowed keys of each come from `ScenarioFields`.
extension ScenarioDecoder {
  public static let inputKeys = ScenarioFields.input.names
  public static let chipKeys = ScenarioFields.chip.names
  public static let vendorKeys = ScenarioFields.vendor.names
  public static let providerKeys = ScenarioFields.provider.names
  public static let siteKeys = ScenarioFields.site.names
  public static let buyerKeys = ScenarioFields.buyer.names
  public static let contractKeys = ScenarioFields.contract.names
  public static let generatorKeys = ScenarioFields.generator.names

  func input(_ id: String, _ node: DocumentNode) -> SupplyInput? {
    guard let map = node.mapping(log, allowedKeys: Self.inputKeys) else { return nil }
    guard let units = map.required("unitsPerMonth").flatMap({ path($0) }) else { return nil }
    return SupplyInput(id: id, unitsPerMonth: units)
  }

  func chip(_ id: String, _ node: DocumentNode) -> Chip? {
    guard let map = node.mapping(log, allowedKeys: Self.chipKeys) else { return nil }
    let vendor = map.required("vendor")?.string(log)
    let tflops = map.required("tflopsBF16")?.number(log, .positive)
    let hbm = map.optional("hbmGB")?.number(log, .nonNegative) ?? 0
    let tdp = map.optional("tdpW")?.number(log, .nonNegative) ?? 0
    let kW = map.required("kWPerChip")?.number(log, .positive)
    let price = map.required("priceUSD")?.number(log, .positive)
    let available = map.required("available").flatMap(month)
    let lead = map.optional("leadTimeMonths")?.integer(log, min: 0, max: 60) ?? 0
    let use = map.optional("inputUse").flatMap { numbers($0, .nonNegative) } ?? [:]
    let valueFactor = map.optional("valueFactor")?.number(log, .range(0...10)) ?? 1
    let capital = map.optional("systemCapitalUSD")?.number(log, .positive)
    guard let vendor, let tflops, let kW, let price, let available else { return nil }
    return Chip(
      id: id, vendor: vendor, tflopsBF16: tflops, hbmGB: hbm, tdpW: tdp, kWPerChip: kW,
      priceUSD: price, available: available, leadTimeMonths: lead, inputUse: use,
      valueFactor: valueFactor, systemCapitalUSD: capital)
  }

  func vendor(_ id: String, _ node: DocumentNode) -> Vendor? {
    guard let map = node.mapping(log, allowedKeys: Self.vendorKeys) else { return nil }
    let shares = map.optional("inputShare").flatMap { paths($0, .fraction) } ?? [:]
    let units = map.optional("unitsPerMonth").flatMap { path($0) }
    let mix = map.required("mix").flatMap { paths($0) }
    let captive = map.optional("captiveOwner")?.string(log)
    let policy =
      map.optional("allocation")?.choice(log, among: AllocationPolicy.allCases.map(\.rawValue))
      .flatMap(AllocationPolicy.init(rawValue:)) ?? .proRata
    let priority = map.optional("priority").flatMap { numbers($0, .nonNegative) } ?? [:]
    if map.optional("inputShare") == nil && map.optional("unitsPerMonth") == nil {
      log.error(
        "a vendor needs inputShare or unitsPerMonth to limit its output", at: node,
        hint: "add unitsPerMonth: { YYYY-MM: chips }")
    }
    guard let mix else { return nil }
    return Vendor(
      id: id, inputShare: shares, unitsPerMonth: units, mix: mix, captiveOwner: captive,
      allocation: policy, priority: priority)
  }

  func provider(_ id: String, _ node: DocumentNode) -> Provider? {
    guard let map = node.mapping(log, allowedKeys: Self.providerKeys) else { return nil }
    let kind = map.required("kind")?.choice(log, among: ProviderKind.allCases.map(\.rawValue))
      .flatMap(ProviderKind.init(rawValue:))
    var provider = Provider(id: id, kind: kind ?? .other)
    if let x = map.optional("region")?.string(log) { provider.region = x }
    if let x = map.optional("capexUSDPerMonth").flatMap({ path($0) }) {
      provider.capexUSDPerMonth = x
    }
    if let x = map.optional("ownUse").flatMap({ path($0, .fraction) }) { provider.ownUse = x }
    provider.ownUseBuyer = map.optional("ownUseBuyer")?.string(log)
    if let x = map.optional("initialChips").flatMap({ numbers($0) }) { provider.initialChips = x }
    if let x = map.optional("powerUSDPerKWh")?.number(log, .range(0...10)) {
      provider.powerUSDPerKWh = x
    }
    if let x = map.optional("opsUSDPerGPUHour")?.number(log, .range(0...100)) {
      provider.opsUSDPerGPUHour = x
    }
    return kind == nil ? nil : provider
  }

  func site(_ id: String, _ node: DocumentNode) -> Site? {
    guard let map = node.mapping(log, allowedKeys: Self.siteKeys) else { return nil }
    let provider = map.required("provider")?.string(log)
    let power = map.required("powerMW").flatMap { path($0) }
    let pueField = ScenarioFields.site.field("pue")
    let pue = map.number(pueField, log) ?? pueField.defaultNumber!
    guard let provider, let power else { return nil }
    return Site(id: id, provider: provider, powerMW: power, pue: pue)
  }

  func buyer(_ id: String, _ node: DocumentNode) -> Buyer? {
    guard let map = node.mapping(log, allowedKeys: Self.buyerKeys) else { return nil }
    let kind = map.optional("kind")?.string(log) ?? "lab"
    let region = map.optional("region")?.string(log) ?? "us"
    let budget = map.required("budgetUSDPerMonth").flatMap { path($0) }
    let affinityRule = ScenarioFields.buyer.field("affinity").numberRule!
    let affinity = map.optional("affinity").flatMap { numbers($0, affinityRule) } ?? [:]
    let fallback = map.optional("defaultAffinity")?.number(log, .range(0...100)) ?? 1
    let elasticity = map.optional("priceElasticity")?.number(log, .range(0...5)) ?? 1
    let hedge = map.optional("hedgeRatio")?.number(log, .fraction) ?? 0
    let tenor = map.optional("contractTenorMonths")?.integer(log, min: 1, max: 120) ?? 12
    guard let budget else { return nil }
    return Buyer(
      id: id, kind: kind, region: region, budgetUSDPerMonth: budget, affinity: affinity,
      defaultAffinity: fallback, priceElasticity: elasticity, hedgeRatio: hedge,
      contractTenorMonths: tenor)
  }

  func contract(_ id: String, _ node: DocumentNode) -> Contract? {
    guard let map = node.mapping(log, allowedKeys: Self.contractKeys) else { return nil }
    let buyer = map.required("buyer")?.string(log)
    let provider = map.required("provider")?.string(log)
    let gpus = map.required("gpus").flatMap { numbers($0) }
    let price = map.required("priceUSDPerGPUHour")?.number(log, .nonNegative)
    let start = map.required("start").flatMap(month)
    let months = map.required("months")?.integer(log, min: 1)
    guard let buyer, let provider, let gpus, let price, let start, let months else { return nil }
    return Contract(
      id: id, buyer: buyer, provider: provider, gpus: gpus, priceUSDPerGPUHour: price,
      start: start, months: months)
  }

  func generator(_ id: String, _ node: DocumentNode) -> BuyerGenerator? {
    guard let map = node.mapping(log, allowedKeys: Self.generatorKeys) else { return nil }
    let count = map.required("count")?.integer(log, min: 0, max: 1_000_000)
    let seed = map.optional("seed")?.integer(log, min: 0).map(UInt64.init) ?? 1
    let total = map.required("totalBudgetUSDPerMonth").flatMap { path($0) }
    let sigmaField = ScenarioFields.generator.field("budgetLogSigma")
    let sigma = map.number(sigmaField, log) ?? sigmaField.defaultNumber!
    let regions = map.optional("regionWeights").flatMap { numbers($0) } ?? ["us": 1]
    let range = map.optional("affinity").flatMap { factorRange($0) } ?? 0.8...1.2
    var overrides: [String: ClosedRange<Double>] = [:]
    for entry in map.optional("affinityOverrides")?.entries(log) ?? [] {
      if let r = factorRange(entry.node) { overrides[entry.key] = r }
    }
    if regions.values.reduce(0, +) <= 0, let node = map.optional("regionWeights") {
      log.error("expected at least one region weight > 0", at: node)
    }
    guard let count, let total else { return nil }
    return BuyerGenerator(
      id: id, count: count, seed: seed, totalBudgetUSDPerMonth: total, budgetLogSigma: sigma,
      regionWeights: regions, affinityRange: range, affinityOverrides: overrides)
  }
}
