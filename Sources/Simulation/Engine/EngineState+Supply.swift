/// Phases 1 and 2: chip production and its allocation to providers.
extension EngineState {
  /// Vendor output of each launched chip this month (see `Vendor` for the formula).
  mutating func produce() {
    let nK = compiled.inputs.count
    for (v, vendor) in compiled.vendors.enumerated() {
      var chipsOfVendor: [Int] = []
      var weights: [Double] = []
      for c in 0..<nC where compiled.chipVendor[c] == v && isLaunched(c) {
        let w = max(0, vendor.mix[compiled.chips[c].id]?.value(at: month) ?? 0)
        chipsOfVendor.append(c)
        weights.append(w)
      }
      let total = weights.reduce(0, +)
      guard total > 0 else { continue }
      let perStep = Double(compiled.stepMonths)
      let cap = vendor.unitsPerMonth.map { max(0, $0.value(at: month)) * perStep }
      let shares = compiled.inputs.map { vendor.inputShare[$0.id]?.value(at: month) ?? 0 }
      for (c, w) in zip(chipsOfVendor, weights) {
        let fraction = w / total
        var units = cap.map { $0 * fraction } ?? .infinity
        for k in 0..<nK where compiled.inputUse[c][k] > 0 {
          let inputUnits =
            max(0, compiled.inputs[k].unitsPerMonth.value(at: month)) * perStep
            * schedule.inputMultiplier[t * nK + k]
          units = min(units, fraction * max(0, shares[k]) * inputUnits / compiled.inputUse[c][k])
        }
        if !units.isFinite { units = 0 }
        produced[c] = units * max(0, schedule.chipMultiplier[t * nC + c])
        vendorStock[c] += produced[c]
      }
    }
  }

  /// Orders out of capex and the vendor's allocation of each chip (see `AllocationPolicy`).
  ///
  /// A provider splits its capex over the merchant chips it may receive this month in proportion
  /// to the value of what is on offer (`stock_c · price_c`), so orders follow the vendors' mix.
  /// Captive output goes entirely to its owner. Unfilled orders lapse; unsold chips stay in stock.
  mutating func allocateChips() {
    var offered = [Double](repeating: 0, count: nC)
    for c in 0..<nC where isLaunched(c) {
      offered[c] = vendorStock[c] * compiled.chips[c].priceUSD
    }
    // orderUSD[p * nC + c]
    var orderUSD = [Double](repeating: 0, count: nP * nC)
    for p in 0..<nP {
      let capex =
        max(0, compiled.providers[p].capexUSDPerMonth.value(at: month))
        * Double(compiled.stepMonths)
      guard capex > 0 else { continue }
      var total = 0.0
      for c in 0..<nC where eligible(provider: p, chip: c) { total += offered[c] }
      guard total > 0 else { continue }
      for c in 0..<nC where eligible(provider: p, chip: c) {
        orderUSD[p * nC + c] = capex * offered[c] / total
      }
    }
    for c in 0..<nC where vendorStock[c] > 0 {
      let v = compiled.chipVendor[c]
      let lead = compiled.leadSteps(c)
      if let owner = compiled.vendorCaptive[v] {
        if !schedule.isHardwareBanned(region: compiled.providerRegion[owner], chip: c, month: t) {
          ship(vendorStock[c], of: c, to: owner, paying: 0, lead: lead)
          vendorStock[c] = 0
        }
        continue
      }
      let list = compiled.chips[c].priceUSD
      var orders = [Double](repeating: 0, count: nP)
      for p in 0..<nP { orders[p] = orderUSD[p * nC + c] / list }
      let totalOrders = orders.reduce(0, +)
      guard totalOrders > 0 else { continue }
      let supply = vendorStock[c]
      switch compiled.vendors[v].allocation {
      case .proRata:
        let fill = min(1, supply / totalOrders)
        for p in 0..<nP where orders[p] > 0 {
          ship(orders[p] * fill, of: c, to: p, paying: list, lead: lead)
        }
      case .priority:
        let given = Self.waterFill(
          orders: orders, weights: compiled.vendorPriority[v], supply: supply)
        for p in 0..<nP where given[p] > 0 {
          ship(given[p], of: c, to: p, paying: list, lead: lead)
        }
      case .marketPrice:
        let dollars = orders.reduce(0) { $0 + $1 * list }
        let price = max(list, dollars / supply)
        for p in 0..<nP where orders[p] > 0 {
          ship(orders[p] * list / price, of: c, to: p, paying: price, lead: lead)
        }
      }
      vendorStock[c] = max(0, supply - shipped[c])
    }
  }

  /// Whether provider `p` may order chip `c` this month (launched, merchant, not banned).
  func eligible(provider p: Int, chip c: Int) -> Bool {
    isLaunched(c) && compiled.vendorCaptive[compiled.chipVendor[c]] == nil
      && !schedule.isHardwareBanned(region: compiled.providerRegion[p], chip: c, month: t)
  }

  private mutating func ship(_ units: Double, of c: Int, to p: Int, paying price: Double, lead: Int)
  {
    guard units > 0 else { return }
    shipped[c] += units
    arrivals[t + lead][p * nC + c] += units
    vendorRevenue[compiled.chipVendor[c]] += units * price
    capexSpent[p] += units * price
    if price > 0 { merchantBought[p] += units }
  }

  /// Shares `supply` in proportion to `weight_p · order_p`, never giving more than an order;
  /// what a filled order does not take is shared again among the rest.
  static func waterFill(orders: [Double], weights: [Double], supply: Double) -> [Double] {
    var given = [Double](repeating: 0, count: orders.count)
    var open = orders.indices.filter { orders[$0] > 0 && weights[$0] > 0 }
    var left = supply
    while left > 1e-12 * supply, !open.isEmpty {
      let claim = open.reduce(0) { $0 + weights[$1] * orders[$1] }
      var next: [Int] = []
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
