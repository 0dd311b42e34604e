import Foundation
import Testing

@testable import Simulation

/// Demand in quantities: constant-elasticity demand bounded by cash.
@Suite struct PriceResponseTests {
  @Test func unitElasticDemandSpendsTheCashAtAnyPrice() {
    for price in [0.5, 1, 2, 8] {
      let s = PriceResponse.spending(cash: 100, price: price, reference: 2, elasticity: 1)
      #expect(abs(s - 100) < 1e-12)
    }
  }

  @Test func spendingMatchesTheClosedForm() {
    // ε = 1.8 at twice the reference price: S = C · 2^(−0.8).
    let s = PriceResponse.spending(cash: 100, price: 4, reference: 2, elasticity: 1.8)
    #expect(abs(s - 100 * pow(2, -0.8)) < 1e-9)
    // ε = 0.4 at half the reference price: S = C · 0.5^0.6.
    let q = PriceResponse.spending(cash: 100, price: 1, reference: 2, elasticity: 0.4)
    #expect(abs(q - 100 * pow(0.5, 0.6)) < 1e-9)
  }

  @Test func elasticBuyersLeaveMoneyUnspentWhenPricesRise() {
    var last = Double.infinity
    for price in stride(from: 2.0, through: 10, by: 0.5) {
      let s = PriceResponse.spending(cash: 100, price: price, reference: 2, elasticity: 1.5)
      #expect(s <= last)
      last = s
    }
    #expect(last < 100)
  }

  @Test func quantitySeekingBuyersPayUpToTheirCash() {
    var last = 0.0
    for price in stride(from: 0.2, through: 10, by: 0.2) {
      let s = PriceResponse.spending(cash: 100, price: price, reference: 2, elasticity: 0.4)
      #expect(s >= last - 1e-12)
      #expect(s <= 100 + 1e-12)
      last = s
    }
    #expect(abs(last - 100) < 1e-12)
  }

  @Test func quantityDemandedFallsWithPriceWheneverCashDoesNotBind() {
    for elasticity in [0.0, 0.4, 1.0, 1.8] {
      var last = Double.infinity
      for price in stride(from: 0.5, through: 8, by: 0.5) {
        let q =
          PriceResponse.spending(cash: 100, price: price, reference: 2, elasticity: elasticity)
          / price
        #expect(q <= last * (1 + 1e-12), "ε \(elasticity) at \(price)")
        last = q
      }
    }
    #expect(PriceResponse.spending(cash: 0, price: 1, reference: 2, elasticity: 0.4) == 0)
  }
}
