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
    for p in 0..<nP {
      for c in 0..<nC {
        let i = p * nC + c
        var entity: String { "\(compiled.providers[p].id)/\(compiled.chips[c].id)" }
        let used = contractHours[i] + ownHours[i] + spotSupply[i]
        if used > capacityHours[i] * (1 + Self.slack) + Self.slack {
          throw fail(
            entity,
            "contracts \(contractHours[i]) + own use \(ownHours[i]) + spot \(spotSupply[i]) GPU-hours exceed capacity \(capacityHours[i])"
          )
        }
        if spotSold[i] > spotSupply[i] * (1 + Self.slack) + Self.slack {
          throw fail(entity, "spot sales \(spotSold[i]) GPU-hours exceed supply \(spotSupply[i])")
        }
        guard spotSupply[i] > 0 else { continue }
        if !spotPrice[i].isFinite || spotPrice[i] < reserve[i] * (1 - Self.slack) {
          throw fail(
            entity, "price \(spotPrice[i]) $/GPU-hour is not finite or below reserve \(reserve[i])")
        }
      }
    }
    for b in 0..<nB where buyerSpotSpend[b] > buyerSpotBudget[b] * (1 + Self.slack) + Self.slack {
      throw fail(
        compiled.buyers[b].id,
        "spot spending \(buyerSpotSpend[b]) USD exceeds spot budget \(buyerSpotBudget[b])")
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
