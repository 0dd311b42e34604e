import Foundation
import LinearAlgebra
import MarketClearing
import Testing

/// Every answer satisfies the equilibrium conditions, checked by `Market.check`.
@Suite struct EquilibriumConditionTests {
  static let cases: [(buyers: Int, products: Int, sigma: Double, seed: UInt64)] = [
    (1, 1, 2, 1), (1, 7, 2, 2), (9, 1, 2, 3), (10, 20, 1, 4), (10, 20, 2, 5), (200, 50, 2, 6),
    (40, 15, 1.01, 7), (40, 15, 8, 8), (30, 10, 50, 9), (120, 3, 4, 10),
  ]

  @Test("Random markets with reserves and zero valuations", arguments: cases)
  func conditionsHold(c: (buyers: Int, products: Int, sigma: Double, seed: UInt64)) {
    let market = randomMarket(buyers: c.buyers, products: c.products, sigma: c.sigma, seed: c.seed)
    let eq = market.clear()
    let check = market.check(eq)
    #expect(eq.converged, "\(c): error \(eq.clearingError) after \(eq.iterations)")
    #expect(eq.clearingError <= 1e-9)
    #expect(
      check.holds(tolerance: 1e-8),
      "\(c): \(check.named.map { "\($0.name)=\($0.violation.value)" })")
    for j in 0..<market.productCount {
      #expect(eq.prices[j] >= market.reservePrices[j])
      #expect(eq.unsold[j] >= 0 && eq.unsold[j] <= market.supplies[j])
    }
  }

  @Test("Budgets and supplies spanning 1e-6 to 1e12", arguments: [1.0, 2.0, 6.0])
  func extremeMagnitudes(sigma: Double) throws {
    var random = TestRandom(seed: 99)
    let n = 12
    let m = 9
    let budgets = (0..<n).map { _ in pow(10, random.uniform(-6...12)) }
    let supplies = (0..<m).map { _ in pow(10, random.uniform(-6...12)) }
    var v = Matrix(rows: n, columns: m)
    for i in 0..<n { for j in 0..<m { v[i, j] = random.uniform(0.5...2) } }
    let market = try Market(
      budgets: budgets, supplies: supplies, reservePrices: [Double](repeating: 0, count: m),
      valuations: v,
      sigma: sigma)
    let eq = market.clear()
    let check = market.check(eq)
    #expect(eq.converged, "error \(eq.clearingError)")
    #expect(
      check.holds(tolerance: 1e-8), "\(check.named.map { "\($0.name)=\($0.violation.value)" })")
  }

  @Test("σ = 50 with valuations many orders apart takes the log-domain path and still clears")
  func extremeSigma() throws {
    let v = Matrix([[1, 1e-9, 0.5], [1e-12, 1, 1e-3], [0.9, 0.8, 1]])
    let market = try Market(
      budgets: [1e9, 1e-3, 5], supplies: [1e6, 1e-2, 3], reservePrices: [0, 0, 0], valuations: v,
      sigma: 50)
    let eq = market.clear()
    let check = market.check(eq)
    #expect(eq.usedLogDomain)
    #expect(eq.converged, "error \(eq.clearingError)")
    #expect(
      check.holds(tolerance: 1e-8), "\(check.named.map { "\($0.name)=\($0.violation.value)" })")
  }

  @Test("The check catches a wrong answer")
  func checkDetectsPerturbation() {
    let market = randomMarket(buyers: 20, products: 6, sigma: 2, seed: 5, reserveShare: 0)
    let eq = market.clear()
    var prices = eq.prices
    prices[2] *= 1.01
    let check = market.check(prices: prices, allocation: eq.allocation)
    #expect(check.worst > 1e-3)
    #expect(check.overBudget.value > 1e-4 || check.suboptimalBundle.value > 1e-3)
    var allocation = eq.allocation
    allocation[0, 0] += market.supplies[0]
    #expect(market.check(prices: eq.prices, allocation: allocation).overSold.value > 0.5)
  }

  @Test("Not converging is reported, with the best answer found")
  func nonConvergence() {
    let market = randomMarket(buyers: 30, products: 10, sigma: 50, seed: 3)
    let eq = market.clear(options: ClearingOptions(maxIterations: 3))
    #expect(!eq.converged)
    #expect(eq.clearingError > 1e-9)
    #expect(eq.iterations <= 3)
    for j in 0..<10 { #expect(eq.prices[j].isFinite && eq.prices[j] >= market.reservePrices[j]) }
  }
}
