/// Phases 3 and 4: installation under power limits and the split of GPU-hours.
extension EngineState {
  /// Chips that arrive join the provider's inventory; each site then installs from it while it
  /// has power, best H100e per kW first. Sites whose power falls give back the chips that no
  /// longer fit (least efficient first).
  mutating func install() {
    for i in 0..<(nP * nC) { inventory[i] += arrivals[t][i] }
    let order = (0..<nC).sorted {
      let a = compiled.chips[$0].h100e / compiled.chips[$0].kWPerChip
      let b = compiled.chips[$1].h100e / compiled.chips[$1].kWPerChip
      return a != b ? a > b : $0 < $1
    }
    for p in 0..<nP {
      for s in compiled.providerSites[p] {
        let power = itPowerKW(site: s)
        var used = usedPowerKW(site: s)
        for c in order.reversed() where used > power * (1 + 1e-12) {
          let kW = compiled.chips[c].kWPerChip
          let remove = min(installed[s * nC + c], (used - power) / kW)
          installed[s * nC + c] -= remove
          inventory[p * nC + c] += remove
          used -= remove * kW
        }
        for c in order where inventory[p * nC + c] > 0 {
          let kW = compiled.chips[c].kWPerChip
          let fit = max(0, (power - used) / kW)
          let n = min(inventory[p * nC + c], fit)
          guard n > 0 else { continue }
          installed[s * nC + c] += n
          inventory[p * nC + c] -= n
          used += n * kW
        }
      }
    }
  }

  /// GPU-hours of each provider and chip: contracts first (pro rata when short), then the
  /// owner's share of the rest, then the spot market. Also sets reserve prices:
  /// `r = kWPerChip · PUE · powerUSDPerKWh + opsUSDPerGPUHour` ($/GPU-hour), PUE averaged over
  /// the provider's sites weighted by installed chips.
  mutating func splitCapacity() {
    let hours =
      compiled.scenario.market.hoursPerMonth * Double(compiled.stepMonths)
      * compiled.scenario.market.availability
    var pueWeighted = [Double](repeating: 0, count: nP * nC)
    for (s, site) in compiled.sites.enumerated() {
      let p = compiled.siteProvider[s]
      for c in 0..<nC where installed[s * nC + c] > 0 {
        capacityHours[p * nC + c] += installed[s * nC + c] * hours
        pueWeighted[p * nC + c] += installed[s * nC + c] * site.pue
      }
    }
    for p in 0..<nP {
      let provider = compiled.providers[p]
      for c in 0..<nC {
        let n = capacityHours[p * nC + c] / hours
        let pue = n > 0 ? pueWeighted[p * nC + c] / n : 1.2
        reserve[p * nC + c] =
          compiled.chips[c].kWPerChip * pue * provider.powerUSDPerKWh + provider.opsUSDPerGPUHour
      }
    }
    var requested = [Double](repeating: 0, count: nP * nC)
    for (k, contract) in compiled.contracts.enumerated() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in 0..<nC { requested[p * nC + c] += compiled.contractGPUs[k][c] * hours }
    }
    for (k, contract) in compiled.contracts.enumerated() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in 0..<nC where requested[p * nC + c] > 0 {
        let fill = min(1, capacityHours[p * nC + c] / requested[p * nC + c])
        contractDelivered[k][c] = compiled.contractGPUs[k][c] * hours * fill
        contractHours[p * nC + c] += contractDelivered[k][c]
      }
    }
    for p in 0..<nP {
      let share = min(1, max(0, compiled.providers[p].ownUse.value(at: month)))
      for c in 0..<nC {
        let left = max(0, capacityHours[p * nC + c] - contractHours[p * nC + c])
        ownHours[p * nC + c] = left * share
        spotSupply[p * nC + c] = left - ownHours[p * nC + c]
      }
    }
  }
}
