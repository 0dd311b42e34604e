import Foundation
import LinearAlgebra
import MarketClearing
import PropertyBased
import Testing

/// Random markets, drawn by the property-testing library and shrunk on failure, always clear to
/// an answer that meets the equilibrium conditions that `Market.check` re-derives independently.
@Suite struct RandomMarketProperties {
  /// A market drawn from budgets, supplies, reserves and valuations spanning many magnitudes.
  static let maxBuyers = 12
  static let maxProducts = 8

  /// A market drawn from budgets, supplies, reserves and valuations spanning many magnitudes:
  /// fixed-size draws of which the first `buyers` and `products` are used, so that shrinking
  /// can cut the sizes and the values independently.
  static let markets = zip(
    Gen.int(in: 1...maxBuyers), Gen.int(in: 1...maxProducts),
    Gen.double(in: -3...9).array(of: maxBuyers), Gen.double(in: -3...9).array(of: maxProducts),
    Gen.double(in: 0...1).array(of: maxProducts),
    Gen.double(in: 0...3).array(of: maxBuyers * maxProducts), Gen.double(in: 1.01...20)
  ).map { buyers, products, budgets, supplies, reserves, valuations, sigma in
    MarketCase(
      buyers: buyers, products: products, budgets: budgets.prefix(buyers).map { pow(10, $0) },
      supplies: supplies.prefix(products).map { pow(10, $0) },
      reserves: Array(reserves.prefix(products)),
      // Valuations below 0.5 become zero: products some buyers do not want.
      valuations: (0..<buyers).flatMap { i in
        (0..<products).map { j in
          let v = valuations[i * maxProducts + j]
          return v < 0.5 ? 0 : v
        }
      }, sigma: sigma)
  }

  struct MarketCase: Sendable, CustomStringConvertible {
    var buyers: Int
    var products: Int
    var budgets: [Double]
    var supplies: [Double]
    var reserves: [Double]
    var valuations: [Double]
    var sigma: Double
    var description: String {
      "\(buyers)x\(products) sigma \(sigma) budgets \(budgets) supplies \(supplies) "
        + "reserves \(reserves) valuations \(valuations)"
    }
  }

  @Test("Random markets meet the equilibrium conditions")
  func equilibriumConditions() async {
    await propertyCheck(count: 200, input: Self.markets) { c in
      var v = Matrix(rows: c.buyers, columns: c.products)
      for i in 0..<c.buyers {
        for j in 0..<c.products { v[i, j] = c.valuations[i * c.products + j] }
      }
      guard
        let market = try? Market(
          budgets: c.budgets, supplies: c.supplies, reservePrices: c.reserves, valuations: v,
          sigma: c.sigma)
      else {
        Issue.record("a valid market was refused: \(c)")
        return
      }
      let eq = market.clear()
      let check = market.check(eq)
      #expect(eq.converged, "error \(eq.clearingError) after \(eq.iterations) passes: \(c)")
      #expect(
        check.holds(tolerance: 1e-8),
        "\(check.named.map { "\($0.name)=\($0.violation.value)" }): \(c)")
      for j in 0..<market.productCount {
        #expect(eq.prices[j] >= market.reservePrices[j] * (1 - 1e-12))
        #expect(eq.unsold[j] >= 0 && eq.unsold[j] <= market.supplies[j] * (1 + 1e-12))
      }
    }
  }
}
