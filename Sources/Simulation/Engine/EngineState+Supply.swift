/// Phases 1 and 2: chip production and its allocation to providers.
extension EngineState {
  /// Vendor output of each launched chip this month (see `Vendor` for the formula).
  mutating func produce() {
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
        vendorStock[c] += flows.produced[c]
      }
    }
  }

  /// Orders out of capex and the vendor's allocation of each chip (see `AllocationPolicy`).
  ///
  /// A provider splits its capex over the merchant chips it may receive this month in proportion
  /// to the value of what is on offer (`stock_c · price_c`), so orders follow the vendors' mix.
  /// Captive output goes entirely to its owner. Unfilled orders lapse; unsold chips stay in stock.
  mutating func allocateChips() {
    var offered = IndexedArray<Chip, Double>(repeating: 0, count: chips.count)
    for c in chips where isLaunched(c) {
      offered[c] = vendorStock[c] * compiled.chips[c].priceUSD
    }
    var orderUSD = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for p in providers {
      let capex =
        max(0, compiled.providers[p].capexUSDPerMonth.value(at: month))
        * Double(compiled.stepMonths)
      guard capex > 0 else { continue }
      var total = 0.0
      for c in chips where eligible(provider: p, chip: c) { total += offered[c] }
      guard total > 0 else { continue }
      for c in chips where eligible(provider: p, chip: c) {
        orderUSD[p, c] = capex * offered[c] / total
      }
    }
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
      let list = compiled.chips[c].priceUSD
      var orders = IndexedArray<Provider, Double>(repeating: 0, count: providers.count)
      for p in providers { orders[p] = orderUSD[p, c] / list }
      let totalOrders = orders.reduce(0, +)
      guard totalOrders > 0 else { continue }
      let supply = vendorStock[c]
      switch compiled.vendors[v].allocation {
      case .proRata:
        let fill = min(1, supply / totalOrders)
        for p in providers where orders[p] > 0 {
          ship(orders[p] * fill, of: c, to: p, paying: list, lead: lead)
        }
      case .priority:
        let given = Self.waterFill(
          orders: orders, weights: compiled.vendorPriority[v], supply: supply)
        for p in providers where given[p] > 0 {
          ship(given[p], of: c, to: p, paying: list, lead: lead)
        }
      case .marketPrice:
        let dollars = orders.reduce(0) { $0 + $1 * list }
        let price = max(list, dollars / supply)
        for p in providers where orders[p] > 0 {
          ship(orders[p] * list / price, of: c, to: p, paying: price, lead: lead)
        }
      }
      vendorStock[c] = max(0, supply - flows.shipped[c])
    }
  }

  /// Whether provider `p` may order chip `c` this month (launched, merchant, not banned).
  func eligible(provider p: Index<Provider>, chip c: Index<Chip>) -> Bool {
    isLaunched(c) && compiled.vendorCaptive[compiled.chipVendor[c]] == nil
      && !schedule.isHardwareBanned(region: compiled.providerRegion[p], chip: c, step: t)
  }

  private mutating func ship(
    _ units: Double, of c: Index<Chip>, to p: Index<Provider>, paying price: Double, lead: Int
  ) {
    guard units > 0 else { return }
    flows.shipped[c] += units
    arrivals[t + lead][p, c] += units
    flows.vendorRevenue[compiled.chipVendor[c]] += units * price
    flows.capexSpent[p] += units * price
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
