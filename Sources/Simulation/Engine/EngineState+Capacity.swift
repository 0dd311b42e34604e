/// Phases 3 and 4: installation under power limits and the split of GPU-hours.
extension EngineState {
  /// Chips that arrive join the provider's inventory; its own sites then install from it while
  /// they have power, best H100e per kW first, each site taking a share of every chip in
  /// proportion to its spare power (so a new campus fills as its power comes, not after the
  /// rest of the fleet). Chips then go into colocated space. Sites whose power falls give back
  /// the chips that no longer fit (least efficient first).
  func install() {
    let arriving = arrivals[t]
    for p in providers {
      for c in chips where arriving[p, c] > 0 {
        inventoryVintage[p, c] = mergedVintage(
          inventory[p, c], inventoryVintage[p, c], arriving[p, c], monthIndex)
        inventory[p, c] += arriving[p, c]
      }
    }
    for p in providers {
      installWaitingChips(p, across: compiled.providerOwnSites[p])
      if let s = compiled.colocationSite[p] { installWaitingChips(p, at: s) }
    }
  }

  /// Gives back what no longer fits at each of `sites` (see `installWaitingChips(_:at:)`), then
  /// installs p's waiting chips, best H100e per kW first: of each chip `n = min(waiting,
  /// Σ_s spare_s / kW)`, site s taking `n · spare_s / Σ spare`, with `spare_s` its power not yet
  /// used. One site is `installWaitingChips(_:at:)`.
  func installWaitingChips(_ p: Index<Provider>, across sites: [Index<Site>]) {
    guard sites.count > 1 else {
      for s in sites { installWaitingChips(p, at: s) }
      return
    }
    var spare: [Double] = []
    for s in sites {
      giveBackChipsThatDoNotFit(p, at: s)
      spare.append(max(0, itPowerKW(site: s) - usedPowerKW(site: s)))
    }
    var totalSpare = spare.reduce(0, +)
    for c in compiled.chipsByH100ePerKW where inventory[p, c] > 0 && totalSpare > 0 {
      let kW = compiled.chipKW[c]
      let n = min(inventory[p, c], totalSpare / kW)
      guard n > 0 else { continue }
      for (k, s) in sites.enumerated() where spare[k] > 0 {
        let share = n * spare[k] / totalSpare
        installedVintage[s, c] = mergedVintage(
          installed[s, c], installedVintage[s, c], share, inventoryVintage[p, c])
        installed[s, c] += share
        spare[k] = max(0, spare[k] - share * kW)
      }
      inventory[p, c] = droppingResidue(inventory[p, c] - n, of: n)
      totalSpare = spare.reduce(0, +)
    }
  }

  /// Site s of provider p gives back the chips that no longer fit its power (least H100e per
  /// kW first), then installs p's waiting chips while it has power, best H100e per kW first.
  func installWaitingChips(_ p: Index<Provider>, at s: Index<Site>) {
    giveBackChipsThatDoNotFit(p, at: s)
    let power = itPowerKW(site: s)
    var used = usedPowerKW(site: s)
    for c in compiled.chipsByH100ePerKW where inventory[p, c] > 0 {
      let kW = compiled.chipKW[c]
      let fit = max(0, (power - used) / kW)
      let n = min(inventory[p, c], fit)
      guard n > 0 else { continue }
      installedVintage[s, c] = mergedVintage(
        installed[s, c], installedVintage[s, c], n, inventoryVintage[p, c])
      installed[s, c] += n
      inventory[p, c] -= n
      used += n * kW
    }
  }

  /// Site s of provider p gives back to p's inventory the chips that no longer fit its power,
  /// least H100e per kW first.
  func giveBackChipsThatDoNotFit(_ p: Index<Provider>, at s: Index<Site>) {
    let order = compiled.chipsByH100ePerKW
    let power = itPowerKW(site: s)
    var used = usedPowerKW(site: s)
    for c in order.reversed() where used > power * (1 + 1e-12) {
      let kW = compiled.chipKW[c]
      let remove = min(installed[s, c], (used - power) / kW)
      inventoryVintage[p, c] = mergedVintage(
        inventory[p, c], inventoryVintage[p, c], remove, installedVintage[s, c])
      installed[s, c] -= remove
      inventory[p, c] += remove
      used -= remove * kW
    }
  }

  /// GPU-hours of each provider and chip: contracts first (pro rata when short), then the
  /// owner's share of the rest, then the spot market. Also sets reserve prices:
  /// `r = kWPerChip · PUE · powerUSDPerKWh + opsUSDPerGPUHour` ($/GPU-hour), PUE averaged over
  /// the provider's sites weighted by installed chips.
  func splitCapacity() {
    let hours =
      compiled.scenario.market.hoursPerMonth * Double(compiled.stepMonths)
      * compiled.scenario.market.availability
    var pueWeighted = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for (s, site) in compiled.sites.indexed() {
      let p = compiled.siteProvider[s]
      for c in chips where installed[s, c] > 0 {
        flows.capacityHours[p, c] += installed[s, c] * hours
        pueWeighted[p, c] += installed[s, c] * site.pue
      }
    }
    for p in providers {
      let provider = compiled.providers[p]
      for c in chips {
        let n = flows.capacityHours[p, c] / hours
        let pue = n > 0 ? pueWeighted[p, c] / n : Site.defaultPUE
        flows.reserve[p, c] =
          compiled.chipKW[c] * pue * provider.powerUSDPerKWh + provider.opsUSDPerGPUHour
      }
    }
    var requested = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in chips { requested[p, c] += compiled.contractGPUs[k, c] * hours }
    }
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in chips where requested[p, c] > 0 {
        let fill = min(1, flows.capacityHours[p, c] / requested[p, c])
        flows.contractDelivered[k, c] = compiled.contractGPUs[k, c] * hours * fill
        flows.contractHours[p, c] += flows.contractDelivered[k, c]
      }
    }
    splitOwnUse(hours: hours)
  }

  /// Own use as an internal bid (docs/model.md): each workload keeps
  /// `k_w = s_w · min(1, (v_w · h100e / b)^η_w)` of the capacity left after scripted contracts
  /// (shares scaled to sum to at most 1), within what the provider's signed contracts leave;
  /// the rest is offered on the market.
  func splitOwnUse(hours: Double) {
    contractMarket.book.rollOff(before: t)
    var kept: [Double] = []
    for p in providers {
      let mine = compiled.providerWorkloads[p]
      let needs = mine.map { max(0, compiled.workloads[$0].share.value(at: month)) }
      let total = needs.reduce(0, +)
      let scale = total > 1 ? 1 / total : 1
      let values = mine.map { compiled.workloads[$0].valueUSDPerH100eHour?.value(at: month) }
      let priced = values.contains { $0 != nil }
      for c in chips {
        let left = max(0, flows.capacityHours[p, c] - flows.contractHours[p, c])
        let bid = priced ? outsideBid(p, c) : 0
        kept.removeAll(keepingCapacity: true)
        var keep = 0.0
        for (n, w) in mine.enumerated() {
          kept.append(
            Workload.keptShare(
              need: needs[n] * scale, value: values[n],
              elasticity: compiled.workloads[w].priceElasticity, h100e: compiled.chipH100e[c],
              bid: bid))
          keep += kept[n]
        }
        keep = min(1, keep)
        flows.ownKeep[p, c] = keep
        let wanted = keep * left
        let sold = contractMarket.book.heldGPUs[p, c] * hours
        let own = min(wanted, max(0, left - sold))
        let cut = wanted > 0 ? own / wanted : 0
        for (n, w) in mine.enumerated() {
          flows.workloadHours[w, c] = kept[n] * left * cut
          flows.workloadReleased[w, c] = max(0, needs[n] * scale * left - flows.workloadHours[w, c])
        }
        flows.ownHours[p, c] = own
        flows.spotSupply[p, c] = left - own
      }
    }
  }

  /// `b_pc = max(p_pc(t−1), F_pc(t, 12))`: the best the market offers for a GPU-hour of the
  /// product, last spot or a one-year contract ($/GPU-hour); 0 when nobody can rent from p.
  func outsideBid(_ p: Index<Provider>, _ c: Index<Chip>) -> Double {
    guard compiled.providerRentable[p] else { return 0 }
    return max(lastPrice(p, c), forwardPrice(p, c, tenorMonths: 12))
  }

  /// Own-use slack: released GPU-hours left unsold on spot go back to the workloads that
  /// released them, up to their need, in scenario order; then every workload's H100e-hours are
  /// credited to its buyer.
  func takeBackOwnUseSlack() {
    for p in providers {
      for c in chips {
        var idle = flows.spotSupply[p, c] - flows.spotSold[p, c]
        for w in compiled.providerWorkloads[p] where idle > 0 && flows.workloadReleased[w, c] > 0 {
          let back = min(idle, flows.workloadReleased[w, c])
          flows.workloadHours[w, c] += back
          flows.workloadReleased[w, c] -= back
          flows.ownHours[p, c] += back
          flows.spotSupply[p, c] -= back
          idle -= back
        }
      }
    }
    for (w, b) in compiled.workloadBuyer.indexed() {
      guard let b else { continue }
      for c in chips {
        flows.buyerCompute[b] += flows.workloadHours[w, c] * compiled.chipH100e[c]
      }
    }
  }
}
