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
    for b in 0..<nB {
      var budget =
        max(0, compiled.buyers[b].budgetUSDPerMonth.value(at: month)) * Double(compiled.stepMonths)
        * schedule.demandMultiplier(buyer: b, month: t, month)
      if noise > 0 {
        budget *= exp(noise * demandNoise.normal() - noise * noise / 2)
      }
      buyerBudget[b] = budget
    }
    var contractPaid = [Double](repeating: 0, count: nB)
    for (k, contract) in compiled.contracts.enumerated() where contract.isActive(in: month) {
      let b = compiled.contractBuyer[k]
      for c in 0..<nC where contractDelivered[k][c] > 0 {
        contractPaid[b] += contractDelivered[k][c] * contract.priceUSDPerGPUHour
        buyerCompute[b] += contractDelivered[k][c] * compiled.chips[c].h100e
      }
    }
    for p in 0..<nP {
      guard let b = compiled.ownUseBuyer[p] else { continue }
      for c in 0..<nC { buyerCompute[b] += ownHours[p * nC + c] * compiled.chips[c].h100e }
    }
    for b in 0..<nB {
      buyerSpend[b] = contractPaid[b]
      buyerSpotBudget[b] = max(0, buyerBudget[b] - contractPaid[b])
    }

    var products: [Int] = []
    for i in 0..<(nP * nC) where spotSupply[i] > 0 {
      products.append(i)
      spotPrice[i] = reserve[i]
    }
    var buyers: [Int] = []
    var budgets: [Double] = []
    for b in 0..<nB {
      let spot = buyerBudget[b] - contractPaid[b]
      if spot > 1e-6 {
        buyers.append(b)
        budgets.append(spot)
      }
    }
    guard !products.isEmpty, !buyers.isEmpty else { return }
    spotProductCount = products.count

    let m = products.count
    let chipValue = compiled.chips.map { $0.h100e * $0.valueFactor }
    var values = [Double](repeating: 0, count: buyers.count * m)
    for (i, b) in buyers.enumerated() {
      let region = compiled.buyerRegion[b]
      let affinityRow = b * nP
      for (j, product) in products.enumerated() {
        let p = product / nC
        let c = product % nC
        if compiled.providerRegion[p] != region
          && schedule.isCloudBanned(region: region, chip: c, month: t)
        {
          continue
        }
        values[i * m + j] = chipValue[c] * compiled.affinity[affinityRow + p]
      }
    }
    let market: Market
    do {
      market = try Market(
        budgets: budgets, supplies: products.map { spotSupply[$0] },
        reservePrices: products.map { reserve[$0] },
        valuations: Matrix(rows: buyers.count, columns: m, elements: values),
        sigma: compiled.scenario.market.sigma)
    } catch {
      throw .clearingFailed(month: month.description, detail: error.description)
    }
    let settings = compiled.scenario.market
    // Warm start: last month's prices for the same products (Cobb-Douglas for new ones).
    let equilibrium = market.clear(
      options: ClearingOptions(
        tolerance: settings.tolerance, maxIterations: settings.maxIterations),
      startingPrices: products.map { warmStartPrice[$0] })
    for (j, product) in products.enumerated() { warmStartPrice[product] = equilibrium.prices[j] }
    clearingIterations = equilibrium.iterations
    clearingError = equilibrium.clearingError

    // Price caps: the price stops at the cap (never below reserve); the allocation is kept
    // (rationing in proportion to equilibrium demand) and spending falls with the price.
    var price = equilibrium.prices
    for (j, product) in products.enumerated() {
      let cap = schedule.priceCap[t * nC + product % nC]
      if cap.isFinite { price[j] = min(price[j], max(cap, reserve[product])) }
    }
    // One pass over the allocation, row by row (each column sum still adds buyers in order).
    let h100e = products.map { compiled.chips[$0 % nC].h100e }
    var sold = [Double](repeating: 0, count: m)
    equilibrium.allocation.elements.withUnsafeBufferPointer { x in
      for (i, b) in buyers.enumerated() {
        var spend = 0.0
        var compute = 0.0
        let row = i * m
        for j in 0..<m {
          let units = x[row + j]
          sold[j] += units
          spend += units * price[j]
          compute += units * h100e[j]
        }
        buyerSpend[b] += spend
        buyerSpotSpend[b] = spend
        buyerCompute[b] += compute
      }
    }
    for (j, product) in products.enumerated() {
      spotPrice[product] = price[j]
      spotSold[product] = sold[j]
    }
    lastMarket = (market, equilibrium, products, buyers)
  }
}
