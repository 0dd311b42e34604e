import Foundation

/// Phases 1 and 2: chip production and its allocation to providers.
extension EngineState {
  /// Vendor output of each launched chip this month (see `Vendor` for the formula).
  func produce() {
    for (v, vendor) in compiled.vendors.indexed() {
      var chipsOfVendor: [Index<Chip>] = []
      var weights: [Double] = []
      for c in chips where compiled.chipVendor[c] == v && isLaunched(c) {
        let w = max(0, vendor.mix[compiled.chips[c].id]?.value(at: month) ?? 0)
        chipsOfVendor.append(c)
        weights.append(w)
      }
      let total = weights.reduce(0, +)
      guard total > 0 else { continue }
      let perStep = Double(compiled.stepMonths)
      let cap = vendor.unitsPerMonth.map { max(0, $0.value(at: month)) * perStep }
      let shares = IndexedArray<SupplyInput, Double>(
        compiled.inputs.map { vendor.inputShare[$0.id]?.value(at: month) ?? 0 })
      for (c, w) in zip(chipsOfVendor, weights) {
        let fraction = w / total
        var units = cap.map { $0 * fraction } ?? .infinity
        for k in compiled.inputs.indices where compiled.inputUse[c, k] > 0 {
          let inputUnits =
            max(0, compiled.inputs[k].unitsPerMonth.value(at: month)) * perStep
            * schedule.inputMultiplier[t, k]
          units = min(
            units, fraction * max(0, shares[k]) * inputUnits / compiled.inputUse[c, k])
        }
        if !units.isFinite { units = 0 }
        flows.produced[c] = units * max(0, schedule.chipMultiplier[t, c])
      }
    }
    limitCaptiveOutputToPower()
    for c in chips { vendorStock[c] += flows.produced[c] }
  }

  /// Orders by expected margins into the vendors' order book, then shipments out of stock by
  /// each vendor's allocation policy (see docs/model.md, "Chip buyers").
  func allocateChips() {
    placeOrders()
    shipFromBook()
    updateQuotes()
  }

  /// Each provider's orders this step: `K = K̄ · clip((R̂/h)^η, lo, hi)` (neoclouds also within
  /// `lo · K̄ + V/λ`), split over the chips on offer by `s ∝ v^κc`, in chips at the vendor's
  /// price, and no more than the provider expects to power when they arrive
  /// (`powerBoundCapex`). Orders of a chip no longer made nor held move to the provider's other
  /// chips; orders an export ban forbids are cancelled.
  func placeOrders() {
    let rule = orderBook.rule
    let signed = contractValueSignedLastStep()
    var committed: Table<Provider, Chip, Double>?
    for c in chips { orderBook.orderedThisStep[c] = 0 }
    for p in providers {
      var offered: [Index<Chip>] = []
      var rents: [Double] = []
      var values: [Double] = []
      for c in chips
      where eligible(provider: p, chip: c)
        && (flows.produced[c] > 0 || vendorStock[c] > 0)
      {
        let rent = expectedRentPerDollar(p, c)
        offered.append(c)
        rents.append(rent)
        values.append(
          rule.discountedValue(rentPerDollar: rent, leadTimeMonths: orderBook.quotedLeadTime[c]))
      }
      let shares = rule.shares(values)
      let trend =
        max(0, compiled.providers[p].capexUSDPerMonth.value(at: month))
        * Double(compiled.stepMonths)
      var capex = 0.0
      if shares.contains(where: { $0 > 0 }) {
        let rent = zip(shares, rents).reduce(0) { $0 + $1.0 * $1.1 }
        capex = trend * rule.capexMultiple(rentPerDollar: rent)
        if compiled.providers[p].kind == .neocloud {
          capex = min(capex, rule.financedCapex(trend: trend, contractValueSigned: signed[p]))
        }
      }
      for c in chips where orderBook.backlog[p, c] > 0 {
        if !eligible(provider: p, chip: c) {
          orderBook.backlog[p, c] = 0
        } else if capex > 0 || trend > 0, flows.produced[c] <= 0, vendorStock[c] <= 0,
          shares.contains(where: { $0 > 0 })
        {
          capex += orderBook.backlog[p, c] * vendorPrice(c)
          orderBook.backlog[p, c] = 0
        }
      }
      if capex > 0 {
        let bound = powerBoundCapex(p, offered: offered, shares: shares, committed: &committed)
        flows.ordersCutByPowerUSD[p] += max(0, capex - bound)
        capex = min(capex, bound)
      }
      guard capex > 0 else { continue }
      for (c, share) in zip(offered, shares) where share > 0 {
        let units = share * capex / vendorPrice(c)
        orderBook.backlog[p, c] += units
        orderBook.orderedThisStep[c] += units
      }
    }
  }

  /// The vendor's price of chip c this step: list price times the price factor, USD.
  func vendorPrice(_ c: Index<Chip>) -> Double {
    compiled.chips[c].priceUSD * orderBook.priceFactor[c]
  }

  /// `R̂_pc = (p̂ − o)⁺ · H_yr / capital`: expected net rent per dollar of a new chip c at
  /// provider p, per year, with `p̂` the mean expected spot over the chip's life and the
  /// capital less any discount the vendor gives on the chip.
  func expectedRentPerDollar(_ p: Index<Provider>, _ c: Index<Chip>) -> Double {
    let chip = compiled.chips[c]
    let running = runningCost(p, c)
    let capital = max(1, chip.capitalUSD - chip.priceUSD * (1 - orderBook.priceFactor[c]))
    let longRun = chip.capitalUSD * orderBook.longRunCapitalFactor + running
    let expected = longRun + (lastPrice(p, c) - longRun) * orderBook.lifeWeight
    return orderBook.rule.rentPerDollar(
      expectedPrice: expected, runningCost: running, capitalUSD: capital)
  }

  /// Running cost of chip c at provider p, $/GPU-hour: `kWPerChip · PUE · power price + ops`,
  /// PUE the mean over the provider's own sites (the default without one).
  func runningCost(_ p: Index<Provider>, _ c: Index<Chip>) -> Double {
    let sites = compiled.providerOwnSites[p]
    let pue =
      sites.isEmpty
      ? Site.defaultPUE
      : sites.reduce(0) { $0 + compiled.sites[$1].pue } / Double(sites.count)
    let provider = compiled.providers[p]
    return compiled.chipKW[c] * pue * provider.powerUSDPerKWh + provider.opsUSDPerGPUHour
  }

  /// USD value (GPUs · price · hours over the tenor) of the contracts each provider signed in
  /// the previous step.
  func contractValueSignedLastStep() -> IndexedArray<Provider, Double> {
    var value = IndexedArray<Provider, Double>(repeating: 0, count: providers.count)
    guard t.position > 0 else { return value }
    let last = t + -1
    let hours = hoursPerGPU
    for contract in contractMarket.book.contracts(signedAt: last) {
      value[contract.provider] +=
        contract.gpus * contract.priceUSDPerGPUHour * hours * Double(contract.steps)
    }
    return value
  }

  /// Ships `min(stock, due orders)` of each chip by the vendor's policy, the due orders being
  /// those the provider can power on arrival (`deliverableChips`; the rest stay in the book);
  /// captive output goes entirely to its owner.
  func shipFromBook() {
    var committed: Table<Provider, Chip, Double>?
    for c in chips where vendorStock[c] > 0 {
      let v = compiled.chipVendor[c]
      let lead = compiled.leadSteps(c)
      if let owner = compiled.vendorCaptive[v] {
        if !schedule.isHardwareBanned(region: compiled.providerRegion[owner], chip: c, step: t) {
          ship(vendorStock[c], of: c, to: owner, paying: 0, lead: lead)
          vendorStock[c] = 0
        }
        continue
      }
      let price = vendorPrice(c)
      divertLeakedChips(c, price: price, lead: lead)
      var orders = IndexedArray<Provider, Double>(repeating: 0, count: providers.count)
      for p in providers { orders[p] = orderBook.backlog[p, c] }
      guard orders.contains(where: { $0 > 0 }), vendorStock[c] > 0 else { continue }
      // Orders a provider cannot power on arrival wait in the book (`deliverableChips`).
      var due = orders
      for p in providers where orders[p] > 0 {
        due[p] = min(orders[p], deliverableChips(c, to: p, lead: lead, committed: &committed))
        flows.ordersDeferred[p, c] = orders[p] - due[p]
      }
      let totalDue = due.reduce(0, +)
      guard totalDue > 0 else { continue }
      let supply = vendorStock[c]
      var given = IndexedArray<Provider, Double>(repeating: 0, count: providers.count)
      switch compiled.vendors[v].allocation {
      case .proRata:
        let fill = min(1, supply / totalDue)
        for p in providers where due[p] > 0 {
          given[p] = due[p] * fill
          ship(given[p], of: c, to: p, paying: price, lead: lead)
        }
      case .priority:
        given = Self.waterFill(
          orders: due, weights: compiled.vendorPriority[v], supply: supply)
        for p in providers where given[p] > 0 {
          ship(given[p], of: c, to: p, paying: price, lead: lead)
        }
      case .marketPrice:
        // The price rations: every due order is settled now at `max(price, price · B / S)`.
        let clearing = max(price, price * totalDue / supply)
        for p in providers where due[p] > 0 {
          given[p] = due[p] * price / clearing
          ship(given[p], of: c, to: p, paying: clearing, lead: lead)
          // The rationed part of a due order is dropped, not kept: only deferred orders stay.
          orders[p] -= due[p] - given[p]
          due[p] = given[p]
        }
      }
      for p in providers where orders[p] > 0 {
        orderBook.backlog[p, c] = max(0, orders[p] - due[p]) + max(0, due[p] - given[p])
      }
      // A rounding remainder would keep a chip that is no longer made on offer, so orders would
      // queue for it instead of moving to other chips.
      vendorStock[c] = droppingResidue(supply - given.reduce(0, +), of: supply)
    }
  }

  /// Banned chips that leak (an `exportBan` with `leakage` λ): of chip c's output this step,
  /// `λ_r · min(Q_c, stock)` goes to the providers of each banned region r, shared in
  /// proportion to their capex trends, whatever they ordered. They pay `(1 + markup)` times
  /// the vendor's price; the vendor receives its price, the markup goes to intermediaries.
  func divertLeakedChips(_ c: Index<Chip>, price: Double, lead: Int) {
    let available = min(flows.produced[c], vendorStock[c])
    guard available > 0 else { return }
    for r in compiled.regions.indices {
      let leak = schedule.leak(region: r, chip: c, step: t)
      guard leak.share > 0 else { continue }
      let takers = providers.filter { compiled.providerRegion[$0] == r }
      let trends = takers.map { max(0, compiled.providers[$0].capexUSDPerMonth.value(at: month)) }
      let total = trends.reduce(0, +)
      guard total > 0 else { continue }
      let diverted = min(vendorStock[c], leak.share * available)
      for (p, trend) in zip(takers, trends) where trend > 0 {
        ship(diverted * trend / total, of: c, to: p, paying: price, markup: leak.markup, lead: lead)
      }
      vendorStock[c] = droppingResidue(vendorStock[c] - diverted, of: available)
    }
  }

  /// After shipping: the quoted lead time `ℓ = (B − S)⁺ / Q + leadTimeMonths` (months; infinite
  /// when orders wait and nothing is made), and the vendor's price factor, which falls while
  /// unsold stock builds (`f ← f · (N / (N + S))^(1/κc)`, N this step's orders) and recovers
  /// toward list while orders wait (`f ← min(1, f · ((B + Q) / Q)^(1/κc))`).
  func updateQuotes() {
    let exponent = 1 / max(1, orderBook.rule.settings.choiceExponent)
    for c in chips where isLaunched(c) && compiled.vendorCaptive[compiled.chipVendor[c]] == nil {
      var waiting = 0.0
      for p in providers { waiting += orderBook.backlog[p, c] - flows.ordersDeferred[p, c] }
      let perMonth = flows.produced[c] / Double(compiled.stepMonths)
      let unfilled = max(0, waiting - vendorStock[c])
      let lead = Double(compiled.chips[c].leadTimeMonths)
      orderBook.quotedLeadTime[c] =
        unfilled <= 0 ? lead : (perMonth > 0 ? lead + unfilled / perMonth : .infinity)
      var factor = orderBook.priceFactor[c]
      if vendorStock[c] > 0, unfilled <= 0 {
        let n = orderBook.orderedThisStep[c]
        factor *= pow(n / (n + vendorStock[c]), exponent)
      } else if unfilled > 0, flows.produced[c] > 0 {
        factor = min(1, factor * pow((unfilled + flows.produced[c]) / flows.produced[c], exponent))
      }
      orderBook.priceFactor[c] = min(1, max(OrderBook.lowestPriceFactor, factor))
    }
  }

  /// Whether provider `p` may order chip `c` this month (launched, merchant, not banned).
  func eligible(provider p: Index<Provider>, chip c: Index<Chip>) -> Bool {
    isLaunched(c) && compiled.vendorCaptive[compiled.chipVendor[c]] == nil
      && !schedule.isHardwareBanned(region: compiled.providerRegion[p], chip: c, step: t)
  }

  /// Ships `units` of chip c to provider p, arriving after `lead` steps: the vendor earns
  /// `price` per chip, the provider pays `(1 + markup) · price`.
  private func ship(
    _ units: Double, of c: Index<Chip>, to p: Index<Provider>, paying price: Double,
    markup: Double = 0, lead: Int
  ) {
    guard units > 0 else { return }
    flows.shipped[c] += units
    arrivals[t + lead][p, c] += units
    flows.vendorRevenue[compiled.chipVendor[c]] += units * price
    flows.capexSpent[p] += units * price * (1 + markup)
    if price > 0 { flows.merchantBought[p] += units }
  }

  /// Shares `supply` in proportion to `weight_p · order_p`, never giving more than an order;
  /// what a filled order does not take is shared again among the rest.
  static func waterFill(
    orders: IndexedArray<Provider, Double>, weights: IndexedArray<Provider, Double>,
    supply: Double
  ) -> IndexedArray<Provider, Double> {
    var given = IndexedArray<Provider, Double>(repeating: 0, count: orders.count)
    var open = orders.indices.filter { orders[$0] > 0 && weights[$0] > 0 }
    var left = supply
    while left > 1e-12 * supply, !open.isEmpty {
      let claim = open.reduce(0) { $0 + weights[$1] * orders[$1] }
      var next: [Index<Provider>] = []
      var used = 0.0
      for p in open {
        let share = left * weights[p] * orders[p] / claim
        let room = orders[p] - given[p]
        if share >= room {
          given[p] = orders[p]
          used += room
        } else {
          given[p] += share
          used += share
          next.append(p)
        }
      }
      left -= used
      if next.count == open.count { break }
      open = next
    }
    return given
  }
}

/// `x`, or 0 when it is what rounding leaves of a quantity of size `scale`: at most 1e-9 of it
/// (a remainder of GPUs, GPU-hours or chips after a subtraction that should have ended at 0).
@inline(__always)
func droppingResidue(_ x: Double, of scale: Double) -> Double {
  x > 1e-9 * scale ? x : 0
}
