/// Phases 3 and 4: installation under power limits and the split of GPU-hours.
extension EngineState {
  /// Chips that arrive join the provider's inventory; each site then installs from it while it
  /// has power, best H100e per kW first. Sites whose power falls give back the chips that no
  /// longer fit (least efficient first).
  mutating func install() {
    for i in 0..<(P * C) { inventory[i] += arrivals[t][i] }
    let order = (0..<C).sorted {
      let a = compiled.chips[$0].h100e / compiled.chips[$0].kWPerChip
      let b = compiled.chips[$1].h100e / compiled.chips[$1].kWPerChip
      return a != b ? a > b : $0 < $1
    }
    for p in 0..<P {
      for s in compiled.providerSites[p] {
        let power = itPowerKW(site: s)
        var used = usedPowerKW(site: s)
        for c in order.reversed() where used > power * (1 + 1e-12) {
          let kW = compiled.chips[c].kWPerChip
          let remove = min(installed[s * C + c], (used - power) / kW)
          installed[s * C + c] -= remove
          inventory[p * C + c] += remove
          used -= remove * kW
        }
        for c in order where inventory[p * C + c] > 0 {
          let kW = compiled.chips[c].kWPerChip
          let fit = max(0, (power - used) / kW)
          let n = min(inventory[p * C + c], fit)
          guard n > 0 else { continue }
          installed[s * C + c] += n
          inventory[p * C + c] -= n
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
    let hours = compiled.scenario.market.hoursPerMonth * compiled.scenario.market.availability
    var pueWeighted = [Double](repeating: 0, count: P * C)
    for (s, site) in compiled.sites.enumerated() {
      let p = compiled.siteProvider[s]
      for c in 0..<C where installed[s * C + c] > 0 {
        capacityHours[p * C + c] += installed[s * C + c] * hours
        pueWeighted[p * C + c] += installed[s * C + c] * site.pue
      }
    }
    for p in 0..<P {
      let provider = compiled.providers[p]
      for c in 0..<C {
        let n = capacityHours[p * C + c] / hours
        let pue = n > 0 ? pueWeighted[p * C + c] / n : 1.2
        reserve[p * C + c] =
          compiled.chips[c].kWPerChip * pue * provider.powerUSDPerKWh + provider.opsUSDPerGPUHour
      }
    }
    var requested = [Double](repeating: 0, count: P * C)
    for (k, contract) in compiled.contracts.enumerated() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in 0..<C { requested[p * C + c] += compiled.contractGPUs[k][c] * hours }
    }
    for (k, contract) in compiled.contracts.enumerated() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in 0..<C where requested[p * C + c] > 0 {
        let fill = min(1, capacityHours[p * C + c] / requested[p * C + c])
        contractDelivered[k][c] = compiled.contractGPUs[k][c] * hours * fill
        contractHours[p * C + c] += contractDelivered[k][c]
      }
    }
    for p in 0..<P {
      let share = min(1, max(0, compiled.providers[p].ownUse.value(at: month)))
      for c in 0..<C {
        let left = max(0, capacityHours[p * C + c] - contractHours[p * C + c])
        ownHours[p * C + c] = left * share
        spotSupply[p * C + c] = left - ownHours[p * C + c]
      }
    }
  }
}
