/// Phase 3, after retirement: colocation, spare powered shell leased to providers whose chips
/// wait for power (see docs/model.md, "Colocation").
extension EngineState {
  /// Each month, in each region:
  ///
  ///     D_p = Σ_c w_pc · kW_c   over waiting chips with e_pc > f / h   (tenants)
  ///     S_h = [min_j (P_h(m + j) − W_h(m + j)) − W_backlog,h − C_h]⁺   (hosts: D_h = 0)
  ///     L   = min(Σ D, Σ S),   lease_hp = L · (S_h / Σ S) · (D_p / Σ D)
  ///
  /// `w_pc` chips of c waiting at p, `e_pc` their net rent per kWh (`netRentPerKWh`), f the fee
  /// ($/kW-month) over h hours a month: a tenant leases only for chips that earn more than the
  /// fee. A host leases what it will not need over the lease's term: the minimum over the
  /// term's steps j of its expected IT power (with the leases already signed) less what it
  /// will hold by then (installed, waiting, arriving), less its orders in the book and the
  /// captive output planned to arrive within the term (`plannedCaptiveKW`). A host's share is
  /// taken from its sites in proportion to their spare power now. Tenants install at once, at
  /// their colocation site (best H100e per kW first); a lease runs `termMonths` and then its
  /// chips wait again, to lease anew or to be installed at home.
  func leaseColocation() {
    let settings = compiled.scenario.market.colocation
    guard let fee = settings.feeUSDPerKWMonth else { return }
    colocation.dropEnded(before: month)
    let feePerKWh = fee / compiled.scenario.market.hoursPerMonth
    var demand = IndexedArray<Provider, Double>(repeating: 0, count: providers.count)
    for p in providers {
      for c in chips where inventory[p, c] > 0 && netRentPerKWh(p, c) > feePerKWh {
        demand[p] += inventory[p, c] * compiled.chipKW[c]
      }
    }
    guard demand.contains(where: { $0 > 0 }) else { return }
    let termSteps = max(
      1, Int((Double(settings.termMonths) / Double(compiled.stepMonths)).rounded(.up)))
    let ends = month.adding(months: termSteps * compiled.stepMonths)
    var spare = IndexedArray<Provider, Double>(repeating: 0, count: providers.count)
    for h in providers where demand[h] == 0 {
      spare[h] = colocationSpareKW(h, termSteps: termSteps)
    }
    for r in compiled.regions.indices {
      let tenants = providers.filter { compiled.providerRegion[$0] == r && demand[$0] > 0 }
      let hosts = providers.filter { compiled.providerRegion[$0] == r && spare[$0] > 0 }
      let wanted = tenants.reduce(0) { $0 + demand[$1] }
      let offered = hosts.reduce(0) { $0 + spare[$1] }
      let leased = min(wanted, offered)
      guard leased > 0 else { continue }
      for h in hosts {
        let fromHost = leased * spare[h] / offered
        let sites = compiled.providerOwnSites[h]
        let siteSpare = sites.map { max(0, itPowerKW(site: $0) - usedPowerKW(site: $0)) }
        let free = siteSpare.reduce(0, +)
        guard free > 0 else { continue }
        for (s, siteFree) in zip(sites, siteSpare) where siteFree > 0 {
          let fromSite = min(siteFree, fromHost * siteFree / free)
          for p in tenants {
            colocation.sign(
              .init(site: s, host: h, tenant: p, kW: fromSite * demand[p] / wanted, ends: ends))
          }
        }
      }
      for p in tenants {
        guard let s = compiled.colocationSite[p] else { continue }
        installWaitingChips(p, at: s)
      }
    }
  }

  /// `S_h` before the split: the kW host h can lease for `termSteps` steps (see
  /// `leaseColocation`). Runs after this step's arrivals joined the inventory.
  func colocationSpareKW(_ h: Index<Provider>, termSteps: Int) -> Double {
    var held = IndexedArray<Chip, Double>(count: chips.count) {
      heldWithoutArrivals(h, $0) + orderBook.backlog[h, $0]
    }
    let onTheWay = stepsWithArrivals(from: t + 1)
    var least = Double.infinity
    for j in 0...termSteps {
      let step = t + j
      if j > 0, onTheWay.contains(step) {
        for c in chips { held[c] += arrivals[step][h, c] }
      }
      var heldKW = 0.0
      // A chip not held adds an exact zero to a sum that is never −0: skipping it changes nothing.
      for c in chips where held[c] != 0 { heldKW += held[c] * compiled.chipKW[c] }
      let power = expectedITPowerKW(h, at: month.adding(months: j * compiled.stepMonths))
      least = min(least, power - heldKW)
    }
    let captive = plannedCaptiveKW(h, arrivingBy: Double(termSteps * compiled.stepMonths))
    return max(0, least - captive)
  }
}
