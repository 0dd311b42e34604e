import LocatedYAML
import Simulation

/// The document nodes of decoded entities, in the same order as the scenario's arrays.
struct ReferenceNodes {
  var chips: [DocumentNode]
  var vendors: [DocumentNode]
  var providers: [DocumentNode]
  var sites: [DocumentNode]
  var buyers: [DocumentNode]
  var contracts: [DocumentNode]
  var events: [DocumentNode]
  var generators: [DocumentNode]
  /// `randomness.supplyShock`, when given.
  var supplyShock: DocumentNode?
  /// Items written in `events`, decoded or not.
  var eventCount: Int
  /// Ids written in the file per kind of entity ("chip", "input", ...), decoded or not.
  var declared: [String: [String]]
  /// Kinds of entity ("chip", ...) whose collection could not be read at all.
  var unreadable: Set<String> = []
}

/// Checks that every id a scenario mentions exists and every date lies in the horizon.
extension ScenarioDecoder {
  /// `horizonKnown` false: the horizon failed to decode, so dates and capacity are not checked.
  func checkReferences(_ s: Scenario, horizonKnown: Bool, nodes: ReferenceNodes) {
    let chips = nodes.declared["chip"] ?? s.chips.map(\.id)
    let inputs = nodes.declared["input"] ?? s.inputs.map(\.id)
    let vendors = nodes.declared["vendor"] ?? s.vendors.map(\.id)
    let providers = nodes.declared["provider"] ?? s.providers.map(\.id)
    let buyers = nodes.declared["buyer"] ?? s.buyers.map(\.id)
    var sites = nodes.declared["site"] ?? s.sites.map(\.id)
    for event in s.events { if case .newSite(let site) = event.kind { sites.append(site.id) } }
    let end = s.start.adding(months: s.months - 1)

    func ref(_ id: String, _ known: [String], _ what: String, _ node: DocumentNode?) {
      guard !known.contains(id), !nodes.unreadable.contains(what), let node else { return }
      log.error(
        "unknown \(what) '\(id)'", at: node,
        hint: NameSuggestion.hint(for: id, among: known)
          ?? (known.isEmpty ? "no \(what)s are defined" : nil))
    }
    func refs(
      _ keys: some Sequence<String>, _ known: [String], _ what: String, _ node: DocumentNode?
    ) {
      for key in keys.sorted() { ref(key, known, what, node?[key]) }
    }

    let regions = Array(
      Set(
        s.providers.map(\.region) + s.buyers.map(\.region)
          + s.generators.flatMap(\.regionWeights.keys))
    ).sorted()
    for (chip, node) in zip(s.chips, nodes.chips) {
      ref(chip.vendor, vendors, "vendor", node["vendor"])
      refs(chip.inputUse.keys, inputs, "input", node["inputUse"])
      if let markets = chip.markets, case .sequence(let items) = node["markets"]?.value {
        for (market, item) in zip(markets, items) { ref(market, regions, "region", item) }
      }
    }
    for (vendor, node) in zip(s.vendors, nodes.vendors) {
      refs(vendor.inputShare.keys, inputs, "input", node["inputShare"])
      refs(vendor.mix.keys, chips, "chip", node["mix"])
      for key in vendor.mix.keys.sorted() {
        if let chip = s.chips.first(where: { $0.id == key }), chip.vendor != vendor.id,
          vendors.contains(chip.vendor),
          let at = node["mix"]?[key]
        {
          log.error("chip '\(key)' is made by vendor '\(chip.vendor)', not '\(vendor.id)'", at: at)
        }
      }
      if let owner = vendor.captiveOwner { ref(owner, providers, "provider", node["captiveOwner"]) }
      refs(vendor.priority.keys, providers, "provider", node["priority"])
    }
    for (provider, node) in zip(s.providers, nodes.providers) {
      if let buyer = provider.ownUseBuyer { ref(buyer, buyers, "buyer", node["ownUseBuyer"]) }
      for workload in provider.workloads {
        if let buyer = workload.buyer {
          ref(buyer, buyers, "buyer", node["workloads"]?[workload.id]?["buyer"])
        }
      }
      refs(provider.initialChips.keys, chips, "chip", node["initialChips"])
    }
    for (site, node) in zip(s.sites, nodes.sites) {
      ref(site.provider, providers, "provider", node["provider"])
    }
    for (buyer, node) in zip(s.buyers, nodes.buyers) {
      refs(buyer.affinity.keys, providers, "provider", node["affinity"])
      guard horizonKnown, case .sequence(let items) = node["campaigns"]?.value else { continue }
      for (campaign, item) in zip(buyer.campaigns, items)
      where campaign.start > end || campaign.start.adding(months: campaign.waitMonths) < s.start {
        log.error(
          "campaign may start \(campaign.start) to \(campaign.start.adding(months: campaign.waitMonths)), outside the horizon \(s.start)...\(end)",
          at: item["start"] ?? item, hint: "extend the horizon, or move the campaign's start")
      }
    }
    let allSites =
      s.sites
      + s.events.compactMap { event -> Site? in
        if case .newSite(let site) = event.kind { return site }
        return nil
      }
    func checkContract(_ contract: Contract, _ node: DocumentNode) {
      ref(contract.buyer, buyers, "buyer", node["buyer"])
      ref(contract.provider, providers, "provider", node["provider"])
      refs(contract.gpus.keys, chips, "chip", node["gpus"])
      if let site = contract.site, let at = node["site"] {
        let theirs = allSites.filter { $0.provider == contract.provider }.map(\.id)
        if let owner = allSites.first(where: { $0.id == site })?.provider,
          owner != contract.provider
        {
          log.error(
            "site '\(site)' belongs to provider '\(owner)', not '\(contract.provider)'", at: at,
            hint: theirs.isEmpty
              ? nil : "sites of '\(contract.provider)': \(theirs.joined(separator: ", "))")
        } else if !theirs.contains(site), !nodes.unreadable.contains("site") {
          log.error(
            "unknown site '\(site)' of provider '\(contract.provider)'", at: at,
            hint: NameSuggestion.hint(for: site, among: theirs)
              ?? (theirs.isEmpty ? "provider '\(contract.provider)' has no sites" : nil))
        }
      }
      if horizonKnown,
        contract.start > end || contract.start.adding(months: contract.months) <= s.start
      {
        log.error(
          "contract runs \(contract.start) for \(contract.months) months, outside the horizon \(s.start)...\(end)",
          at: node["start"] ?? node,
          hint: "extend the horizon, or delete the contract in an extending file with `id: null`")
      }
    }
    for (contract, node) in zip(s.contracts, nodes.contracts) { checkContract(contract, node) }
    var allContracts = Array(zip(s.contracts, nodes.contracts))
    for (event, node) in zip(s.events, nodes.events) {
      if case .newContract(let contract) = event.kind { allContracts.append((contract, node)) }
    }
    // Capacity is only meaningful when every site was read and belongs to a known provider.
    let sitesComplete =
      horizonKnown && !nodes.unreadable.contains("site")
      && s.sites.count == (nodes.declared["site"]?.count ?? s.sites.count)
      && s.events.count == nodes.eventCount
      && s.sites.allSatisfy { providers.contains($0.provider) }
    if sitesComplete { checkContractCapacity(s, contracts: allContracts) }
    checkDuplicateIds(s, events: nodes.events, buyers: nodes.buyers)
    for (generator, node) in zip(s.generators, nodes.generators) {
      refs(generator.affinityOverrides.keys, providers, "provider", node["affinityOverrides"])
    }
    func target(_ t: SupplyTarget, _ node: DocumentNode) {
      switch t {
      case .all: break
      case .input(let id): ref(id, inputs, "input", node["input"])
      case .vendor(let id): ref(id, vendors, "vendor", node["vendor"])
      case .chip(let id): ref(id, chips, "chip", node["chip"])
      }
    }
    for (event, node) in zip(s.events, nodes.events) {
      if horizonKnown, event.at < s.start || event.at > end {
        log.error(
          "event month \(event.at) is outside the horizon \(s.start)...\(end)",
          at: node["at"] ?? node, hint: "extend the horizon or move the event")
      }
      switch event.kind {
      case .supplyMultiplier(let t, _): target(t, node)
      case .demandMultiplier(let buyer?, _): ref(buyer, buyers, "buyer", node["buyer"])
      case .exportBan(_, let list, _, _, _):
        for (i, chip) in list.enumerated() {
          if case .sequence(let items) = node["chips"]?.value { ref(chip, chips, "chip", items[i]) }
        }
      case .priceCap(let chip, _), .chipDelay(let chip, _): ref(chip, chips, "chip", node["chip"])
      case .newSite(let site): ref(site.provider, providers, "provider", node["provider"])
      case .siteDelay(let site, _): ref(site, sites, "site", node["site"])
      case .newContract(let contract): checkContract(contract, node)
      default: break
      }
    }
    if let shock = s.randomness.supplyShock, let node = nodes.supplyShock {
      target(shock.target, node)
    }
  }
}
