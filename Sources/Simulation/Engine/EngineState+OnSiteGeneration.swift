import Foundation

/// Phase 3, after colocation: on-site generation, plants a provider builds at its own site for
/// chips the grid will not power in time (see docs/model.md, "On-site generation").
extension EngineState {
  /// Each step, for each provider p with an own site:
  ///
  ///     g_p  = PUE_s · (a · K / (12 h) + e)                    ($/kWh of IT power)
  ///     D_p  = Σ_c w_pc · kW_c   over waiting chips with e_pc > g_p          (kW)
  ///     G_p  = W_p(m + L) − P_p(m + L)                                       (kW)
  ///     B_p  = min(D_p, G_p⁺) · q,   q = min(1, (M − S_y) / Σ_p PUE_s · min(D_p, G_p⁺))
  ///
  /// K the capital per facility kW, `a = r / (1 − (1 + r)^−life)` its annuity factor at the
  /// contract market's cost of capital r, e the plant's energy cost beyond the grid's, h hours a
  /// month, s p's largest site by grid power now (PUE_s its PUE): a plant is built only for
  /// chips whose net rent per kWh (`netRentPerKWh`) beats its cost. `W_p(m + L)` is what p will
  /// hold when a plant started now runs, L steps on (installed, waiting, arriving, on order and
  /// its captive output planned by then), `P_p(m + L)` its expected IT power then (site paths,
  /// leases and plants already started): a plant is built only for chips that will still wait.
  /// M is `maxMWPerYear` (in kW) and `S_y` the facility kW already started this calendar year;
  /// the cap is shared in proportion to what providers want. A plant of `B_p` IT kW
  /// (`PUE_s · B_p` facility kW) runs at s from month m + L to the end of the run.
  func buildOnSiteGeneration() {
    let settings = compiled.scenario.market.onSiteGeneration
    guard let capex = settings.capexUSDPerKW else { return }
    let r = compiled.scenario.market.contracts.costOfCapital
    let annuity = r > 0 ? r / (1 - pow(1 + r, -settings.lifeYears)) : 1 / settings.lifeYears
    let hoursPerYear = 12 * compiled.scenario.market.hoursPerMonth
    let costPerFacilityKWh = annuity * capex / hoursPerYear + settings.extraCostUSDPerKWh
    let leadSteps = max(
      1, Int((Double(settings.leadMonths) / Double(compiled.stepMonths)).rounded(.up)))
    let runs = month.adding(months: leadSteps * compiled.stepMonths)
    var wanted: [(provider: Index<Provider>, site: Index<Site>, itKW: Double)] = []
    for p in providers {
      guard let s = largestOwnSite(p) else { continue }
      let threshold = costPerFacilityKWh * compiled.sites[s].pue
      var demand = 0.0
      for c in chips where inventory[p, c] > 0 && netRentPerKWh(p, c) > threshold {
        demand += inventory[p, c] * compiled.chipKW[c]
      }
      guard demand > 0 else { continue }
      let gap = heldKWWithOrders(p, throughStep: leadSteps) - expectedITPowerKW(p, at: runs)
      let need = min(demand, max(0, gap))
      guard need > 0 else { continue }
      wanted.append((p, s, need))
    }
    guard !wanted.isEmpty else { return }
    var share = 1.0
    if let cap = settings.maxMWPerYear {
      let left = max(0, 1000 * cap - onSite.facilityKWStarted(inYear: month.year))
      let facility = wanted.reduce(0) { $0 + $1.itKW * compiled.sites[$1.site].pue }
      if facility > left { share = left / facility }
    }
    guard share > 0 else { return }
    for (p, s, need) in wanted {
      let itKW = need * share
      onSite.build(
        .init(
          site: s, provider: p, facilityKW: itKW * compiled.sites[s].pue, itKW: itKW,
          started: month, runs: runs))
    }
  }

  /// Provider p's own site with the most grid IT power this month (the first in scenario order
  /// on a tie); `nil` for a provider without a site.
  func largestOwnSite(_ p: Index<Provider>) -> Index<Site>? {
    var best: (site: Index<Site>, kW: Double)?
    for s in compiled.providerOwnSites[p] {
      let kW = compiled.gridPower.kW(site: s, at: month)
      if best == nil || kW > best!.kW { best = (s, kW) }
    }
    return best?.site
  }

  /// kW provider p will hold `steps` steps from now: its chips installed, waiting and in its
  /// captive vendor's stock, those arriving by then, its orders in the book and its captive
  /// output planned to arrive by then (`plannedCaptiveKW`). Runs after this step's arrivals
  /// joined the inventory.
  func heldKWWithOrders(_ p: Index<Provider>, throughStep steps: Int) -> Double {
    let onTheWay = stepsWithArrivals(from: t + 1)
    var kW = 0.0
    for c in chips {
      var n = heldWithoutArrivals(p, c) + orderBook.backlog[p, c]
      if steps > 0 {
        for j in 1...steps where onTheWay.contains(t + j) { n += arrivals[t + j][p, c] }
      }
      kW += n * compiled.chipKW[c]
    }
    return kW + plannedCaptiveKW(p, arrivingBy: Double(steps * compiled.stepMonths))
  }
}
