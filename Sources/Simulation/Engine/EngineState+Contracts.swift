import Foundation

/// A (provider, chip) pair offered forward this step: a column of the contract market.
enum ContractProduct {}

/// Phase 5: buyers' cash and the term-contract market, which clears before spot
/// (see docs/model.md, "The term-contract market").
extension EngineState {
  /// Each buyer's cash for compute this step: `budget path · event multipliers ·
  /// exp(σ z − σ²/2)` (the noise has mean 1; σ = `randomness.demandNoise`), USD.
  func drawCash() {
    let noise = compiled.scenario.randomness.demandNoise
    for b in buyers {
      var budget =
        max(0, compiled.buyers[b].budgetUSDPerMonth.value(at: month)) * Double(compiled.stepMonths)
        * schedule.demandMultiplier(buyer: b, step: t, month)
      if noise > 0 {
        budget *= exp(noise * demandNoise.normal() - noise * noise / 2)
      }
      flows.buyerBudget[b] = budget
    }
  }

  /// GPU-hours one GPU delivers in a step.
  var hoursPerGPU: Double {
    compiled.scenario.market.hoursPerMonth * Double(compiled.stepMonths)
      * compiled.scenario.market.availability
  }

  /// `p̄(t)`: the price at which budgets were observed, $/H100e-hour.
  var referencePricePerH100e: Double {
    compiled.scenario.market.referencePriceUSDPerH100eHour.value(at: month)
  }

  /// The price buyers expect per H100e-hour: last step's price signal (`rememberSpotPrices`),
  /// else `p̄` (which stands in for the last price before the run).
  var expectedPricePerH100e: Double {
    let last = contractMarket.lastPricePerH100e
    return last.isFinite && last > 0 ? last : referencePricePerH100e
  }

  /// Spending buyer b wants at a price per H100e-hour (`PriceResponse`), USD per step.
  func desiredSpending(buyer b: Index<Buyer>, price: Double) -> Double {
    PriceResponse.spending(
      cash: flows.buyerBudget[b], price: price, reference: referencePricePerH100e,
      elasticity: compiled.buyers[b].priceElasticity)
  }

  /// Rolls off ended contracts, posts the forward curve, places training campaigns, lets
  /// hedging buyers sign at it and delivers the model-signed book out of the capacity left for the market.
  func signContracts() {
    contractMarket.book.rollOff(before: t)
    for b in buyers {
      contractMarket.paid[b] = 0
      contractMarket.compute[b] = 0
      contractMarket.need[b] = .nan
    }
    var offer = forwardOffer()
    recordForward(offer)
    placeCampaigns(&offer)
    signNewContracts(offer)
    deliverBook()
  }

  /// What is offered forward this step: per product, GPUs and the price at each standard tenor.
  struct ForwardOffer {
    var products = IndexedArray<ContractProduct, (provider: Index<Provider>, chip: Index<Chip>)>()
    var gpus = IndexedArray<ContractProduct, Double>()
    var prices = IndexedArray<ContractProduct, [Double]>()
    /// Installed GPUs behind each product (the weights of the published curve).
    var installedGPUs = IndexedArray<ContractProduct, Double>()
  }

  /// Forward capacity `G = (1 − k) · (installed + on the way − scripted)⁺ − signed` and the
  /// posted prices of every (provider, chip) with chips installed or on their way.
  func forwardOffer() -> ForwardOffer {
    var installedGPUs = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for (s, p) in compiled.siteProvider.indexed() {
      for c in chips { installedGPUs[p, c] += installed[s, c] }
    }
    var onTheWay = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for u in stepsWithArrivals(from: t + 1) {
      for p in providers { for c in chips { onTheWay[p, c] += arrivals[u][p, c] } }
    }
    var scripted = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let p = compiled.contractProvider[k]
      for c in chips { scripted[p, c] += compiled.contractGPUs[k, c] }
    }
    var offer = ForwardOffer()
    for p in providers {
      for c in chips {
        let keep = flows.ownKeep[p, c]
        let physical = installedGPUs[p, c] + onTheWay[p, c]
        guard physical > 0 else { continue }
        let free = (1 - keep) * max(0, physical - scripted[p, c])
        offer.products.append((p, c))
        offer.gpus.append(max(0, free - contractMarket.book.heldGPUs[p, c]))
        offer.prices.append(standardForwardPrices(p, c))
        offer.installedGPUs.append(installedGPUs[p, c])
      }
    }
    return offer
  }

  /// `forwardPrice` at every standard tenor, from the factors computed once per run.
  func standardForwardPrices(_ p: Index<Provider>, _ c: Index<Chip>) -> [Double] {
    let capital = compiled.chips[c].capitalUSD
    let running = flows.reserve[p, c]
    let longRun = capital * contractMarket.longRunCapitalFactor + running
    let last = lastPrice(p, c)
    return ForwardCurve.tenorsMonths.indices.map { k in
      contractMarket.curve.price(
        last: last, longRun: longRun, reversionWeight: contractMarket.reversionWeight[k],
        tenorMonths: ForwardCurve.tenorsMonths[k],
        floor: capital * contractMarket.capitalFactor[k] + running)
    }
  }

  /// The last price seen of product (p, c): its own, else the chip's average, else
  /// `p̄ · h100e(c)`, $/GPU-hour.
  func lastPrice(_ p: Index<Provider>, _ c: Index<Chip>) -> Double {
    let lastProduct = contractMarket.lastProductPrice[p, c]
    if lastProduct.isFinite { return lastProduct }
    let lastChip = t.position > 0 ? recorder.chipPrice[t + -1, c] : .nan
    return lastChip.isFinite ? lastChip : referencePricePerH100e * compiled.chipH100e[c]
  }

  /// `F_pc(t, τ)`: mean expected spot over the tenor, floored by cost recovery, $/GPU-hour.
  /// The last price is the product's, else the chip's average, else `p̄ · h100e(c)`.
  func forwardPrice(_ p: Index<Provider>, _ c: Index<Chip>, tenorMonths tau: Int) -> Double {
    let capital = compiled.chips[c].capitalUSD
    let running = flows.reserve[p, c]
    let longRun =
      contractMarket.cost.longRunPrice(chipPriceUSD: capital, runningCostPerHour: running)
    let last = lastPrice(p, c)
    let floor = contractMarket.cost.floor(
      chipPriceUSD: capital, runningCostPerHour: running, tenorYears: Double(tau) / 12)
    return contractMarket.curve.price(last: last, longRun: longRun, tenorMonths: tau, floor: floor)
  }

  /// Each chip's curve: providers' prices weighted by their installed GPUs of it (all alike
  /// when none is installed yet); NaN for a chip nobody offers.
  func recordForward(_ offer: ForwardOffer) {
    let nT = ForwardCurve.tenorsMonths.count
    var sum = IndexedArray<Chip, [Double]>(
      repeating: Array(repeating: 0, count: nT), count: chips.count)
    var plain = sum
    var weight = IndexedArray<Chip, Double>(repeating: 0, count: chips.count)
    var count = weight
    for (j, (_, c)) in offer.products.indexed() {
      weight[c] += offer.installedGPUs[j]
      count[c] += 1
      for k in 0..<nT {
        sum[c][k] += offer.installedGPUs[j] * offer.prices[j][k]
        plain[c][k] += offer.prices[j][k]
      }
    }
    for c in chips {
      contractMarket.forward[t, c] = (0..<nT).map { k in
        weight[c] > 0 ? sum[c][k] / weight[c] : (count[c] > 0 ? plain[c][k] / count[c] : .nan)
      }
    }
  }

  /// Hedging buyers sign for `max(0, h · Q(Φ) − cover)` H100e-hours a step at the forward price
  /// per H100e-hour Φ of their tenor, within the cash their contracts leave
  /// (`HedgeAllocation` spreads it over products).
  func signNewContracts(_ offer: ForwardOffer) {
    let m = offer.products.count
    guard m > 0 else { return }
    let hours = hoursPerGPU
    let (cover, payments) = contractsAtFullDelivery()
    // Hedgers grouped by tenor, in buyer order, so that each group meets one column of prices.
    var tenors: [Int] = []
    var groups: [Int: [Index<Buyer>]] = [:]
    for b in buyers where compiled.buyers[b].hedgeRatio > 0 && flows.buyerBudget[b] > 0 {
      let tau = compiled.buyers[b].contractTenorMonths
      if groups[tau] == nil { tenors.append(tau) }
      groups[tau, default: []].append(b)
    }
    let chipValue = compiled.chipValue
    // What rounding leaves of a sold-out product is not capacity: a residue would take its CES
    // share of every hedger's money and then cut it to nothing.
    let scale = IndexedArray<ContractProduct, Double>(
      offer.gpus.indexed().map { j, g in max(g, offer.installedGPUs[j]) })
    func dropResidues(_ left: inout IndexedArray<ContractProduct, Double>) {
      for (j, g) in left.indexed() { left[j] = droppingResidue(g, of: scale[j]) }
    }
    var left = offer.gpus
    dropResidues(&left)
    for tau in tenors {
      let group = groups[tau]!
      let standard = ForwardCurve.tenorsMonths.firstIndex(of: tau)
      let prices = IndexedArray<ContractProduct, Double>(
        offer.products.indexed().map { j, product in
          standard.map { offer.prices[j][$0] }
            ?? forwardPrice(product.provider, product.chip, tenorMonths: tau)
        })
      // Φ: forward price per H100e-hour, weighted by the forward capacity left, in H100e.
      var value = 0.0
      var h100eGPUs = 0.0
      for (j, (_, c)) in offer.products.indexed() where left[j] > 0 {
        value += left[j] * prices[j]
        h100eGPUs += left[j] * compiled.chipH100e[c]
      }
      guard h100eGPUs > 0 else { continue }
      // Φ prices the contracts; the need is read at the watched chip's forward price when set.
      let phi = value / h100eGPUs
      var signal = phi
      if let watched = contractMarket.referenceChip {
        var watchedValue = 0.0
        var watchedGPUs = 0.0
        for (j, (_, c)) in offer.products.indexed() where c == watched && left[j] > 0 {
          watchedValue += left[j] * prices[j]
          watchedGPUs += left[j]
        }
        if watchedGPUs > 0 { signal = watchedValue / watchedGPUs / compiled.chipH100e[watched] }
      }
      let hedgers = IndexedArray<Hedger, Index<Buyer>>(group)
      var money = IndexedArray<Hedger, Double>(repeating: 0, count: group.count)
      var values = Table<Hedger, ContractProduct, Double>(
        rows: group.count, columns: m, repeating: 0)
      for (n, b) in hedgers.indexed() {
        contractMarket.need[b] = desiredSpending(buyer: b, price: signal) / signal
        let want = compiled.buyers[b].hedgeRatio * contractMarket.need[b]
        let cashLeft = max(0, flows.buyerBudget[b] - payments[b])
        money[n] = min(max(0, want - cover[b]) * phi, cashLeft)
        let region = compiled.buyerRegion[b]
        for (j, (p, c)) in offer.products.indexed() {
          if compiled.providerRegion[p] != region
            && schedule.isCloudBanned(region: region, chip: c, step: t)
          {
            continue
          }
          values[n, j] = chipValue[c] * compiled.affinity[b, p]
        }
      }
      let gpus = HedgeAllocation.allocate(
        money: money, values: values, prices: prices, offeredGPUs: left,
        hoursPerGPU: hours, sigma: compiled.scenario.market.sigma)
      let steps = max(1, (tau + compiled.stepMonths - 1) / compiled.stepMonths)
      for (n, b) in hedgers.indexed() {
        for (j, (p, c)) in offer.products.indexed() where gpus[n, j] > 0 {
          let g = gpus[n, j]
          left[j] = max(0, left[j] - g)
          contractMarket.book.sign(
            SignedContract(
              buyer: b, provider: p, chip: c, gpus: g, priceUSDPerGPUHour: prices[j],
              start: t, steps: steps, tenorMonths: tau))
        }
      }
      dropResidues(&left)
    }
  }

  /// Each buyer's contracts, scripted and model-signed, at full delivery this step: the
  /// H100e-hours they cover and the USD they cost.
  func contractsAtFullDelivery() -> (
    coverH100eHours: IndexedArray<Buyer, Double>, paymentsUSD: IndexedArray<Buyer, Double>
  ) {
    let hours = hoursPerGPU
    var cover = IndexedArray<Buyer, Double>(contractMarket.book.heldH100e.map { $0 * hours })
    var payments = IndexedArray<Buyer, Double>(
      contractMarket.book.paymentPerHour.map { $0 * hours })
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let b = compiled.contractBuyer[k]
      for c in chips where compiled.contractGPUs[k, c] > 0 {
        cover[b] += compiled.contractGPUs[k, c] * hours * compiled.chipH100e[c]
        payments[b] += compiled.contractGPUs[k, c] * hours * contract.priceUSDPerGPUHour
      }
    }
    return (cover, payments)
  }

  /// Delivers every model-signed contract out of the capacity left for the market
  /// (`spotSupply`), pro rata when a provider's capacity falls short of what it sold. The buyer
  /// pays the contract price for the GPU-hours delivered.
  func deliverBook() {
    let book = contractMarket.book
    guard !book.isEmpty else { return }
    let hours = hoursPerGPU
    var fill = Table<Provider, Chip, Double>(
      rows: providers.count, columns: chips.count, repeating: 0)
    for p in providers {
      for c in chips where book.heldGPUs[p, c] > 0 {
        fill[p, c] = min(1, flows.spotSupply[p, c] / (book.heldGPUs[p, c] * hours))
      }
    }
    flows.bookFill = fill
    for b in buyers where book.heldH100e[b] > 0 {
      let gpus = book.buyerGPUs[b]
      let payment = book.buyerPayment[b]
      for p in providers {
        for c in chips where gpus[p, c] > 0 {
          let paid = payment[p, c] * hours * fill[p, c]
          let compute = gpus[p, c] * hours * fill[p, c] * compiled.chipH100e[c]
          contractMarket.paid[b] += paid
          contractMarket.compute[b] += compute
          flows.contractSpendByProvider[b, p] += paid
          flows.contractComputeByProvider[b, p] += compute
        }
      }
    }
    for p in providers {
      for c in chips where book.heldGPUs[p, c] > 0 {
        let delivered = book.heldGPUs[p, c] * hours * fill[p, c]
        flows.contractHours[p, c] += delivered
        // A rounding remainder of capacity is not GPU-hours for sale.
        flows.spotSupply[p, c] = droppingResidue(
          flows.spotSupply[p, c] - delivered, of: flows.capacityHours[p, c])
      }
    }
  }

  /// Keeps this step's traded prices for the next step's expectations: per product, and the
  /// buyers' price signal per H100e-hour (spot spending over spot H100e-hours, of the reference
  /// chip when there is one, else of the whole market).
  func rememberSpotPrices() {
    var spend = 0.0
    var h100eHours = 0.0
    let watched = contractMarket.referenceChip
    for p in providers {
      for c in chips where flows.spotSold[p, c] > 0 {
        contractMarket.lastProductPrice[p, c] = flows.spotPrice[p, c]
        guard watched == nil || watched == c else { continue }
        spend += flows.spotSold[p, c] * flows.spotPrice[p, c]
        h100eHours += flows.spotSold[p, c] * compiled.chipH100e[c]
      }
    }
    contractMarket.lastPricePerH100e = h100eHours > 0 ? spend / h100eHours : .nan
  }
}
