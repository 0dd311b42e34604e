/// GPU-hours a contract holder offers back on the spot market in one step.
struct Resale {
  var buyer: Index<Buyer>
  var provider: Index<Provider>
  var chip: Index<Chip>
  /// GPU-hours offered.
  var hours: Double
}

/// Part of phase 6: resale of contract hours by holders whose need fell short
/// (see docs/model.md, "Resale of contract hours").
extension EngineState {
  /// Buyer b needs `N_b = Q_b(Φ_ref)` H100e-hours this step, the need its hedge was read at
  /// (`signNewContracts`); a buyer that did not hedge this step needs `S_b / P̂` (its desired
  /// spending at the expected spot price). When its contracts deliver `K_b > N_b`, it offers the share
  /// `u_b = 1 − N_b / K_b` of every contract's GPU-hours on spot, in the (provider, chip) product
  /// the contract holds: the hours join that product's spot supply and leave the buyer's
  /// compute until `settleResales` knows how many sold. Take-or-pay: the contracts are paid in
  /// full whatever is resold.
  func offerSurplusContractHours(desired: IndexedArray<Buyer, Double>, price: Double) {
    guard price.isFinite, price > 0 else { return }
    let hours = hoursPerGPU
    var surplus = IndexedArray<Buyer, Double>(repeating: 0, count: buyers.count)
    var any = false
    for b in buyers {
      let held = flows.buyerContractCompute[b]
      let hedged = contractMarket.need[b]
      let need = hedged.isFinite ? hedged : desired[b] / price
      guard held > 0, held > need * (1 + 1e-9) else { continue }
      surplus[b] = 1 - need / held
      any = true
    }
    guard any else { return }
    func offer(_ b: Index<Buyer>, _ p: Index<Provider>, _ c: Index<Chip>, _ delivered: Double) {
      let h = surplus[b] * delivered
      guard h > 0 else { return }
      flows.resales.append(Resale(buyer: b, provider: p, chip: c, hours: h))
      flows.spotSupply[p, c] += h
      flows.contractHours[p, c] -= h
      flows.buyerCompute[b] -= h * compiled.chipH100e[c]
    }
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let b = compiled.contractBuyer[k]
      guard surplus[b] > 0 else { continue }
      for c in chips where flows.contractDelivered[k, c] > 0 {
        offer(b, compiled.contractProvider[k], c, flows.contractDelivered[k, c])
      }
    }
    let book = contractMarket.book
    for b in buyers where surplus[b] > 0 && book.heldH100e[b] > 0 {
      let gpus = book.buyerGPUs[b]
      for p in providers {
        for c in chips where gpus[p, c] > 0 {
          offer(b, p, c, gpus[p, c] * hours * flows.bookFill[p, c])
        }
      }
    }
  }

  /// After the clearing: a product's resold hours sell in the proportion its whole spot supply
  /// sold, `φ = sold / supply`. The holder earns `φ · hours · price` and keeps the unsold
  /// `(1 − φ) · hours` as its own compute (they return to its contracts).
  func settleResales() {
    guard !flows.resales.isEmpty else { return }
    // φ of every product before any unsold hours return (returning them shrinks the supply).
    var soldShare = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for r in flows.resales {
      let supply = flows.spotSupply[r.provider, r.chip]
      soldShare[r.provider, r.chip] =
        supply > 0 ? min(1, flows.spotSold[r.provider, r.chip] / supply) : 0
    }
    for r in flows.resales {
      let (b, p, c) = (r.buyer, r.provider, r.chip)
      let sold = soldShare[p, c] * r.hours
      let kept = r.hours - sold
      let h100e = compiled.chipH100e[c]
      flows.buyerResoldCompute[b] += sold * h100e
      flows.buyerResaleRevenue[b] += sold * flows.spotPrice[p, c]
      flows.buyerCompute[b] += kept * h100e
      flows.contractHours[p, c] += kept
      flows.spotSupply[p, c] -= kept
    }
  }
}
