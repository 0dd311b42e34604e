/// Phase 6: the checks every month must pass. A failure names the month, the entity and the
/// numbers. Tolerances are relative (1e-6) because the clearing itself is accurate to 1e-9 and
/// sums of many terms add rounding.
extension EngineState {
  static let slack = 1e-6

  func checkInvariants() throws(SimulationError) {
    let name = month.description
    func fail(_ entity: String, _ detail: String) -> SimulationError {
      .invariantViolated(month: name, entity: entity, detail: detail)
    }
    let f = flows
    for p in providers {
      for c in chips {
        var entity: String { "\(compiled.providers[p].id)/\(compiled.chips[c].id)" }
        let used = f.contractHours[p, c] + f.ownHours[p, c] + f.spotSupply[p, c]
        if used > f.capacityHours[p, c] * (1 + Self.slack) + Self.slack {
          throw fail(
            entity,
            "contracts \(f.contractHours[p, c]) + own use \(f.ownHours[p, c]) + spot \(f.spotSupply[p, c]) GPU-hours exceed capacity \(f.capacityHours[p, c])"
          )
        }
        if f.spotSold[p, c] > f.spotSupply[p, c] * (1 + Self.slack) + Self.slack {
          throw fail(
            entity, "spot sales \(f.spotSold[p, c]) GPU-hours exceed supply \(f.spotSupply[p, c])")
        }
        guard f.spotSupply[p, c] > 0 else { continue }
        if !f.spotPrice[p, c].isFinite || f.spotPrice[p, c] < f.reserve[p, c] * (1 - Self.slack) {
          throw fail(
            entity,
            "price \(f.spotPrice[p, c]) $/GPU-hour is not finite or below reserve \(f.reserve[p, c])"
          )
        }
      }
    }
    for b in buyers
    where f.buyerSpotSpend[b] > f.buyerSpotBudget[b] * (1 + Self.slack) + Self.slack {
      throw fail(
        compiled.buyers[b].id,
        "spot spending \(f.buyerSpotSpend[b]) USD exceeds spot budget \(f.buyerSpotBudget[b])")
    }
    for s in compiled.sites.indices {
      let used = usedPowerKW(site: s)
      let power = itPowerKW(site: s)
      if used > power * (1 + Self.slack) + Self.slack {
        throw fail(
          compiled.sites[s].id, "installed chips draw \(used) kW of IT power, site has \(power) kW")
      }
    }
  }
}
