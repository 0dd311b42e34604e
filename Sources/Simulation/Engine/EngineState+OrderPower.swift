import Foundation

/// Phases 1 and 2, the power side of supply: a provider orders no more chips, and a captive
/// vendor makes no more for its owner, than the owner expects to power when they arrive (see
/// docs/model.md, "Orders and the power they will need").
extension EngineState {
  /// Captive output is made to its owner's power plan, as merchant orders are: the owner's
  /// chips of this step's output `Q_c` are scaled by one factor so that
  ///
  ///     Σ_c Q_c · kW_c ≤ H⁺,   H = min_j [(1 + τ) · P_p(m + j) − W_held(m + j)] + R_p
  ///
  /// over the steps j from the longest lead ℓ of the chips made to the longest lead of any chip
  /// (`powerFree`), `R_p` as in `powerBoundCapex`, and `W_held(m + j)` what the owner will hold
  /// by then (installed, waiting, arriving by then, and the captive stock not yet shipped):
  /// orders still in the book claim later power, for which their own bound left room
  /// (`plannedCaptiveKW`). The output not made is added to the owner's `ordersCutByPowerUSD`
  /// at the chips' list price; the inputs it would have used stay unused. Runs before the
  /// output joins the vendors' stock.
  func limitCaptiveOutputToPower() {
    let tolerance = compiled.scenario.market.investment.powerTolerance
    guard tolerance.isFinite else { return }
    var committed: Table<Provider, Chip, Double>?
    for p in providers {
      let made = compiled.captiveChips[p].filter { flows.produced[$0] > 0 }
      guard !made.isEmpty else { continue }
      for c in made { flows.captivePlanned[c] = flows.produced[c] }
      var needKW = 0.0
      var leadSteps = 0
      for c in made {
        needKW += flows.produced[c] * compiled.chipKW[c]
        leadSteps = max(leadSteps, compiled.leadSteps(c))
      }
      guard needKW > 0 else { continue }
      let headroom =
        powerFree(p, fromStep: leadSteps, tolerance: tolerance)
        + replaceableKW(p, offered: made, committed: &committed)
      let keep = min(1, max(0, headroom) / needKW)
      guard keep < 1 else { continue }
      for c in made {
        let cut = flows.produced[c] * (1 - keep)
        flows.ordersCutByPowerUSD[p] += cut * compiled.chips[c].priceUSD
        flows.produced[c] -= cut
      }
    }
  }

  /// Chips c that provider p can take this step, shipped to arrive in `lead` steps: orders
  /// beyond that are deferred, left in the book for a later step (customers push deliveries out
  /// when their power slips):
  ///
  ///     D_pc = H⁺ / kW_c,   H = min_j [(1 + τ) · P_p(m + j) − W_held(m + j)] + R_pc
  ///
  /// over the steps j from `lead` to the longest lead (`powerFree`; W_held includes chips
  /// shipped to p earlier this step), `R_pc` the kW of p's installed chips that c would
  /// replace. Infinite without the bound (τ infinite).
  func deliverableChips(
    _ c: Index<Chip>, to p: Index<Provider>, lead: Int,
    committed: inout Table<Provider, Chip, Double>?
  ) -> Double {
    let tolerance = compiled.scenario.market.investment.powerTolerance
    guard tolerance.isFinite else { return .infinity }
    let headroom =
      powerFree(p, fromStep: lead, tolerance: tolerance)
      + replaceableKW(p, offered: [c], committed: &committed)
    return max(0, headroom) / compiled.chipKW[c]
  }

  /// `min_j [(1 + τ) · P_p(m + j) − W_held(m + j)]` over the steps j from `first` to the longest
  /// lead, kW: the power left for chips arriving `first` steps from now in every later month
  /// that chips already shipped can arrive in, so that a short-lead chip does not take the power
  /// a longer-lead one shipped earlier will need. `W_held(m + j)`: what p will hold by then
  /// (`heldKW(_:arrivingThrough:)`).
  func powerFree(_ p: Index<Provider>, fromStep first: Int, tolerance: Double) -> Double {
    // `heldKW(p, arrivingThrough: t + j)` for every j in one pass: the chips held whatever
    // arrives, then each arrival step's chips added in step order.
    var held = IndexedArray<Chip, Double>(count: chips.count) { heldWithoutArrivals(p, $0) }
    let onTheWay = stepsWithArrivals(from: t)
    var least = Double.infinity
    for j in 0...max(first, maxLeadSteps) {
      let step = t + j
      if onTheWay.contains(step) {
        for c in chips { held[c] += arrivals[step][p, c] }
      }
      guard j >= first else { continue }
      var heldKW = 0.0
      // A chip not held adds an exact zero to a sum that is never −0: skipping it changes nothing.
      for c in chips where held[c] != 0 { heldKW += held[c] * compiled.chipKW[c] }
      let power =
        (1 + tolerance) * expectedITPowerKW(p, at: month.adding(months: j * compiled.stepMonths))
      least = min(least, power - heldKW)
    }
    return least
  }

  /// IT power of provider p's sites in `month`, kW, with the colocation leases signed so far
  /// (leased in less leased out) and the on-site plants started so far that run by then.
  func expectedITPowerKW(_ p: Index<Provider>, at month: YearMonth) -> Double {
    var kW = compiled.gridPower.ownSitesKW(p, at: month)
    if !onSite.isEmpty { kW += onSite.itKW(p, at: month) }
    return colocation.isEmpty ? kW : kW + colocation.netKW(p, at: month)
  }

  /// The most provider p may spend on new chips this step, USD, so that the IT power its chips
  /// would need when this step's orders arrive stays within what it expects to have:
  ///
  ///     H  = min_k [(1 + τ) · P_p(m + ℓ + k) − C_p(ℓ + k)] + R_p
  ///          − (W_installed + W_inventory + W_transit + W_backlog)
  ///     K ≤ H⁺ / Σ_c s_c · kW_c / price_c
  ///
  /// `P_p(m + ℓ)`: the IT power of p's sites in the month the orders would arrive (ℓ the
  /// share-weighted quoted lead time, months); `C_p` and the minimum over k: room left for p's
  /// own captive output (`powerLeftByCaptivePlan`); the W terms: kW of the chips p holds, has in
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
      kWPerDollar += share * compiled.chipKW[c] / vendorPrice(c)
      // A positive share implies a finite quoted lead time (`discountedValue`).
      leadMonths += share * orderBook.quotedLeadTime[c]
      shareTotal += share
    }
    guard shareTotal > 0, kWPerDollar > 0 else { return .infinity }
    let monthsToArrival = Int((leadMonths / shareTotal).rounded(.up))
    let headroom =
      powerLeftByCaptivePlan(p, tolerance: tolerance, monthsToArrival: monthsToArrival)
      + replaceableKW(p, offered: offered, committed: &committed) - heldKW(p)
    return max(0, headroom) / kWPerDollar
  }

  /// Months after their arrival over which merchant orders leave room for their owner's
  /// planned captive output (a guess: wafer starts for own silicon are booked about a year
  /// ahead).
  static let captivePlanningMonths = 12

  /// `min_k [(1 + τ) · P_p(m + ℓ + k) − C_p(ℓ + k)]` over `k = 0 … captivePlanningMonths`
  /// (only k = 0 for a provider without captive output planned), kW: the power merchant chips
  /// arriving in `ℓ` months may take, in every month of the planning window, after the
  /// captive output planned to arrive by then (`plannedCaptiveKW`). Merchant chips stay once
  /// installed, so they must fit next to the owner's own chips in later months too.
  func powerLeftByCaptivePlan(_ p: Index<Provider>, tolerance: Double, monthsToArrival: Int)
    -> Double
  {
    let planned = compiled.captiveChips[p].contains { flows.captivePlanned[$0] > 0 }
    let window = planned ? Self.captivePlanningMonths : 0
    var least = Double.infinity
    for k in 0...window {
      let months = monthsToArrival + k
      let left =
        (1 + tolerance) * expectedITPowerKW(p, at: month.adding(months: months))
        - plannedCaptiveKW(p, arrivingBy: Double(months))
      least = min(least, left)
    }
    return least
  }

  /// kW of the captive output planned for provider p in the steps after this one that arrives
  /// within `leadMonths`: `Σ_c n_c · Q̂_c · kW_c`, with `Q̂_c` this step's planned output
  /// (`captivePlanned`) and `n_c = ⌊(ℓ − lead_c) / k⌋⁺` steps of k months. Merchant orders leave
  /// room for it: an owner makes its own chips first.
  func plannedCaptiveKW(_ p: Index<Provider>, arrivingBy leadMonths: Double) -> Double {
    var kW = 0.0
    let stepMonths = Double(compiled.stepMonths)
    for c in compiled.captiveChips[p] where flows.captivePlanned[c] > 0 {
      let lead = Double(compiled.leadSteps(c) * compiled.stepMonths)
      let steps = max(0, ((leadMonths - lead) / stepMonths).rounded(.down))
      kW += steps * flows.captivePlanned[c] * compiled.chipKW[c]
    }
    return kW
  }

  /// kW of the chips provider p has installed, waiting, in transit, on order and (captive
  /// chips it owns) in its vendor's stock. With `last`, only the chips it will hold by step
  /// `last`: arrivals after it and orders still in the book are left out.
  func heldKW(_ p: Index<Provider>, arrivingThrough last: Index<Step>? = nil) -> Double {
    // From this step on: this step's arrivals are installed after orders are placed.
    var onTheWay = stepsWithArrivals(from: t)
    if let last, last + 1 < onTheWay.upperBound {
      onTheWay = onTheWay.lowerBound..<max(onTheWay.lowerBound, last + 1)
    }
    let backlogCounts = last == nil
    // The terms of `heldWithoutArrivals`, written out so the backlog is added second: calling
    // it and adding the backlog last changes the sums' rounding, and so the outputs' last bits.
    var kW = 0.0
    for c in chips {
      var n = inventory[p, c] + (backlogCounts ? orderBook.backlog[p, c] : 0)
      if compiled.vendorCaptive[compiled.chipVendor[c]] == p { n += vendorStock[c] }
      for s in compiled.providerSites[p] { n += installed[s, c] }
      for later in onTheWay { n += arrivals[later][p, c] }
      kW += n * compiled.chipKW[c]
    }
    return kW
  }

  /// Chips c that provider p holds now, whatever arrives later: in inventory (waiting for
  /// power), in its captive vendor's stock and installed at its sites.
  func heldWithoutArrivals(_ p: Index<Provider>, _ c: Index<Chip>) -> Double {
    var n = inventory[p, c]
    if compiled.vendorCaptive[compiled.chipVendor[c]] == p { n += vendorStock[c] }
    for s in compiled.providerSites[p] { n += installed[s, c] }
    return n
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
      kW += max(0, held - table[p, c]) * compiled.chipKW[c]
    }
    return kW
  }
}
