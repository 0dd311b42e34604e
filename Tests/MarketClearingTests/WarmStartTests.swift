import LinearAlgebra
import MarketClearing
import Testing

/// Starting prices change only how many passes a clear takes, never the answer.
@Suite struct WarmStartTests {
  @Test(arguments: [(40, 8, 2.0), (300, 30, 4.0), (1200, 20, 1.5)])
  func startingAtTheAnswerTakesOnePassAndKeepsIt(_ n: Int, _ m: Int, _ sigma: Double) {
    let market = randomMarket(buyers: n, products: m, sigma: sigma, seed: 9)
    let cold = market.clear()
    let warm = market.clear(startingPrices: cold.prices)
    #expect(cold.converged && warm.converged)
    #expect(warm.iterations <= 2, "\(warm.iterations) passes from the equilibrium")
    #expect(warm.iterations < cold.iterations)
    #expect(maxRelativeDifference(warm.prices, cold.prices) < 1e-8)
  }

  /// A nearby market's prices (last month's) help; nonsense entries fall back to the usual start.
  @Test func nearbyAndNonsensePrices() {
    let market = randomMarket(buyers: 500, products: 25, sigma: 2.5, seed: 3)
    let cold = market.clear()
    let nearby = cold.prices.enumerated().map { $1 * (1 + 0.02 * Double($0 % 3 - 1)) }
    let warm = market.clear(startingPrices: nearby)
    #expect(warm.converged && maxRelativeDifference(warm.prices, cold.prices) < 1e-8)
    #expect(warm.iterations <= cold.iterations)
    var nonsense = cold.prices
    nonsense[0] = .nan
    nonsense[1] = 0
    nonsense[2] = -4
    nonsense[3] = .infinity
    nonsense[4] = 1e300
    let odd = market.clear(startingPrices: nonsense)
    #expect(odd.converged && maxRelativeDifference(odd.prices, cold.prices) < 1e-8)
    let short = market.clear(startingPrices: [1, 2])
    #expect(short.converged && maxRelativeDifference(short.prices, cold.prices) < 1e-8)
  }

  /// A workspace changes no bit of the answer, whether it is reused for the same, a smaller or a
  /// larger market.
  @Test func aWorkspaceChangesNothing() {
    let workspace = ClearingWorkspace()
    for (n, m, seed) in [(1500, 40, 1), (1500, 40, 2), (300, 10, 3), (2100, 50, 4)] {
      let market = randomMarket(buyers: n, products: m, sigma: 2, seed: UInt64(seed))
      let fresh = market.clear()
      let reused = market.clear(workspace: workspace)
      #expect(fresh.iterations == reused.iterations, "\(n)x\(m)")
      #expect(fresh.prices.map(\.bitPattern) == reused.prices.map(\.bitPattern), "\(n)x\(m)")
      #expect(
        fresh.allocation.elements.map(\.bitPattern) == reused.allocation.elements.map(\.bitPattern),
        "\(n)x\(m)")
      #expect(fresh.spending.map(\.bitPattern) == reused.spending.map(\.bitPattern), "\(n)x\(m)")
    }
  }
}
