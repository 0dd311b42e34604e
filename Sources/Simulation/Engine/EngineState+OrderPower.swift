import Foundation

/// Phase 2, the power side of orders: a provider orders no more chips than it expects to power
/// when they arrive (see docs/model.md, "Orders and the power they will need").
extension EngineState {
  /// The most provider p may spend on new chips this step, USD, so that the IT power its chips
  /// would need when this step's orders arrive stays within what it expects to have:
  ///
  ///     H  = (1 + τ) · P_p(m + ℓ) + R_p − (W_installed + W_inventory + W_transit + W_backlog)
  ///     K ≤ H⁺ / Σ_c s_c · kW_c / price_c
  ///
  /// `P_p(m + ℓ)`: the IT power of p's sites in the month the orders would arrive (ℓ the
  /// share-weighted quoted lead time, months); the W terms: kW of the chips p holds, has in
  /// transit and has on order; `R_p`: kW of p's uncommitted installed chips that a chip on
  /// offer would replace (an older model earning less per kWh by more than the swap cost); τ:
  /// `market.investment.powerTolerance`, the share of expected power a provider lets chips
  /// wait for. `s_c`: this step's order shares over the chips on offer. Infinite when τ is
  /// infinite or the provider orders nothing. `committed`: the GPUs contracts need
  /// (`committedGPUs`), computed on first use and kept for the step.
  func powerBoundCapex(
    _ p: Index<Provider>, offered: [Index<Chip>], shares: [Double],
    committed: inout Table<Provider, Chip, Double>?
  ) -> Double {
    let tolerance = compiled.scenario.market.investment.powerTolerance
    guard tolerance.isFinite else { return .infinity }
    var kWPerDollar = 0.0
    var leadMonths = 0.0
    var shareTotal = 0.0
    for (c, share) in zip(offered, shares) where share > 0 {
      kWPerDollar += share * compiled.chips[c].kWPerChip / vendorPrice(c)
      // A positive share implies a finite quoted lead time (`discountedValue`).
      leadMonths += share * orderBook.quotedLeadTime[c]
      shareTotal += share
    }
    guard shareTotal > 0, kWPerDollar > 0 else { return .infinity }
    let arrival = month.adding(months: Int((leadMonths / shareTotal).rounded(.up)))
    var expectedPower = 0.0
    for s in compiled.providerSites[p] {
      expectedPower += compiled.sites[s].itPowerKW(at: arrival, opening: compiled.siteFrom[s])
    }
    let headroom =
      (1 + tolerance) * expectedPower + replaceableKW(p, offered: offered, committed: &committed)
      - heldKW(p)
    return max(0, headroom) / kWPerDollar
  }

  /// kW of the chips provider p has installed, waiting, in transit and on order.
  func heldKW(_ p: Index<Provider>) -> Double {
    // From this step on: this step's arrivals are installed after orders are placed.
    let onTheWay = stepsWithArrivals(from: t)
    var kW = 0.0
    for c in chips {
      var n = inventory[p, c] + orderBook.backlog[p, c]
      for s in compiled.providerSites[p] { n += installed[s, c] }
      for later in onTheWay { n += arrivals[later][p, c] }
      kW += n * compiled.chips[c].kWPerChip
    }
    return kW
  }

  /// kW of provider p's installed chips, beyond what contracts need, that some chip on offer
  /// would replace: an older model whose net rent per kWh (`netRentPerKWh`) is below the new
  /// chip's by more than the swap cost.
  func replaceableKW(
    _ p: Index<Provider>, offered: [Index<Chip>], committed: inout Table<Provider, Chip, Double>?
  ) -> Double {
    let swapCost = compiled.scenario.market.fleet.swapCostUSDPerKWh
    var candidates: [(launch: YearMonth, rent: Double)] = []
    for c in offered { candidates.append((compiled.chipLaunch[c], netRentPerKWh(p, c))) }
    var kW = 0.0
    for c in chips {
      var held = 0.0
      for s in compiled.providerSites[p] { held += installed[s, c] }
      guard held > 0 else { continue }
      let rent = netRentPerKWh(p, c)
      let launch = compiled.chipLaunch[c]
      guard candidates.contains(where: { $0.launch > launch && rent < $0.rent - swapCost })
      else { continue }
      let table = committed ?? committedGPUs()
      committed = table
      kW += max(0, held - table[p, c]) * compiled.chips[c].kWPerChip
    }
    return kW
  }
}
