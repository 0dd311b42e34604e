import LinearAlgebra
import MarketClearing
import Testing

/// Markets whose equilibrium is known in closed form.
@Suite struct ClosedFormTests {
  @Test(
    "One buyer, one product: p = max(B/S, r)",
    arguments: [
      (1.0, 1.0, 0.0), (1e-6, 1e12, 0.0), (1e12, 1e-6, 0.0), (1e12, 1e12, 2.0), (5.0, 2.0, 3.0),
      (5.0, 2.0, 2.4999), (1e-6, 1e-6, 1e-3),
    ], [1.0, 2.0, 50.0])
  func singleBuyerSingleProduct(budgetSupplyReserve: (Double, Double, Double), sigma: Double) throws
  {
    let (b, s, r) = budgetSupplyReserve
    let market = try Market(
      budgets: [b], supplies: [s], reservePrices: [r], valuations: Matrix([[1.7]]), sigma: sigma)
    let eq = market.clear()
    let expected = max(b / s, r)
    #expect(eq.converged)
    #expect(relativelyClose(eq.prices[0], expected, 1e-9), "price \(eq.prices[0]) vs \(expected)")
    let sold = s - eq.unsold[0]
    #expect(relativelyClose(sold, min(s, b / expected), 1e-9))
    #expect(eq.spending[0] <= b)
  }

  @Test("One product, many buyers: p = max(ΣB/S, r), each buys B_i/p")
  func singleProductManyBuyers() throws {
    let budgets = [3.0, 1e-6, 7e5, 42.0]
    for r in [0.0, 1.0, 1e6] {
      let market = try Market(
        budgets: budgets, supplies: [10], reservePrices: [r],
        valuations: Matrix([[1], [2], [0.5], [9]]), sigma: 3)
      let eq = market.clear()
      let p = max(budgets.reduce(0, +) / 10, r)
      #expect(relativelyClose(eq.prices[0], p, 1e-9), "reserve \(r)")
      for i in budgets.indices {
        #expect(
          relativelyClose(eq.allocation[i, 0], budgets[i] / p, 1e-9), "buyer \(i), reserve \(r)")
      }
    }
  }

  /// σ = 1: buyer i spends B_i V_ij / Σ_k V_ik on product j whatever the prices, so
  /// p_j = max(r_j, Σ_i B_i V_ij / Σ_k V_ik / S_j).
  @Test("Cobb-Douglas prices and allocation in closed form", arguments: [1 as UInt64, 2, 3, 4, 5])
  func cobbDouglas(seed: UInt64) {
    let market = randomMarket(buyers: 30, products: 8, sigma: 1, seed: seed, reserveShare: 0.5)
    let v = market.valuations
    var spend = [Double](repeating: 0, count: 8)
    for i in 0..<30 {
      let total = (0..<8).reduce(0.0) { $0 + v[i, $1] }
      for j in 0..<8 { spend[j] += market.budgets[i] * v[i, j] / total }
    }
    let expected = (0..<8).map { max(market.reservePrices[$0], spend[$0] / market.supplies[$0]) }
    let eq = market.clear()
    #expect(eq.converged)
    #expect(eq.iterations <= 2, "σ = 1 is solved by the first step")
    #expect(maxRelativeDifference(eq.prices, expected) < 1e-12)
    for i in 0..<30 {
      let total = (0..<8).reduce(0.0) { $0 + v[i, $1] }
      for j in 0..<8 {
        let x = market.budgets[i] * v[i, j] / total / expected[j]
        #expect(
          relativelyClose(eq.allocation[i, j], x, 1e-9) || (x == 0 && eq.allocation[i, j] == 0))
      }
    }
  }

  /// n identical buyers and m identical products: every price is ΣB / ΣS.
  @Test("Symmetric market", arguments: [1.0, 1.5, 4.0, 50.0])
  func symmetric(sigma: Double) throws {
    let market = try Market(
      budgets: [2, 2, 2], supplies: [1, 1, 1, 1], reservePrices: [0, 0, 0, 0],
      valuations: Matrix(rows: 3, columns: 4, repeating: 0.7), sigma: sigma)
    let eq = market.clear()
    for p in eq.prices { #expect(relativelyClose(p, 6.0 / 4.0, 1e-9)) }
  }
}
