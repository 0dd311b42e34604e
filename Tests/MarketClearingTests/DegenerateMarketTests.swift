import LinearAlgebra
import MarketClearing
import Testing

/// Markets with parts that cannot take part in clearing.
@Suite struct DegenerateMarketTests {
  @Test("A product with zero supply is withdrawn: nothing sold, reserve price shown")
  func zeroSupply() throws {
    let market = try Market(
      budgets: [10, 5], supplies: [0, 4], reservePrices: [1.5, 0],
      valuations: Matrix([[3, 1], [1, 1]]), sigma: 2)
    let eq = market.clear()
    #expect(eq.withdrawnProducts == [0])
    #expect(eq.prices[0] == 1.5)
    #expect(eq.allocation[0, 0] == 0 && eq.allocation[1, 0] == 0)
    #expect(eq.unsold[0] == 0)
    // The other product clears alone: p = 15 / 4.
    #expect(relativelyClose(eq.prices[1], 15.0 / 4.0, 1e-9))
    #expect(market.check(eq).holds(tolerance: 1e-9))
  }

  @Test("A product nobody values stays at its reserve price, unsold", arguments: [0.0, 2.0])
  func unvaluedProduct(reserve: Double) throws {
    let market = try Market(
      budgets: [10, 5], supplies: [4, 7], reservePrices: [0, reserve],
      valuations: Matrix([[3, 0], [1, 0]]),
      sigma: 2)
    let eq = market.clear()
    #expect(eq.unvaluedProducts == [1])
    #expect(eq.prices[1] == reserve)
    #expect(eq.unsold[1] == 7)
    #expect(relativelyClose(eq.prices[0], 15.0 / 4.0, 1e-9))
  }

  @Test("A buyer who values nothing available keeps its budget and is reported")
  func idleBuyer() throws {
    let market = try Market(
      budgets: [10, 5, 8], supplies: [4, 0], reservePrices: [0, 0],
      valuations: Matrix([[1, 0], [0, 2], [0, 0]]), sigma: 3)
    let eq = market.clear()
    #expect(eq.idleBuyers == [1, 2])
    #expect(eq.spending[1] == 0 && eq.spending[2] == 0)
    #expect(relativelyClose(eq.prices[0], 10.0 / 4.0, 1e-9))
    #expect(market.check(eq).holds(tolerance: 1e-9))
  }

  @Test("A market where nothing can trade returns reserve prices at once")
  func nothingTrades() throws {
    let market = try Market(
      budgets: [1], supplies: [0, 3], reservePrices: [0.5, 0.25], valuations: Matrix([[1, 0]]),
      sigma: 2)
    let eq = market.clear()
    #expect(eq.converged)
    #expect(eq.prices == [0.5, 0.25])
    #expect(eq.idleBuyers == [0])
    #expect(eq.unsold == [0, 3])
  }

  @Test("Reserve prices bind: supply left unsold at the reserve, nothing over-sold")
  func bindingReserve() throws {
    // Demand at p = 2 is 10/2 = 5 < 8: the product does not sell out.
    let market = try Market(
      budgets: [10], supplies: [8], reservePrices: [2], valuations: Matrix([[1]]), sigma: 2)
    let eq = market.clear()
    #expect(eq.prices[0] == 2)
    #expect(relativelyClose(eq.unsold[0], 3, 1e-12))
  }

  @Test("Invalid markets are refused with the offending value named")
  func invalidMarkets() {
    let v = Matrix([[1.0]])
    #expect(
      throws: MarketError.invalidNumber(
        what: "budget", index: [0], value: -1, expected: "a finite number > 0")
    ) {
      try Market(budgets: [-1], supplies: [1], reservePrices: [0], valuations: v, sigma: 2)
    }
    #expect(throws: MarketError.invalidSigma(0.5)) {
      try Market(budgets: [1], supplies: [1], reservePrices: [0], valuations: v, sigma: 0.5)
    }
    #expect(throws: MarketError.shapeMismatch(what: "valuation columns", expected: 2, got: 1)) {
      try Market(budgets: [1], supplies: [1, 2], reservePrices: [0, 0], valuations: v, sigma: 2)
    }
    #expect(throws: MarketError.self) {
      try Market(budgets: [1], supplies: [.nan], reservePrices: [0], valuations: v, sigma: 2)
    }
    #expect(throws: MarketError.empty(what: "buyers")) {
      try Market(
        budgets: [], supplies: [1], reservePrices: [0], valuations: Matrix(rows: 0, columns: 1),
        sigma: 2)
    }
  }
}
