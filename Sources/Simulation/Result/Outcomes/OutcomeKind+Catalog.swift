/// The outcome kinds. To add one: declare it here and list it in `all`; parsing, the docs
/// table (`docs/model.md`, checked by a test) and `RunResult.value(of:)` follow.
///
/// Values are computed from the run's monthly series over the steps of the period: a month is
/// one step, a year every step that starts in it. A stock (`installed`, `waiting`) is read at
/// the period's last step; a flow is summed over it.
extension OutcomeKind {
  /// Every kind, in the order the docs list them.
  public static let all: [OutcomeKind] = [
    .price, .installed, .waiting, .waitingShare, .installedByRegion, .installedShare, .shipments,
    .purchases, .revenue, .compute,
    .share, .hhi, .contractedShare, .idle, .spend, .resold, .resaleRevenue, .forward,
    .spotVolatility, .volatilityRatio,
    .leadTime, .backlog, .vendorStock,
    .usedH100e, .ownUse, .contracted, .contractPrice, .largestBlock, .largestRun,
    .campaignBlock, .campaignsMet, .campaignsUnmet, .campaignPremium,
    .failed, .retired, .usedSales, .usedPrice, .fleetAge, .powerShadowPrice,
    .ordersCutByPower, .deferred, .colocated, .colocationHosted, .onSite, .onSiteCapex,
  ]

  public static let price = OutcomeKind(
    "price", unit: "$/GPU-hour", entity: .chip, aggregation: .mean,
    doc: "average spot price, weighted by GPU-hours sold"
  ) { r, entity, steps in
    let values = steps.compactMap { r.spotPrice[entity!]?[$0] }.filter { !$0.isNaN }
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  public static let installed = OutcomeKind(
    "installed", unit: "H100e", entity: .providerOrWorld, aggregation: .lastStep,
    doc: "installed H100e"
  ) { r, entity, steps in
    entity == "world" ? r.installedWorld(at: steps.last!) : r.installedH100e[entity!]?[steps.last!]
  }

  public static let waiting = OutcomeKind(
    "waiting", unit: "H100e", entity: .provider, aggregation: .lastStep,
    doc: "H100e delivered but waiting for power"
  ) { r, entity, steps in
    r.waitingH100e[entity!]?[steps.last!]
  }

  public static let waitingShare = OutcomeKind(
    "waitingShare", unit: "fraction", entity: .none, aggregation: .lastStep,
    doc: "H100e waiting for power over installed H100e, all providers"
  ) { r, _, steps in
    let share = r.waitingShareByMonth[steps.last!]
    return share.isNaN ? nil : share
  }

  public static let installedByRegion = OutcomeKind(
    "installedByRegion", unit: "H100e", entity: .region, aggregation: .lastStep,
    doc: "installed H100e of the providers in the region"
  ) { r, entity, steps in
    r.installedByRegionH100e[entity!]?[steps.last!]
  }

  public static let installedShare = OutcomeKind(
    "installedShare", unit: "fraction", entity: .providerKind, aggregation: .lastStep,
    doc: "fraction of world installed H100e"
  ) { r, entity, steps in
    let last = steps.last!
    let world = r.installedWorld(at: last)
    guard world > 0 else { return nil }
    var sum = 0.0
    for (p, id) in r.providerIds.enumerated() where r.providerKinds[p] == entity {
      sum += r.installedH100e[id]![last]
    }
    return sum / world
  }

  public static let shipments = OutcomeKind(
    "shipments", unit: "chips", entity: .chipOrVendor, aggregation: .sum,
    doc: "chips shipped"
  ) { r, entity, steps in
    if let series = r.shipments[entity!] { return steps.reduce(0) { $0 + series[$1] } }
    let chips = r.chipIds.indices.filter { r.chipVendors[$0] == entity }
    guard !chips.isEmpty else { return nil }
    return chips.reduce(0) { sum, c in
      sum + steps.reduce(0) { $0 + r.shipments[r.chipIds[c]]![$1] }
    }
  }

  public static let purchases = OutcomeKind(
    "purchases", unit: "chips", entity: .provider, aggregation: .sum,
    doc: "merchant chips shipped to it"
  ) { r, entity, steps in
    r.purchases[entity!].map { series in steps.reduce(0) { $0 + series[$1] } }
  }

  public static let revenue = OutcomeKind(
    "revenue", unit: "USD", entity: .vendor, aggregation: .sum,
    doc: "USD from merchant chip sales"
  ) { r, entity, steps in
    r.vendorRevenue[entity!].map { series in steps.reduce(0) { $0 + series[$1] } }
  }

  public static let compute = OutcomeKind(
    "compute", unit: "H100e GPU-hours", entity: .buyerOrGenerator, aggregation: .sum,
    doc: "H100e GPU-hours"
  ) { r, entity, steps in
    r.groupCompute(entity!, steps)
  }

  public static let share = OutcomeKind(
    "share", unit: "fraction", entity: .buyerOrGenerator, aggregation: .ratioOfSums,
    doc: "fraction of all buyers' H100e GPU-hours"
  ) { r, entity, steps in
    guard let mine = r.groupCompute(entity!, steps) else { return nil }
    let total = r.totalCompute(steps)
    return total > 0 ? mine / total : nil
  }

  public static let hhi = OutcomeKind(
    "hhi", unit: "index", entity: .none, aggregation: .ratioOfSums,
    doc: "Herfindahl index of compute shares, 0...10,000"
  ) { r, _, steps in
    let total = r.totalCompute(steps)
    guard total > 0 else { return nil }
    var hhi = 0.0
    for id in r.buyerIds {
      let series = r.compute[id]!
      let share = steps.reduce(0) { $0 + series[$1] } / total
      hhi += (100 * share) * (100 * share)
    }
    return hhi
  }
}
