/// Phases 3 and 4: installation under power limits and the split of GPU-hours.
extension EngineState {
  /// Chips that arrive join the provider's inventory; each site then installs from it while it
  /// has power, best H100e per kW first. Sites whose power falls give back the chips that no
  /// longer fit (least efficient first).
  mutating func install() {
    let arriving = arrivals[t]
    for p in providers { for c in chips { inventory[p, c] += arriving[p, c] } }
    let order = chips.sorted {
      let a = compiled.chips[$0].h100e / compiled.chips[$0].kWPerChip
      let b = compiled.chips[$1].h100e / compiled.chips[$1].kWPerChip
      return a != b ? a > b : $0 < $1
    }
    for p in providers {
      for s in compiled.providerSites[p] {
        let power = itPowerKW(site: s)
        var used = usedPowerKW(site: s)
        for c in order.reversed() where used > power * (1 + 1e-12) {
          let kW = compiled.chips[c].kWPerChip
          let remove = min(installed[s, c], (used - power) / kW)
          installed[s, c] -= remove
          inventory[p, c] += remove
          used -= remove * kW
        }
        for c in order where inventory[p, c] > 0 {
          let kW = compiled.chips[c].kWPerChip
          let fit = max(0, (power - used) / kW)
          let n = min(inventory[p, c], fit)
          guard n > 0 else { continue }
          installed[s, c] += n
          inventory[p, c] -= n
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
    var pueWeighted = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for (s, site) in compiled.sites.indexed() {
      let p = compiled.siteProvider[s]
      for c in chips where installed[s, c] > 0 {
        flows.capacityHours[p, c] += installed[s, c] * hours
        pueWeighted[p, c] += installed[s, c] * site.pue
      }
    }
    for p in providers {
      let provider = compiled.providers[p]
      for c in chips {
        let n = flows.capacityHours[p, c] / hours
        let pue = n > 0 ? pueWeighted[p, c] / n : Site.defaultPUE
        flows.reserve[p, c] =
          compiled.chips[c].kWPerChip * pue * provider.powerUSDPerKWh + provider.opsUSDPerGPUHour
      }
    }
    var requested = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in chips { requested[p, c] += compiled.contractGPUs[k, c] * hours }
    }
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in chips where requested[p, c] > 0 {
        let fill = min(1, flows.capacityHours[p, c] / requested[p, c])
        flows.contractDelivered[k, c] = compiled.contractGPUs[k, c] * hours * fill
        flows.contractHours[p, c] += flows.contractDelivered[k, c]
      }
    }
    for p in providers {
      let share = min(1, max(0, compiled.providers[p].ownUse.value(at: month)))
      for c in chips {
        let left = max(0, flows.capacityHours[p, c] - flows.contractHours[p, c])
        flows.ownHours[p, c] = left * share
        flows.spotSupply[p, c] = left - flows.ownHours[p, c]
      }
    }
  }
}
