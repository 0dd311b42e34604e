import Foundation
import LinearAlgebra
import MarketClearing

/// Phase 5: budgets, the spot market and its clearing.
extension EngineState {
  /// Sets each buyer's budget, pays contracts, credits own use and contracts, and clears the
  /// spot market over the (provider, chip) products that have GPU-hours to sell.
  ///
  /// Budget: `B_b(t) = budget path · event multipliers · exp(σ z − σ²/2)` (the noise term has
  /// mean 1; σ = `randomness.demandNoise`). The spot budget is what is left after contract
  /// payments. Valuation of product (p, c) for buyer b: `h100e(c) · valueFactor(c) · affinity(b, p)`,
  /// or 0 when
  /// an export ban with cloud access covers c for b's region and p is elsewhere.
  mutating func clearSpot() throws(SimulationError) {
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
    var contractPaid = IndexedArray<Buyer, Double>(repeating: 0, count: buyers.count)
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let b = compiled.contractBuyer[k]
      for c in chips where flows.contractDelivered[k, c] > 0 {
        contractPaid[b] += flows.contractDelivered[k, c] * contract.priceUSDPerGPUHour
        flows.buyerCompute[b] += flows.contractDelivered[k, c] * compiled.chips[c].h100e
      }
    }
    for p in providers {
      guard let b = compiled.ownUseBuyer[p] else { continue }
      for c in chips { flows.buyerCompute[b] += flows.ownHours[p, c] * compiled.chips[c].h100e }
    }
    for b in buyers {
      flows.buyerSpend[b] = contractPaid[b]
      flows.buyerSpotBudget[b] = max(0, flows.buyerBudget[b] - contractPaid[b])
    }

    var products = IndexedArray<SpotProduct, (provider: Index<Provider>, chip: Index<Chip>)>()
    for p in providers {
      for c in chips where flows.spotSupply[p, c] > 0 {
        products.append((p, c))
        flows.spotPrice[p, c] = flows.reserve[p, c]
      }
    }
    var spotBuyers = IndexedArray<SpotBuyer, Index<Buyer>>()
    var budgets: [Double] = []
    for b in buyers {
      let spot = flows.buyerBudget[b] - contractPaid[b]
      if spot > 1e-6 {
        spotBuyers.append(b)
        budgets.append(spot)
      }
    }
    guard !products.isEmpty, !spotBuyers.isEmpty else { return }
    flows.spotProductCount = products.count

    let chipValue = IndexedArray<Chip, Double>(compiled.chips.map { $0.h100e * $0.valueFactor })
    var values = Table<SpotBuyer, SpotProduct, Double>(
      rows: spotBuyers.count, columns: products.count, repeating: 0)
    for (i, b) in spotBuyers.indexed() {
      let region = compiled.buyerRegion[b]
      for (j, (p, c)) in products.indexed() {
        if compiled.providerRegion[p] != region
          && schedule.isCloudBanned(region: region, chip: c, step: t)
        {
          continue
        }
        values[i, j] = chipValue[c] * compiled.affinity[b, p]
      }
    }
    let market: Market
    do {
      market = try Market(
        budgets: budgets, supplies: products.map { flows.spotSupply[$0.provider, $0.chip] },
        reservePrices: products.map { flows.reserve[$0.provider, $0.chip] },
        valuations: Matrix(
          rows: spotBuyers.count, columns: products.count, elements: values.elements),
        sigma: compiled.scenario.market.sigma)
    } catch {
      throw .clearingFailed(month: month.description, detail: error.description)
    }
    let settings = compiled.scenario.market
    let equilibrium = market.clear(
      options: ClearingOptions(tolerance: settings.tolerance, maxIterations: settings.maxIterations)
    )
    flows.clearingIterations = equilibrium.iterations
    flows.clearingError = equilibrium.clearingError

    // Price caps: the price stops at the cap (never below reserve); the allocation is kept
    // (rationing in proportion to equilibrium demand) and spending falls with the price.
    var price = IndexedArray<SpotProduct, Double>(equilibrium.prices)
    for (j, (p, c)) in products.indexed() {
      let cap = schedule.priceCap[t, c]
      if cap.isFinite { price[j] = min(price[j], max(cap, flows.reserve[p, c])) }
    }
    // One pass over the allocation, row by row (each column sum still adds buyers in order).
    let h100e = IndexedArray<SpotProduct, Double>(products.map { compiled.chips[$0.chip].h100e })
    var sold = IndexedArray<SpotProduct, Double>(repeating: 0, count: products.count)
    let allocation = Table<SpotBuyer, SpotProduct, Double>(
      rows: spotBuyers.count, columns: products.count, elements: equilibrium.allocation.elements)
    for (i, b) in spotBuyers.indexed() {
      var spend = 0.0
      var compute = 0.0
      for j in products.indices {
        let units = allocation[i, j]
        sold[j] += units
        spend += units * price[j]
        compute += units * h100e[j]
      }
      flows.buyerSpend[b] += spend
      flows.buyerSpotSpend[b] = spend
      flows.buyerCompute[b] += compute
    }
    for (j, (p, c)) in products.indexed() {
      flows.spotPrice[p, c] = price[j]
      flows.spotSold[p, c] = sold[j]
    }
    flows.lastMarket = SpotMarket(
      market: market, equilibrium: equilibrium, products: products, buyers: spotBuyers)
  }
}
