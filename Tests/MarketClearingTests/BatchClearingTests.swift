import LinearAlgebra
import MarketClearing
import Testing

/// K markets that share everything but budgets, cleared in one batch, against each cleared alone.
@Suite struct BatchClearingTests {
  /// `k` budget sets: the market's budgets times LogNormal(0, spread) noise per buyer.
  static func budgetSets(_ market: Market, count k: Int, spread: Double, seed: UInt64) -> [[Double]]
  {
    var random = TestRandom(seed: seed)
    return (0..<k).map { _ in market.budgets.map { $0 * random.logNormal(mu: 0, s: spread) } }
  }

  /// (buyers, products, σ, K): one and several row chunks (1,024 rows each), σ from 1 to 6.
  @Test(arguments: [
    (60, 12, 2.0, 5), (300, 40, 1.0, 3), (1500, 30, 3.0, 9), (2100, 20, 6.0, 4), (200, 50, 1.3, 32),
  ])
  func eachAnswerIsTheAnswerAlone(_ n: Int, _ m: Int, _ sigma: Double, _ k: Int) throws {
    let market = randomMarket(buyers: n, products: m, sigma: sigma, seed: UInt64(n + m))
    let sets = Self.budgetSets(market, count: k, spread: 0.5, seed: 31)
    let options = ClearingOptions(kernel: .blas)
    let batch = try market.clear(budgetSets: sets, options: options)
    #expect(batch.count == k)
    for (index, set) in sets.enumerated() {
      let label = "\(n)x\(m) sigma=\(sigma) market \(index)"
      let alone = try Market(
        budgets: set, supplies: market.supplies, reservePrices: market.reservePrices,
        valuations: market.valuations, sigma: sigma
      )
      let solo = alone.clear(options: options)
      let together = batch[index]
      #expect(solo.converged && together.converged, "\(label)")
      #expect(together.clearingError <= options.tolerance, "\(label)")
      #expect(abs(together.iterations - solo.iterations) <= 2, "\(label): iterations")
      #expect(maxRelativeDifference(together.prices, solo.prices) < 1e-8, "\(label): prices")
      #expect(
        maxRelativeDifference(together.spending, solo.spending) < 1e-8, "\(label): spending")
      // The batch answer is an equilibrium of its own market, checked independently.
      let check = alone.check(together)
      #expect(check.holds(tolerance: 1e-8), "\(label): \(check.worst)")
    }
  }

  @Test func marketsWithDroppedBuyersAndProductsMatchToo() throws {
    var v = randomMarket(buyers: 400, products: 10, sigma: 2, seed: 5).valuations
    for j in 0..<10 { v[7, j] = 0 }  // an idle buyer
    for i in 0..<400 { v[i, 3] = 0 }  // a product nobody values
    var supplies = randomMarket(buyers: 400, products: 10, sigma: 2, seed: 5).supplies
    supplies[5] = 0  // a withdrawn product
    let base = randomMarket(buyers: 400, products: 10, sigma: 2, seed: 5)
    let market = try Market(
      budgets: base.budgets, supplies: supplies, reservePrices: base.reservePrices,
      valuations: v, sigma: 2)
    let sets = Self.budgetSets(market, count: 4, spread: 1, seed: 8)
    let batch = try market.clear(budgetSets: sets, options: ClearingOptions(kernel: .blas))
    for (index, set) in sets.enumerated() {
      let alone = try Market(
        budgets: set, supplies: supplies, reservePrices: market.reservePrices, valuations: v,
        sigma: 2)
      let solo = alone.clear(options: ClearingOptions(kernel: .blas))
      #expect(maxRelativeDifference(batch[index].prices, solo.prices) < 1e-8, "market \(index)")
      #expect(batch[index].idleBuyers == [7] && batch[index].withdrawnProducts == [5])
      #expect(batch[index].unvaluedProducts == [3])
      #expect(alone.check(batch[index]).holds(tolerance: 1e-8), "market \(index)")
    }
  }

  /// Markets that finish early leave the batch; the others keep their own iteration counts.
  @Test func finishedMarketsLeaveTheBatch() throws {
    let market = randomMarket(buyers: 500, products: 30, sigma: 2.5, seed: 12)
    // Widely spread budgets: the markets need different numbers of passes.
    let sets = Self.budgetSets(market, count: 6, spread: 2, seed: 3)
    let batch = try market.clear(budgetSets: sets, options: ClearingOptions(kernel: .blas))
    let counts = batch.map(\.iterations)
    let allConverged = batch.allSatisfy { $0.converged }
    #expect(allConverged)
    for (index, set) in sets.enumerated() {
      let alone = try Market(
        budgets: set, supplies: market.supplies, reservePrices: market.reservePrices,
        valuations: market.valuations, sigma: 2.5)
      #expect(
        abs(alone.clear(options: ClearingOptions(kernel: .blas)).iterations - counts[index]) <= 2)
    }
  }

  @Test func serialAndParallelBatchesAreBitIdentical() throws {
    let market = randomMarket(buyers: 2600, products: 25, sigma: 2, seed: 44)
    let sets = Self.budgetSets(market, count: 6, spread: 0.7, seed: 2)
    let serial = try market.clear(
      budgetSets: sets, options: ClearingOptions(kernel: .blas, parallel: false))
    let parallel = try market.clear(
      budgetSets: sets, options: ClearingOptions(kernel: .blas, parallel: true))
    for k in sets.indices {
      #expect(serial[k].iterations == parallel[k].iterations, "market \(k)")
      #expect(serial[k].prices.map(\.bitPattern) == parallel[k].prices.map(\.bitPattern))
      #expect(
        serial[k].allocation.elements.map(\.bitPattern)
          == parallel[k].allocation.elements.map(\.bitPattern), "market \(k)")
    }
  }

  /// Small markets (the loops) and an empty batch go through the same entry point.
  @Test func smallMarketsAndEmptyBatches() throws {
    let market = randomMarket(buyers: 3, products: 4, sigma: 2, seed: 1)
    #expect(try market.clear(budgetSets: []).isEmpty)
    let sets = Self.budgetSets(market, count: 3, spread: 1, seed: 4)
    let batch = try market.clear(budgetSets: sets)
    for (index, set) in sets.enumerated() {
      let alone = try Market(
        budgets: set, supplies: market.supplies, reservePrices: market.reservePrices,
        valuations: market.valuations, sigma: 2)
      #expect(batch[index].kernel == .loops)
      #expect(maxRelativeDifference(batch[index].prices, alone.clear().prices) < 1e-12)
    }
  }

  @Test func badBudgetSetsAreRefusedWithTheirPlace() {
    let market = randomMarket(buyers: 3, products: 2, sigma: 2, seed: 1)
    #expect(throws: MarketError.shapeMismatch(what: "budgetSets[1]", expected: 3, got: 2)) {
      try market.clear(budgetSets: [[1, 2, 3], [1, 2]])
    }
    #expect(
      throws: MarketError.invalidNumber(
        what: "budgetSets", index: [0, 2], value: -1, expected: "a finite number > 0")
    ) {
      try market.clear(budgetSets: [[1, 2, -1]])
    }
  }
}
