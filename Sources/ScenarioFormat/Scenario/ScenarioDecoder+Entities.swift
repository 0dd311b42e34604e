import LocatedYAML
import Simulation

/// One reader per entity; the allowed keys of each come from `ScenarioFields`.
extension ScenarioDecoder {
  public static let inputKeys = ScenarioFields.input.names
  public static let chipKeys = ScenarioFields.chip.names
  public static let vendorKeys = ScenarioFields.vendor.names
  public static let providerKeys = ScenarioFields.provider.names
  public static let workloadKeys = ScenarioFields.workload.names
  public static let siteKeys = ScenarioFields.site.names
  public static let buyerKeys = ScenarioFields.buyer.names
  public static let contractKeys = ScenarioFields.contract.names
  public static let generatorKeys = ScenarioFields.generator.names

  func input(_ id: String, _ node: DocumentNode) -> SupplyInput? {
    guard let map = node.mapping(log, allowedKeys: Self.inputKeys) else { return nil }
    guard
      let units = map.required("unitsPerMonth").flatMap({
        path($0, rule(ScenarioFields.input, "unitsPerMonth"))
      })
    else { return nil }
    return SupplyInput(id: id, unitsPerMonth: units)
  }

  func chip(_ id: String, _ node: DocumentNode) -> Chip? {
    guard let map = node.mapping(log, allowedKeys: Self.chipKeys) else { return nil }
    let vendor = map.required("vendor")?.string(log)
    let fields = ScenarioFields.chip
    let tflops = map.number(fields.field("tflopsBF16"), log)
    let hbm = map.number(defaulted: fields.field("hbmGB"), log)
    let tdp = map.number(defaulted: fields.field("tdpW"), log)
    let kW = map.number(fields.field("kWPerChip"), log)
    let price = map.number(fields.field("priceUSD"), log)
    let available = map.required("available").flatMap(month)
    let lead = map.integer(defaulted: fields.field("leadTimeMonths"), log)
    let use =
      map.optional("inputUse").flatMap { numbers($0, fields.field("inputUse").numberRule!) }
      ?? [:]
    let valueFactor = map.number(defaulted: fields.field("valueFactor"), log)
    let capital = map.number(fields.field("systemCapitalUSD"), log)
    let markets = map.optional("markets").map { node in
      (node.sequence(log) ?? []).compactMap { $0.string(log) }
    }
    if let markets, markets.isEmpty, let node = map.optional("markets") {
      log.error("markets lists no region", at: node, hint: "name a region, or leave the key out")
    }
    guard let vendor, let tflops, let kW, let price, let available else { return nil }
    return Chip(
      id: id, vendor: vendor, tflopsBF16: tflops, hbmGB: hbm, tdpW: tdp, kWPerChip: kW,
      priceUSD: price, available: available, leadTimeMonths: lead, inputUse: use,
      valueFactor: valueFactor, systemCapitalUSD: capital, markets: markets)
  }

  func vendor(_ id: String, _ node: DocumentNode) -> Vendor? {
    guard let map = node.mapping(log, allowedKeys: Self.vendorKeys) else { return nil }
    let fields = ScenarioFields.vendor
    let shares =
      map.optional("inputShare").flatMap { paths($0, fields.field("inputShare").numberRule!) }
      ?? [:]
    let units = map.optional("unitsPerMonth").flatMap { path($0, rule(fields, "unitsPerMonth")) }
    let mix = map.required("mix").flatMap { paths($0, rule(fields, "mix")) }
    let captive = map.optional("captiveOwner")?.string(log)
    let policy =
      map.optional("allocation")?.choice(log, among: AllocationPolicy.allCases.map(\.rawValue))
      .flatMap(AllocationPolicy.init(rawValue:))
      ?? AllocationPolicy(rawValue: fields.field("allocation").defaultValue!)!
    let priority =
      map.optional("priority").flatMap { numbers($0, fields.field("priority").numberRule!) } ?? [:]
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
    provider.region = map.string(defaulted: ScenarioFields.provider.field("region"), log)
    if let x = map.optional("capexUSDPerMonth").flatMap({
      path($0, rule(ScenarioFields.provider, "capexUSDPerMonth"))
    }) {
      provider.capexUSDPerMonth = x
    }
    if let x = map.optional("ownUse").flatMap({
      path($0, ScenarioFields.provider.field("ownUse").numberRule!)
    }) {
      provider.ownUse = x
    }
    provider.ownUseBuyer = map.optional("ownUseBuyer")?.string(log)
    if let node = map.optional("workloads") {
      provider.workloads = collection(node, workload).map(\.value)
      for key in ["ownUse", "ownUseBuyer"] {
        if let given = map.optional(key) {
          log.error(
            "\(key) and workloads describe the same own use; give one of them", at: given,
            hint: "move the share into a workload: workloads: { lab: { share: ... } }")
        }
      }
    }
    if let x = map.optional("initialChips").flatMap({
      numbers($0, rule(ScenarioFields.provider, "initialChips"))
    }) {
      provider.initialChips = x
    }
    provider.powerUSDPerKWh = map.number(
      defaulted: ScenarioFields.provider.field("powerUSDPerKWh"), log)
    provider.opsUSDPerGPUHour = map.number(
      defaulted: ScenarioFields.provider.field("opsUSDPerGPUHour"), log)
    return kind == nil ? nil : provider
  }

  func workload(_ id: String, _ node: DocumentNode) -> Workload? {
    guard let map = node.mapping(log, allowedKeys: Self.workloadKeys) else { return nil }
    let fields = ScenarioFields.workload
    let share = map.required("share").flatMap { path($0, rule(fields, "share")) }
    let value = map.optional("valueUSDPerH100eHour").flatMap {
      path($0, rule(fields, "valueUSDPerH100eHour"))
    }
    let elasticity = map.number(defaulted: fields.field("priceElasticity"), log)
    let buyer = map.optional("buyer")?.string(log)
    guard let share else { return nil }
    return Workload(
      id: id, share: share, valueUSDPerH100eHour: value, priceElasticity: elasticity,
      buyer: buyer)
  }

  func site(_ id: String, _ node: DocumentNode) -> Site? {
    guard let map = node.mapping(log, allowedKeys: Self.siteKeys) else { return nil }
    let provider = map.required("provider")?.string(log)
    let power = map.required("powerMW").flatMap { path($0, rule(ScenarioFields.site, "powerMW")) }
    let pueField = ScenarioFields.site.field("pue")
    let pue = map.number(pueField, log) ?? pueField.defaultNumber!
    let interconnect =
      map.optional("interconnect")?.choice(log, among: Site.Interconnect.allCases.map(\.rawValue))
      .flatMap(Site.Interconnect.init(rawValue:)) ?? .campus
    guard let provider, let power else { return nil }
    return Site(id: id, provider: provider, powerMW: power, pue: pue, interconnect: interconnect)
  }

  func buyer(_ id: String, _ node: DocumentNode) -> Buyer? {
    guard let map = node.mapping(log, allowedKeys: Self.buyerKeys) else { return nil }
    let kind = map.string(defaulted: ScenarioFields.buyer.field("kind"), log)
    let region = map.string(defaulted: ScenarioFields.buyer.field("region"), log)
    let budget = map.required("budgetUSDPerMonth").flatMap {
      path($0, rule(ScenarioFields.buyer, "budgetUSDPerMonth"))
    }
    let affinityRule = ScenarioFields.buyer.field("affinity").numberRule!
    let affinity = map.optional("affinity").flatMap { numbers($0, affinityRule) } ?? [:]
    let fallback = map.number(defaulted: ScenarioFields.buyer.field("defaultAffinity"), log)
    let response = demandResponse(map, ScenarioFields.buyer)
    let campaigns = (map.optional("campaigns")?.sequence(log) ?? []).compactMap(campaign)
    guard let budget else { return nil }
    return Buyer(
      id: id, kind: kind, region: region, budgetUSDPerMonth: budget, affinity: affinity,
      defaultAffinity: fallback, priceElasticity: response.elasticity,
      hedgeRatio: response.hedgeRatio, contractTenorMonths: response.tenorMonths,
      campaigns: campaigns)
  }

  func campaign(_ node: DocumentNode) -> TrainingCampaign? {
    let fields = ScenarioFields.campaign
    guard let map = node.mapping(log, allowedKeys: fields.names) else { return nil }
    let start = map.required("start").flatMap(month)
    let months = map.integer(fields.field("months"), log)
    let h100e = map.number(fields.field("h100e"), log)
    let wait = map.integer(defaulted: fields.field("waitMonths"), log)
    guard let start, let months, let h100e else { return nil }
    return TrainingCampaign(start: start, months: months, h100e: h100e, waitMonths: wait)
  }

  /// The `ScenarioFields.demandResponse` fields of a buyer or generator, defaulted.
  func demandResponse(_ map: MappingReader, _ fields: [FieldSpec]) -> (
    elasticity: Double, hedgeRatio: Double, tenorMonths: Int
  ) {
    (
      map.number(defaulted: fields.field("priceElasticity"), log),
      map.number(defaulted: fields.field("hedgeRatio"), log),
      map.integer(defaulted: fields.field("contractTenorMonths"), log)
    )
  }

  func contract(_ id: String, _ node: DocumentNode) -> Contract? {
    guard let map = node.mapping(log, allowedKeys: Self.contractKeys) else { return nil }
    let buyer = map.required("buyer")?.string(log)
    let provider = map.required("provider")?.string(log)
    let gpus = map.required("gpus").flatMap { numbers($0, rule(ScenarioFields.contract, "gpus")) }
    let price = map.number(ScenarioFields.contract.field("priceUSDPerGPUHour"), log)
    let start = map.required("start").flatMap(month)
    let months = map.integer(ScenarioFields.contract.field("months"), log)
    let site = map.optional("site")?.string(log)
    guard let buyer, let provider, let gpus, let price, let start, let months else { return nil }
    return Contract(
      id: id, buyer: buyer, provider: provider, gpus: gpus, priceUSDPerGPUHour: price,
      start: start, months: months, site: site)
  }

  func generator(_ id: String, _ node: DocumentNode) -> BuyerGenerator? {
    guard let map = node.mapping(log, allowedKeys: Self.generatorKeys) else { return nil }
    let fields = ScenarioFields.generator
    let count = map.integer(fields.field("count"), log)
    let seed =
      map.optional("seed")?.unsignedInteger(log) ?? UInt64(fields.field("seed").defaultNumber!)
    let total = map.required("totalBudgetUSDPerMonth").flatMap {
      path($0, rule(fields, "totalBudgetUSDPerMonth"))
    }
    let sigma = map.number(defaulted: fields.field("budgetLogSigma"), log)
    let regionField = fields.field("regionWeights")
    let regions =
      numbers(
        map.optional(regionField.name) ?? regionField.defaultNode,
        regionField.numberRule!) ?? [:]
    let affinityField = fields.field("affinity")
    let range = factorRange(map.optional("affinity") ?? affinityField.defaultNode, affinityField)
    let overrideField = fields.field("affinityOverrides")
    var overrides: [String: ClosedRange<Double>] = [:]
    for entry in map.optional(overrideField.name)?.entries(log) ?? [] {
      if let r = factorRange(entry.node, overrideField) { overrides[entry.key] = r }
    }
    if regions.values.reduce(0, +) <= 0, let node = map.optional("regionWeights") {
      log.error("expected at least one region weight > 0", at: node)
    }
    let response = demandResponse(map, fields)
    guard let count, let total, let range else { return nil }
    return BuyerGenerator(
      id: id, count: count, seed: seed, totalBudgetUSDPerMonth: total, budgetLogSigma: sigma,
      regionWeights: regions, affinityRange: range, affinityOverrides: overrides,
      priceElasticity: response.elasticity, hedgeRatio: response.hedgeRatio,
      contractTenorMonths: response.tenorMonths)
  }
}
