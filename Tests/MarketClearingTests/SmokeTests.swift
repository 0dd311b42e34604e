import LinearAlgebra
import MarketClearing
import Testing

@Test func smoke() throws {
  let market = try Market(
    budgets: [1.2e9, 3e8], supplies: [1.5e8, 1e8], reservePrices: [1.1, 0.5],
    valuations: Matrix([[1.0, 0.8], [0.5, 1.0]]), sigma: 2)
  let eq = market.clear()
  print(eq.prices, eq.iterations, eq.clearingError, eq.converged)
  let check = market.check(eq)
  print(check.named.map { "\($0.name)=\($0.violation.value)" })
  #expect(eq.converged)
  #expect(check.holds(tolerance: 1e-8))
}
