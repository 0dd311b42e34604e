import Foundation

/// Phase 3, around installation: failures, retirement for better chips, the used market (see
/// docs/model.md, "Vintages, retirement and the used market").
extension EngineState {
  /// Installed chips fail at φ a year: `n ← n · (1 − φ)^(k/12)` for a step of k months.
  func failInstalledChips() {
    let rate = compiled.scenario.market.fleet.failurePerYear
    guard rate > 0 else { return }
    let lost = 1 - pow(1 - rate, Double(compiled.stepMonths) / 12)
    for s in compiled.sites.indices {
      for c in chips where installed[s, c] > 0 {
        let n = installed[s, c] * lost
        installed[s, c] -= n
        flows.failed[c] += n
      }
    }
  }

  /// `e_pc = (P_c − o_pc) / kW_c`: what chip c earns at provider p per kW-hour of IT power
  /// beyond its running cost, at the chip's last market price ($/kWh). The market's price, not
  /// the provider's own, so that a swap does not feed back on the prices that caused it.
  func netRentPerKWh(_ p: Index<Provider>, _ c: Index<Chip>) -> Double {
    (marketLastPrice(c) - runningCost(p, c)) / compiled.chipKW[c]
  }

  /// Each provider with chips waiting for power prices its power at `λ_p = max_w e_pw` over
  /// the waiting chips w, and replaces installed chips i of an older model (launched before
  /// w) with `e_pi < e_pw − swap cost`, worst first, by the best waiting chips, kW for kW at
  /// the same site. Chips its contracts
  /// (scripted and signed) need stay. Retired merchant chips go to the used market; captive
  /// chips, which nobody else can run, are scrapped.
  func retireForBetterChips() {
    let swapCost = compiled.scenario.market.fleet.swapCostUSDPerKWh
    var committed = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    var committedReady = false
    for p in providers {
      let waiting = chips.filter { inventory[p, $0] > 0 }
      guard !waiting.isEmpty else { continue }
      var rent = IndexedArray<Chip, Double>(repeating: 0, count: chips.count)
      for c in chips { rent[c] = netRentPerKWh(p, c) }
      let best = waiting.sorted { rent[$0] != rent[$1] ? rent[$0] > rent[$1] : $0 < $1 }
      flows.powerShadowPrice[p] = max(0, rent[best[0]])
      guard rent[best[0]] > swapCost else { continue }
      if !committedReady {
        committed = committedGPUs()
        committedReady = true
      }
      var free = IndexedArray<Chip, Double>(repeating: 0, count: chips.count)
      for c in chips {
        var held = 0.0
        for s in compiled.providerSites[p] { held += installed[s, c] }
        free[c] = max(0, held - committed[p, c])
      }
      let worst = chips.filter { free[$0] > 0 }
        .sorted { rent[$0] != rent[$1] ? rent[$0] < rent[$1] : $0 < $1 }
      for s in compiled.providerSites[p] {
        for incoming in best where inventory[p, incoming] > 0 {
          for outgoing in worst {
            guard rent[outgoing] < rent[incoming] - swapCost else { break }
            guard compiled.chipLaunch[outgoing] < compiled.chipLaunch[incoming] else { continue }
            let room = min(installed[s, outgoing], free[outgoing])
            guard room > 0, inventory[p, incoming] > 0 else { continue }
            let kWOut = compiled.chipKW[outgoing]
            let kWIn = compiled.chipKW[incoming]
            let kW = min(room * kWOut, inventory[p, incoming] * kWIn)
            let out = kW / kWOut
            let into = kW / kWIn
            installed[s, outgoing] = droppingResidue(installed[s, outgoing] - out, of: out)
            free[outgoing] = droppingResidue(free[outgoing] - out, of: out)
            retire(out, of: outgoing, vintage: installedVintage[s, outgoing])
            installedVintage[s, incoming] = mergedVintage(
              installed[s, incoming], installedVintage[s, incoming], into,
              inventoryVintage[p, incoming])
            installed[s, incoming] += into
            inventory[p, incoming] = droppingResidue(inventory[p, incoming] - into, of: into)
          }
        }
      }
    }
  }

  /// GPUs of each provider's chips that active scripted contracts and signed contracts need.
  func committedGPUs() -> Table<Provider, Chip, Double> {
    var committed = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in chips { committed[p, c] += compiled.contractGPUs[k, c] }
    }
    for p in providers {
      for c in chips { committed[p, c] += contractMarket.book.heldGPUs[p, c] }
    }
    return committed
  }

  /// Takes `n` chips out of service: merchant chips join the used stock, captive chips are
  /// scrapped.
  private func retire(_ n: Double, of c: Index<Chip>, vintage: Double) {
    flows.retired[c] += n
    if compiled.vendorCaptive[compiled.chipVendor[c]] != nil {
      flows.scrapped[c] += n
      return
    }
    usedVintage[c] = mergedVintage(usedStock[c], usedVintage[c], n, vintage)
    usedStock[c] += n
  }

  /// The used market: each merchant chip's price `U_c` (`UsedChipValue`) at the market's last
  /// price and mean running cost (captive chips have none: nobody else can buy them); providers with spare power that may buy the chip and expect a positive
  /// net rent from it buy the used stock, shared in proportion to their spare kW, best
  /// H100e per kW first; stock with no expected net rent left is scrapped.
  func sellUsedChips() {
    let runningCosts = IndexedArray<Chip, Double>(chips.map { marketRunningCost($0) })
    let newCost = cheapestNewComputePerValue(runningCosts: runningCosts)
    for c in chips where compiled.vendorCaptive[compiled.chipVendor[c]] == nil {
      var held = usedStock[c]
      for s in compiled.sites.indices { held += installed[s, c] }
      guard held > 0 else { continue }
      let running = runningCosts[c]
      let value = compiled.chipValue[c]
      let ownLongRun = compiled.chips[c].capitalUSD * orderBook.longRunCapitalFactor + running
      let longRun = newCost.map { $0 * value } ?? ownLongRun
      flows.usedPrice[c] = usedValue.price(
        last: marketLastPrice(c), longRun: longRun, running: running)
    }
    var spare = IndexedArray<Site, Double>(repeating: 0, count: compiled.sites.count)
    for s in compiled.sites.indices { spare[s] = max(0, itPowerKW(site: s) - usedPowerKW(site: s)) }
    for c in compiled.chipsByH100ePerKW where usedStock[c] > 0 {
      let price = flows.usedPrice[c]
      guard price > 0 else {
        flows.scrapped[c] += usedStock[c]
        usedStock[c] = 0
        continue
      }
      let kW = compiled.chipKW[c]
      let buyers = providers.filter { p in
        eligible(provider: p, chip: c) && netRentPerKWh(p, c) > 0
          && compiled.providerSites[p].contains { spare[$0] > 0 }
      }
      var room = 0.0
      for p in buyers { for s in compiled.providerSites[p] { room += spare[s] } }
      guard room > 0 else { continue }
      let fill = min(1, usedStock[c] * kW / room)
      var sold = 0.0
      for p in buyers {
        for s in compiled.providerSites[p] where spare[s] > 0 {
          let n = fill * spare[s] / kW
          installedVintage[s, c] = mergedVintage(
            installed[s, c], installedVintage[s, c], n, usedVintage[c])
          installed[s, c] += n
          spare[s] = max(0, spare[s] - n * kW)
          flows.usedBoughtUSD[p] += n * price
          sold += n
        }
      }
      flows.usedSold[c] += sold
      usedStock[c] = droppingResidue(usedStock[c] - sold, of: sold)
    }
  }

  /// `min_c' L_c' / v_c'` over merchant chips on sale this step: the long-run price
  /// (`capital · CRF / H_yr + o`) per unit of value (`h100e · valueFactor`) of the cheapest new
  /// compute, $/GPU-hour per H100e of value; nil when no chip is on sale. `runningCosts`: each
  /// chip's `marketRunningCost`, computed once per step by the caller.
  func cheapestNewComputePerValue(runningCosts: IndexedArray<Chip, Double>) -> Double? {
    var best: Double?
    for c in chips
    where isLaunched(c) && compiled.vendorCaptive[compiled.chipVendor[c]] == nil
      && (flows.produced[c] > 0 || vendorStock[c] > 0)
    {
      let value = compiled.chipValue[c]
      guard value > 0 else { continue }
      let longRun =
        compiled.chips[c].capitalUSD * orderBook.longRunCapitalFactor + runningCosts[c]
      best = min(best ?? .infinity, longRun / value)
    }
    return best
  }

  /// The chip's running cost averaged over providers, weighted by the chips they hold
  /// (a plain mean when nobody holds one), $/GPU-hour.
  func marketRunningCost(_ c: Index<Chip>) -> Double {
    var sum = 0.0
    var weight = 0.0
    var plain = 0.0
    for p in providers {
      let cost = runningCost(p, c)
      plain += cost
      var n = inventory[p, c]
      for s in compiled.providerSites[p] { n += installed[s, c] }
      sum += n * cost
      weight += n
    }
    return weight > 0 ? sum / weight : plain / Double(max(1, providers.count))
  }

  /// The chip's last average spot price, else `p̄ · h100e`, $/GPU-hour.
  func marketLastPrice(_ c: Index<Chip>) -> Double {
    let last = t.position > 0 ? recorder.chipPrice[t + -1, c] : .nan
    return last.isFinite ? last : referencePricePerH100e * compiled.chipH100e[c]
  }
}

/// The mean vintage of `n` chips of mean vintage `a` joined by `m` chips of vintage `b`.
@inline(__always)
func mergedVintage(_ n: Double, _ a: Double, _ m: Double, _ b: Double) -> Double {
  let total = n + m
  return total > 0 ? (n * a + m * b) / total : b
}
