/// Named scalar outcomes computed from the monthly series (kinds: `OutcomeKind.all`).
extension RunResult {
  /// The value of a named outcome, or `nil` when the run has no such entity or period, or
  /// nothing traded.
  public func value(of name: OutcomeName) -> Double? {
    let steps = self.steps(in: name.period)
    guard !steps.isEmpty else { return nil }
    return name.kind.evaluate(self, name.entity, steps)
  }

  /// The value of the outcome named by `text` (`share.anthropic.2026`), or `nil` when the text
  /// is not an outcome name or the run has no value for it. For names that come from users,
  /// parse with `OutcomeName(parsing:)` to tell why a name is wrong.
  public func metric(_ text: String) -> Double? {
    (try? OutcomeName(parsing: text)).flatMap { value(of: $0) }
  }

  /// The steps a period covers: a month is the step that starts in it, a year every step that
  /// starts in it.
  public func steps(in period: OutcomePeriod) -> [Int] {
    switch period {
    case .month(let month): months.firstIndex(of: month).map { [$0] } ?? []
    case .year(let year): months.indices.filter { months[$0].hasPrefix(year + "-") }
    case .half(let half):
      months.indices.filter { t in
        let m = months[t]
        return m.hasPrefix(half.prefix(5)) && (Int(m.suffix(2))! <= 6) == half.hasSuffix("H1")
      }
    }
  }

  func installedWorld(at month: Int) -> Double {
    providerIds.reduce(0) { $0 + installedH100e[$1]![month] }
  }

  func totalCompute(_ months: [Int]) -> Double {
    months.reduce(0) { $0 + totalComputeByMonth[$1] }
  }

  /// A buyer's series summed over `months`, or a generator's buyers' together; `nil` for an
  /// unknown entity.
  func groupSum(_ table: [String: [Double]], _ entity: String, _ months: [Int]) -> Double? {
    if let series = table[entity] { return months.reduce(0) { $0 + series[$1] } }
    guard let group = buyerGroups.first(where: { $0.id == entity }) else { return nil }
    var sum = 0.0
    for b in group.range {
      guard let series = table[buyerIds[b]] else { continue }
      for t in months { sum += series[t] }
    }
    return sum
  }

  func groupCompute(_ entity: String, _ months: [Int]) -> Double? {
    groupSum(compute, entity, months)
  }

  /// Calendar years the run covers, in order.
  public var years: [String] {
    var out: [String] = []
    for month in months {
      let year = String(month.prefix(4))
      if out.last != year { out.append(year) }
    }
    return out
  }

  /// The names every run reports, in this order: yearly spot price per chip; yearly
  /// shipments and revenue per vendor; installed H100e per provider at the last month of each
  /// year; installed H100e per region and the waiting share at each year's end; the world's
  /// fleet age at each year's end; yearly retirements of each chip ever retired and the yearly
  /// used price of each chip ever held; yearly orders cut for want of power of each provider
  /// ever cut; yearly compute
  /// and share per named buyer (generated buyers as one group each);
  /// yearly HHI of compute; yearly contracted and idle shares; yearly spending per named buyer;
  /// H100e in use per named buyer at each year's last month; the largest block and run per
  /// named buyer that ever holds a block, per year; yearly contracted compute per
  /// (named buyer, provider) pair that held a contract;
  /// the yearly mean forward price per chip and tenor.
  public var standardOutcomes: [OutcomeName] {
    let years = self.years.map { OutcomePeriod.year($0) }
    let ends = self.years.map { y in OutcomePeriod.month(months.last { $0.hasPrefix(y + "-") }!) }
    var out: [OutcomeName] = []
    for chip in chipIds { for y in years { out.append(OutcomeName(.price, chip, y)) } }
    for vendor in vendorIds {
      for y in years { out.append(OutcomeName(.shipments, vendor, y)) }
      for y in years { out.append(OutcomeName(.revenue, vendor, y)) }
    }
    for provider in providerIds {
      for m in ends { out.append(OutcomeName(.installed, provider, m)) }
    }
    for m in ends { out.append(OutcomeName(.installedShare, "hyperscaler", m)) }
    for region in regionIds {
      for y in years { out.append(OutcomeName(.installedByRegion, region, y)) }
    }
    for y in years { out.append(OutcomeName(.waitingShare, nil, y)) }
    for m in ends { out.append(OutcomeName(.fleetAge, "world", m)) }
    for chip in chipIds where retiredChips[chip]?.contains(where: { $0 > 0 }) == true {
      for y in years { out.append(OutcomeName(.retired, chip, y)) }
    }
    for chip in chipIds where usedPriceUSD[chip]?.contains(where: \.isFinite) == true {
      for y in years { out.append(OutcomeName(.usedPrice, chip, y)) }
    }
    // Per-provider power outcomes, for the providers whose series is ever positive.
    let powerSeries: [(OutcomeKind, [String: [Double]])] = [
      (.ordersCutByPower, ordersCutByPowerUSD), (.deferred, ordersDeferredH100e),
      (.colocated, colocatedMW), (.colocationHosted, colocationHostedMW),
      (.onSite, onSiteMW), (.onSiteCapex, onSiteCapexUSD),
    ]
    for (kind, series) in powerSeries {
      for provider in providerIds where series[provider]?.contains(where: { $0 > 0 }) == true {
        for y in years { out.append(OutcomeName(kind, provider, y)) }
      }
    }
    let groups = Array(buyerIds[0..<namedBuyerCount]) + buyerGroups.map(\.id)
    for buyer in groups { for y in years { out.append(OutcomeName(.compute, buyer, y)) } }
    for buyer in groups { for y in years { out.append(OutcomeName(.share, buyer, y)) } }
    for y in years { out.append(OutcomeName(.hhi, nil, y)) }
    for y in years { out.append(OutcomeName(.contractedShare, nil, y)) }
    for y in years { out.append(OutcomeName(.idle, nil, y)) }
    for buyer in groups { for y in years { out.append(OutcomeName(.spend, buyer, y)) } }
    for buyer in groups { for m in ends { out.append(OutcomeName(.usedH100e, buyer, m)) } }
    for buyer in buyerIds[0..<namedBuyerCount]
    where largestBlockH100e[buyer]?.contains(where: { $0 > 0 }) == true {
      for y in years { out.append(OutcomeName(.largestBlock, buyer, y)) }
      for y in years { out.append(OutcomeName(.largestRun, buyer, y)) }
    }
    for buyer in buyerIds[0..<namedBuyerCount] where hasCampaigns(buyer) {
      for kind in [OutcomeKind.campaignsMet, .campaignsUnmet, .campaignBlock, .campaignPremium] {
        for y in years { out.append(OutcomeName(kind, buyer, y)) }
      }
    }
    for buyer in buyerIds[0..<namedBuyerCount] {
      for provider in contractProviders(of: buyer) {
        for y in years { out.append(OutcomeName(.contracted, "\(buyer).\(provider)", y)) }
      }
    }
    for chip in chipIds {
      for tenor in forwardTenorsMonths {
        for y in years { out.append(OutcomeName(.forward, "\(chip).\(tenor)", y)) }
      }
    }
    return out
  }

  /// The standard outcomes with finite values, named as users see them. Each period's steps
  /// are found once, not once per outcome.
  public func standardSummary() -> [(name: String, value: Double)] {
    var stepsOf: [OutcomePeriod: [Int]] = [:]
    return standardOutcomes.compactMap { name in
      let steps = stepsOf[name.period] ?? steps(in: name.period)
      stepsOf[name.period] = steps
      guard !steps.isEmpty, let value = name.kind.evaluate(self, name.entity, steps),
        value.isFinite
      else { return nil }
      return (name.description, value)
    }
  }
}

/// Regional and power series, month by month (the outcomes `installedByRegion` and
/// `waitingShare` read the same sums at a period's last month). Computed once, when the run
/// finishes.
extension RunResult {
  /// Fills `regionIds`, `installedByRegionH100e` and `waitingShareByMonth` from the providers'
  /// series.
  mutating func computeRegionalSeries() {
    var regions: [String] = []
    for region in providerRegions where !regions.contains(region) { regions.append(region) }
    regionIds = regions
    var byRegion: [String: [Double]] = [:]
    for region in regions {
      let mine = providerIds.indices.filter { providerRegions[$0] == region }
      byRegion[region] = months.indices.map { t in
        mine.reduce(0) { $0 + installedH100e[providerIds[$1]]![t] }
      }
    }
    installedByRegionH100e = byRegion
    waitingShareByMonth = months.indices.map { t in
      let installed = installedWorld(at: t)
      guard installed > 0 else { return .nan }
      return providerIds.reduce(0) { $0 + waitingH100e[$1]![t] } / installed
    }
  }
}

extension RunResult {
  /// Fills `fleetAgeYears` from each provider's `Σ n · h100e · age` (H100e-years) and its
  /// installed H100e; "world" sums over providers.
  mutating func computeFleetAge(_ ageH100eYears: [String: [Double]]) {
    var out: [String: [Double]] = [:]
    for id in providerIds {
      out[id] = months.indices.map { t in
        let n = installedH100e[id]![t]
        return n > 0 ? ageH100eYears[id]![t] / n : .nan
      }
    }
    out["world"] = months.indices.map { t in
      let n = installedWorld(at: t)
      return n > 0 ? providerIds.reduce(0) { $0 + ageH100eYears[$1]![t] } / n : .nan
    }
    fleetAgeYears = out
  }
}

extension RunResult {
  /// Whether any of the buyer's training campaigns was met or ended unmet in the run.
  func hasCampaigns(_ buyer: String) -> Bool {
    let met = campaignsMet[buyer]?.contains(where: { $0 > 0 }) ?? false
    return met || (campaignsUnmet[buyer]?.contains(where: { $0 > 0 }) ?? false)
  }
}
