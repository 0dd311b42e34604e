import LinearAlgebra
import Testing

@testable import MarketClearing

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

  /// The second clear through a workspace builds W in the first one's buffer.
  @Test func aWorkspaceKeepsItsBuffer() {
    let workspace = ClearingWorkspace()
    let market = randomMarket(buyers: 1500, products: 40, sigma: 2, seed: 6)
    _ = market.clear(workspace: workspace)
    let first = workspace.weightStorage.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    #expect(workspace.weightStorage.count == 1500 * 40)
    _ = market.clear(workspace: workspace)
    let second = workspace.weightStorage.withUnsafeBufferPointer {
      UInt(bitPattern: $0.baseAddress)
    }
    #expect(first == second)
  }

  /// A recycled answer's allocation storage holds the next clear's allocation.
  @Test func aRecycledAnswerHoldsTheNextAllocation() {
    let workspace = ClearingWorkspace()
    let market = randomMarket(buyers: 1300, products: 30, sigma: 2, seed: 8)
    let expected = market.clear()
    var answer: Equilibrium? = market.clear(workspace: workspace)
    let address = answer!.allocation.elements.withUnsafeBufferPointer {
      UInt(bitPattern: $0.baseAddress)
    }
    workspace.recycle(answer.take()!)
    let next = market.clear(workspace: workspace)
    #expect(
      next.allocation.elements.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        == address)
    #expect(
      next.allocation.elements.map(\.bitPattern) == expected.allocation.elements.map(\.bitPattern))
    #expect(workspace.allocationStorage.isEmpty)
    // A batch reuses recycled answers too.
    let sets = [market.budgets, market.budgets.map { 2 * $0 }]
    let first = try! market.clear(budgetSets: sets, workspace: workspace)
    let addresses = Set(
      first.map {
        $0.allocation.elements.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
      })
    let firstPrices = first[1].prices
    workspace.recycle(consume first)
    let second = try! market.clear(budgetSets: sets, workspace: workspace)
    let reused = Set(
      second.map {
        $0.allocation.elements.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
      })
    #expect(reused == addresses)
    #expect(maxRelativeDifference(second[1].prices, firstPrices) < 1e-14)
  }
}
