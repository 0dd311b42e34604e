import LocatedYAML
import Simulation

/// Walks a `DocumentNode` tree into a typed `Scenario`, reporting every problem at once.
///
/// Layout of a scenario file (see `docs/model.md` for the meaning of each field): entity
/// collections (`inputs`, `chips`, `vendors`, `providers`, `sites`, `buyers`, `contracts`,
/// `generators`) are mappings keyed by id, so that a file extending another can replace or
/// delete one entity by id; `events` is a list. A dated quantity is either a number (constant)
/// or a mapping `{ YYYY-MM: value, ... }` interpolated linearly between months.
///
/// Each entity is read by one method below, with its allowed keys in one list, so that the
/// format can grow one place at a time. After reading, `checkReferences` resolves every id and
/// every date against the horizon, with nearest-name hints.
public struct ScenarioDecoder {
  let log: DiagnosticLog

  public init(log: DiagnosticLog = DiagnosticLog()) {
    self.log = log
  }

  /// Top-level keys of a scenario file.
  public static let topLevelKeys = ScenarioFields.top.names

  /// Decodes `root`; throws every diagnostic collected when anything is wrong.
  public static func decode(_ root: DocumentNode) throws(DiagnosticsError) -> Scenario {
    let decoder = ScenarioDecoder()
    let scenario = decoder.scenario(root)
    try decoder.log.throwIfErrors()
    return scenario!
  }

  /// Reads the whole file; nil when something essential is missing (errors are in the log).
  func scenario(_ root: DocumentNode) -> Scenario? {
    guard let top = root.mapping(log, allowedKeys: Self.topLevelKeys) else { return nil }
    let name = top.required("name")?.string(log)
    let description = top.required("description")?.string(log)
    let horizon = top.required("horizon").flatMap(horizon)
    let seed =
      top.optional("seed")?.unsignedInteger(log)
      ?? UInt64(ScenarioFields.top.field("seed").defaultNumber!)
    let market = top.optional("market").flatMap(market) ?? Self.market(nil, log)
    let randomness = top.optional("randomness").flatMap(randomness) ?? Randomness()
    let inputs = collection(top.optional("inputs"), input)
    let chips = collection(top.required("chips"), chip)
    let vendors = collection(top.required("vendors"), vendor)
    let providers = collection(top.required("providers"), provider)
    let sites = collection(top.optional("sites"), site)
    let buyers = collection(top.optional("buyers"), buyer)
    let contracts = collection(top.optional("contracts"), contract)
    let generators = collection(top.optional("generators"), generator)
    let events = (top.optional("events")?.sequence(log) ?? []).compactMap(event)
    // Ids written in the file, decoded or not: a reference to an entity that failed to decode
    // is not reported again.
    func declared(_ key: String) -> [String] {
      top.optional(key).flatMap { node -> [String]? in
        guard case .mapping(let entries) = node.value else { return nil }
        return entries.map(\.key)
      } ?? []
    }
    /// Kinds of entity whose collection is not a mapping: their ids are unknown, so references
    /// to them are not reported (the collection's own error says what is wrong).
    let unreadable = Set(
      [
        ("chip", "chips"), ("input", "inputs"), ("vendor", "vendors"),
        ("provider", "providers"), ("buyer", "buyers"), ("site", "sites"),
      ].compactMap { kind, key -> String? in
        guard let node = top.optional(key) else { return nil }
        switch node.value {
        case .mapping, .null: return nil
        default: return kind
        }
      })

    // Without a name or a horizon there is no scenario, but references are still checked so
    // that every error is reported at once; dates are checked only against a known horizon.
    let known = horizon ?? (start: YearMonth(year: 2000, month: 1), months: 1, step: 1)
    let scenario = Scenario(
      name: name ?? "", description: description ?? "", start: known.start, months: known.months,
      defaultSeed: seed, chips: chips.map(\.value), inputs: inputs.map(\.value),
      vendors: vendors.map(\.value), providers: providers.map(\.value), sites: sites.map(\.value),
      buyers: buyers.map(\.value), contracts: contracts.map(\.value), events: events.map(\.value),
      market: market, randomness: randomness, generators: generators.map(\.value),
      stepMonths: known.step)
    checkReferences(
      scenario, horizonKnown: horizon != nil,
      nodes: ReferenceNodes(
        chips: chips.map(\.node), vendors: vendors.map(\.node), providers: providers.map(\.node),
        sites: sites.map(\.node), buyers: buyers.map(\.node), contracts: contracts.map(\.node),
        events: events.map(\.node), generators: generators.map(\.node),
        supplyShock: top.optional("randomness")?["supplyShock"],
        eventCount: top.optional("events")?.sequence(log)?.count ?? 0,
        declared: [
          "chip": declared("chips"), "input": declared("inputs"), "vendor": declared("vendors"),
          "provider": declared("providers"), "buyer": declared("buyers"),
          "site": declared("sites"),
        ], unreadable: unreadable))
    if let chip = market.referenceChip, let at = top.optional("market")?["referenceChip"],
      !(declared("chips").contains(chip) || unreadable.contains("chip"))
    {
      log.error("unknown chip '\(chip)'", at: at)
    }
    if declared("buyers").isEmpty && declared("generators").isEmpty {
      log.error("a scenario needs at least one buyer or generator", at: root)
    }
    guard name != nil, description != nil, horizon != nil else { return nil }
    return scenario
  }

  /// Reads `node` as a mapping of ids to entities; keeps each entity with its node.
  func collection<T>(_ node: DocumentNode?, _ read: (String, DocumentNode) -> T?) -> [(
    value: T, node: DocumentNode
  )] {
    guard let node, let entries = node.entries(log) else { return [] }
    checkCaseDistinct(entries)
    return entries.compactMap { entry in
      read(entry.key, entry.node).map { ($0, entry.node) }
    }
  }

  /// Ids name columns and outcomes in results (`compute.lab.2026`), and SQLite, spreadsheets and
  /// pandas' SQL readers treat names that differ only in case as one: such ids are refused.
  func checkCaseDistinct(_ entries: [(key: String, node: DocumentNode)]) {
    var firstByFolded: [String: String] = [:]
    for entry in entries {
      if let problem = Self.idProblem(entry.key) {
        log.error("id '\(entry.key)' \(problem)", at: entry.node)
        continue
      }
      let folded = entry.key.lowercased()
      if let first = firstByFolded[folded] {
        log.error(
          "id '\(entry.key)' differs from '\(first)' only in case; ids must differ in more than "
            + "case, because results name columns by id and SQLite ignores case in them",
          at: entry.node)
      } else {
        firstByFolded[folded] = entry.key
      }
    }
  }

  /// What is wrong with an id, if anything: ids are parts of key paths (`buyers.ID.budget`) and
  /// of outcome names (`compute.ID.2026`), so they may not be empty or hold `.`, `[`, `]` or
  /// control characters.
  static func idProblem(_ id: String) -> String? {
    if id.isEmpty { return "is empty; ids must have at least one character" }
    if id.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
      return "contains a control character"
    }
    if id.contains(where: { ".[]".contains($0) }) {
      return "contains '.', '[' or ']', which separate the parts of key paths and outcome names"
    }
    return nil
  }

  func horizon(_ node: DocumentNode) -> (start: YearMonth, months: Int, step: Int)? {
    guard let map = node.mapping(log, allowedKeys: ScenarioFields.horizon.names) else {
      return nil
    }
    let start = map.required("start").flatMap(month)
    let months = map.integer(ScenarioFields.horizon.field("months"), log)
    let step = map.integer(defaulted: ScenarioFields.horizon.field("stepMonths"), log)
    guard let start, let months else { return nil }
    let last = YearMonth(year: DocumentNode.years.upperBound, month: 12)
    if start.adding(months: months - 1) > last {
      log.error(
        "the horizon from \(start) for \(months) months ends after \(last), the last month a "
          + "scenario may have", at: map.required("months") ?? node)
      return nil
    }
    if months % step != 0 {
      log.error(
        "months (\(months)) must be a multiple of stepMonths (\(step))",
        at: map.required("months") ?? node)
      return nil
    }
    return (start, months, step)
  }

  func market(_ node: DocumentNode) -> MarketSettings? {
    guard let map = node.mapping(log, allowedKeys: ScenarioFields.market.names) else { return nil }
    var settings = Self.market(map, log)
    if let x = map.optional("referencePriceUSDPerH100eHour").flatMap({
      path($0, rule(ScenarioFields.market, "referencePriceUSDPerH100eHour"))
    }) {
      settings.referencePriceUSDPerH100eHour = x
    }
    if let x = map.optional("referenceChip")?.string(log) { settings.referenceChip = x }
    if let node = map.optional("contracts"), let x = contractMarket(node) {
      settings.contracts = x
    }
    if let node = map.optional("investment"), let x = investment(node) {
      settings.investment = x
    }
    if let node = map.optional("training"), let x = training(node) {
      settings.training = x
    }
    if let node = map.optional("fleet"), let x = fleet(node) {
      settings.fleet = x
    }
    if let node = map.optional("colocation"), let x = colocation(node) {
      settings.colocation = x
    }
    if let node = map.optional("onSiteGeneration"), let x = onSiteGeneration(node) {
      settings.onSiteGeneration = x
    }
    return settings
  }

  func onSiteGeneration(_ node: DocumentNode) -> OnSiteGenerationSettings? {
    let fields = ScenarioFields.onSiteGeneration
    guard let map = node.mapping(log, allowedKeys: fields.names) else { return nil }
    guard let capex = map.number(fields.field("capexUSDPerKW"), log) else { return nil }
    return OnSiteGenerationSettings(
      capexUSDPerKW: capex, leadMonths: map.integer(defaulted: fields.field("leadMonths"), log),
      lifeYears: map.number(defaulted: fields.field("lifeYears"), log),
      extraCostUSDPerKWh: map.number(defaulted: fields.field("extraCostUSDPerKWh"), log),
      maxMWPerYear: map.number(fields.field("maxMWPerYear"), log))
  }

  func colocation(_ node: DocumentNode) -> ColocationSettings? {
    let fields = ScenarioFields.colocation
    guard let map = node.mapping(log, allowedKeys: fields.names) else { return nil }
    guard let fee = map.number(fields.field("feeUSDPerKWMonth"), log) else { return nil }
    return ColocationSettings(
      feeUSDPerKWMonth: fee, termMonths: map.integer(defaulted: fields.field("termMonths"), log),
      pue: map.number(defaulted: fields.field("pue"), log))
  }

  func fleet(_ node: DocumentNode) -> FleetSettings? {
    let fields = ScenarioFields.fleet
    guard let map = node.mapping(log, allowedKeys: fields.names) else { return nil }
    return FleetSettings(
      failurePerYear: map.number(defaulted: fields.field("failurePerYear"), log),
      priceDeclinePerYear: map.number(defaulted: fields.field("priceDeclinePerYear"), log),
      swapCostUSDPerKWh: map.number(defaulted: fields.field("swapCostUSDPerKWh"), log))
  }

  func training(_ node: DocumentNode) -> TrainingSettings? {
    let fields = ScenarioFields.training
    guard let map = node.mapping(log, allowedKeys: fields.names) else { return nil }
    return TrainingSettings(
      mfu: map.number(defaulted: fields.field("mfu"), log),
      days: map.number(defaulted: fields.field("days"), log),
      premiumPerDoubling: map.number(defaulted: fields.field("premiumPerDoubling"), log),
      premiumFreeH100e: map.number(defaulted: fields.field("premiumFreeH100e"), log))
  }

  /// The market settings with every rule and default from `ScenarioFields.market` (a field that
  /// fails its rule keeps its default; the error is logged).
  static func market(_ map: MappingReader?, _ log: DiagnosticLog) -> MarketSettings {
    let fields = ScenarioFields.market
    func number(_ name: String) -> Double {
      let field = fields.field(name)
      return map?.number(field, log) ?? field.defaultNumber!
    }
    let iterations = fields.field("maxIterations")
    return MarketSettings(
      sigma: number("sigma"), tolerance: number("tolerance"),
      maxIterations: map?.integer(iterations, log) ?? Int(iterations.defaultNumber!),
      hoursPerMonth: number("hoursPerMonth"), availability: number("availability"))
  }

  func contractMarket(_ node: DocumentNode) -> ContractMarketSettings? {
    let fields = ScenarioFields.contractMarket
    guard let map = node.mapping(log, allowedKeys: fields.names) else { return nil }
    return ContractMarketSettings(
      costOfCapital: map.number(defaulted: fields.field("costOfCapital"), log),
      lifeYears: map.number(defaulted: fields.field("lifeYears"), log),
      meanReversionPerMonth: map.number(defaulted: fields.field("meanReversionPerMonth"), log),
      termPremiumPerYear: map.number(defaulted: fields.field("termPremiumPerYear"), log))
  }

  func investment(_ node: DocumentNode) -> InvestmentSettings? {
    let fields = ScenarioFields.investment
    guard let map = node.mapping(log, allowedKeys: fields.names) else { return nil }
    return InvestmentSettings(
      choiceExponent: map.number(defaulted: fields.field("choiceExponent"), log),
      marginElasticity: map.number(defaulted: fields.field("marginElasticity"), log),
      capexLow: map.number(defaulted: fields.field("capexLow"), log),
      capexHigh: map.number(defaulted: fields.field("capexHigh"), log),
      loanToValue: map.number(defaulted: fields.field("loanToValue"), log),
      powerTolerance: map.number(defaulted: fields.field("powerTolerance"), log))
  }

  func randomness(_ node: DocumentNode) -> Randomness? {
    guard let map = node.mapping(log, allowedKeys: ScenarioFields.randomness.names) else {
      return nil
    }
    var result = Randomness()
    result.demandNoise = map.number(
      defaulted: ScenarioFields.randomness.field("demandNoise"), log)
    if let shockNode = map.optional("supplyShock"),
      let shock = shockNode.mapping(log, allowedKeys: ScenarioFields.supplyShock.names)
    {
      let target = supplyTarget(shock)
      let probability = shock.number(
        ScenarioFields.supplyShock.field("probabilityPerMonth"), log)
      let factorField = ScenarioFields.supplyShock.field("factor")
      let factor = shock.required("factor").flatMap { factorRange($0, factorField) }
      let months = shock.integer(ScenarioFields.supplyShock.field("months"), log)
      if let target, let probability, let factor, let months {
        result.supplyShock = SupplyShock(
          target: target, probabilityPerMonth: probability, minFactor: factor.lowerBound,
          maxFactor: factor.upperBound, months: months)
      }
    }
    return result
  }

  /// The number rule of the field `name` of `fields` (a number, a time path, a dictionary or a
  /// list of them), which must exist.
  func rule(_ fields: [FieldSpec], _ name: String) -> NumberRule {
    guard let rule = fields.field(name).numberRule else {
      preconditionFailure("\(name) has no number rule")
    }
    return rule
  }

  /// `[low, high]` with low ≤ high, each satisfying the `[low, high]` field's rule.
  func factorRange(_ node: DocumentNode, _ field: FieldSpec) -> ClosedRange<Double>? {
    let rule = field.numberRule!
    guard let items = node.sequence(log) else { return nil }
    guard items.count == 2 else {
      log.error("expected a list of two numbers [low, high], got \(items.count) items", at: node)
      return nil
    }
    guard let lo = items[0].number(log, rule), let hi = items[1].number(log, rule)
    else { return nil }
    guard lo <= hi else {
      log.error("expected low <= high, got [\(lo), \(hi)]", at: node)
      return nil
    }
    return lo...hi
  }

  func month(_ node: DocumentNode) -> YearMonth? {
    node.yearMonth(log).map { YearMonth(year: $0.year, month: $0.month) }
  }

  /// A number (constant) or `{ YYYY-MM: number }`, each number satisfying `rule`.
  func path(_ node: DocumentNode, _ rule: NumberRule) -> DatedPath? {
    if case .mapping = node.value {
      guard let entries = node.entries(log) else { return nil }
      guard !entries.isEmpty else {
        log.error("expected at least one YYYY-MM: value entry", at: node)
        return nil
      }
      var points: [(month: YearMonth, value: Double)] = []
      for entry in entries {
        guard let parsed = DocumentNode.parseYearMonth(entry.key) else {
          log.error(
            "expected a month written YYYY-MM with a year from "
              + "\(DocumentNode.years.lowerBound) to \(DocumentNode.years.upperBound) as the key, "
              + "got '\(entry.key)'", at: entry.node)
          continue
        }
        if let value = entry.node.number(log, rule) {
          points.append((YearMonth(year: parsed.year, month: parsed.month), value))
        }
      }
      return points.count == entries.count ? DatedPath(points) : nil
    }
    return node.number(log, rule).map { DatedPath.constant($0) }
  }

  /// A mapping of ids to numbers (e.g. `{ h100: 150000 }`).
  func numbers(_ node: DocumentNode, _ rule: NumberRule) -> [String: Double]? {
    guard let entries = node.entries(log) else { return nil }
    var out: [String: Double] = [:]
    for entry in entries {
      if let x = entry.node.number(log, rule) { out[entry.key] = x }
    }
    return out.count == entries.count ? out : nil
  }

  /// A mapping of ids to dated paths.
  func paths(_ node: DocumentNode, _ rule: NumberRule) -> [String: DatedPath]? {
    guard let entries = node.entries(log) else { return nil }
    var out: [String: DatedPath] = [:]
    for entry in entries {
      if let p = path(entry.node, rule) { out[entry.key] = p }
    }
    return out.count == entries.count ? out : nil
  }

  /// `input:`, `vendor:` or `chip:` (at most one) in `map`; none means every chip.
  func supplyTarget(_ map: MappingReader) -> SupplyTarget? {
    let given = ["input", "vendor", "chip"].filter { map.optional($0) != nil }
    guard given.count <= 1 else {
      log.error(
        "give at most one of input, vendor, chip (got \(given.joined(separator: ", ")))",
        at: map.node)
      return nil
    }
    guard let key = given.first, let id = map.optional(key)?.string(log) else { return .all }
    switch key {
    case "input": return .input(id)
    case "vendor": return .vendor(id)
    default: return .chip(id)
    }
  }
}
