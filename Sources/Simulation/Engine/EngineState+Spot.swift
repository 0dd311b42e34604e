import Foundation
import LinearAlgebra
import MarketClearing

/// Phase 6: spot budgets, resale of surplus contract hours, the spot market and its clearing.
extension EngineState {
  /// Pays contracts, credits contracts (own use is credited after the clearing), sets each buyer's spot budget and clears
  /// the spot market over the (provider, chip) products that have GPU-hours to sell.
  ///
  /// Spot budget: desired spending at the expected price (`PriceResponse`, never above cash)
  /// less contract payments. Valuation of product (p, c) for buyer b:
  /// `h100e(c) · valueFactor(c) · affinity(b, p)`, or 0 when an export ban with cloud access
  /// covers c for b's region and p is elsewhere.
  func clearSpot() throws(SimulationError) {
    var contractPaid = contractMarket.paid
    for b in buyers { flows.buyerCompute[b] += contractMarket.compute[b] }
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      let b = compiled.contractBuyer[k]
      for c in chips where flows.contractDelivered[k, c] > 0 {
        let paid = flows.contractDelivered[k, c] * contract.priceUSDPerGPUHour
        let compute = flows.contractDelivered[k, c] * compiled.chipH100e[c]
        contractPaid[b] += paid
        flows.buyerCompute[b] += compute
        let p = compiled.contractProvider[k]
        flows.contractSpendByProvider[b, p] += paid
        flows.contractComputeByProvider[b, p] += compute
      }
    }
    for b in buyers {
      flows.buyerContractSpend[b] = contractPaid[b]
      flows.buyerContractCompute[b] = flows.buyerCompute[b]
    }
    let expected = expectedPricePerH100e
    var desired = IndexedArray<Buyer, Double>(repeating: 0, count: buyers.count)
    for b in buyers {
      flows.buyerSpend[b] = contractPaid[b]
      desired[b] = min(desiredSpending(buyer: b, price: expected), flows.buyerBudget[b])
      flows.buyerSpotBudget[b] = max(0, desired[b] - contractPaid[b])
    }
    offerSurplusContractHours(desired: desired, price: expected)

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
      let spot = flows.buyerSpotBudget[b]
      if spot > 1e-6 {
        spotBuyers.append(b)
        budgets.append(spot)
      }
    }
    guard !products.isEmpty, !spotBuyers.isEmpty else {
      rememberSpotPrices()
      return
    }
    flows.spotProductCount = products.count

    let chipValue = compiled.chipValue
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
    // Warm start: last month's prices for the same products (Cobb-Douglas for new ones).
    let equilibrium = market.clear(
      options: ClearingOptions(
        tolerance: settings.tolerance, maxIterations: settings.maxIterations),
      startingPrices: products.map { warmStartPrice[$0.provider, $0.chip] })
    let solved = IndexedArray<SpotProduct, Double>(equilibrium.prices)
    for (j, (p, c)) in products.indexed() { warmStartPrice[p, c] = solved[j] }
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
    let h100e = IndexedArray<SpotProduct, Double>(products.map { compiled.chipH100e[$0.chip] })
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
    rememberSpotPrices()
  }
}
