import Foundation
import Testing

@testable import Simulation

/// The term-contract market's pure parts against closed forms and the signs theory fixes.
@Suite struct ContractMarketTests {
  let cost = CostRecovery(costOfCapital: 0.10, lifeYears: 6, hoursPerYear: 8760 * 0.95)

  @Test func capitalRecoveryFactorMatchesTheAnnuityFormula() {
    // CRF(10%, 6) = 0.1 · 1.1^6 / (1.1^6 − 1) = 0.229607 (annuity tables).
    #expect(abs(CostRecovery.capitalRecoveryFactor(rate: 0.10, years: 6) - 0.229607) < 1e-6)
    // CRF(r, 1) = 1 + r: one payment repays principal and interest.
    #expect(abs(CostRecovery.capitalRecoveryFactor(rate: 0.07, years: 1) - 1.07) < 1e-12)
    // r → 0: straight repayment 1/τ.
    #expect(abs(CostRecovery.capitalRecoveryFactor(rate: 0, years: 4) - 0.25) < 1e-12)
  }

  @Test func floorOverTheWholeLifeIsThePlainAnnuity() {
    let f = cost.floor(chipPriceUSD: 27_500, runningCostPerHour: 0.3, tenorYears: 6)
    let annuity = 27_500 * 0.229607 / (8760 * 0.95) + 0.3
    #expect(abs(f - annuity) < 1e-4)
    #expect(abs(cost.longRunPrice(chipPriceUSD: 27_500, runningCostPerHour: 0.3) - f) < 1e-12)
  }

  @Test func shortTenorFloorTendsToTheUserCostOfCapital() {
    // As τ → 0 the floor tends to price · (r + r / (L ln(1 + r))) / H: Jorgenson's user cost
    // r + 1/L, with depreciation compounded yearly like the interest.
    let f = cost.floor(chipPriceUSD: 27_500, runningCostPerHour: 0, tenorYears: 1e-6)
    let userCost = 27_500 * (0.10 + 0.10 / (6 * log(1.10))) / (8760 * 0.95)
    #expect(abs(f - userCost) / userCost < 1e-5)
  }

  @Test func floorRisesWithChipPriceCapitalCostAndRunningCost() {
    for tau in [1.0 / 12, 0.5, 1, 3, 6] {
      let base = cost.floor(chipPriceUSD: 30_000, runningCostPerHour: 0.3, tenorYears: tau)
      #expect(cost.floor(chipPriceUSD: 33_000, runningCostPerHour: 0.3, tenorYears: tau) > base)
      #expect(cost.floor(chipPriceUSD: 30_000, runningCostPerHour: 0.4, tenorYears: tau) > base)
      var dear = cost
      dear.costOfCapital = 0.15
      #expect(dear.floor(chipPriceUSD: 30_000, runningCostPerHour: 0.3, tenorYears: tau) > base)
    }
  }

  @Test func meanExpectedSpotMatchesTheSumItReplaces() {
    let curve = ForwardCurve(meanReversionPerMonth: 0.17, termPremiumPerYear: 0)
    for tau in ForwardCurve.tenorsMonths {
      var sum = 0.0
      for k in 0..<tau { sum += curve.expectedSpot(last: 6, longRun: 1.3, monthsAhead: k) }
      let closed = curve.meanExpectedSpot(last: 6, longRun: 1.3, tenorMonths: tau)
      #expect(abs(closed - sum / Double(tau)) < 1e-12, "tenor \(tau)")
    }
    // Without mean reversion the expectation is the last price.
    let flat = ForwardCurve(meanReversionPerMonth: 0, termPremiumPerYear: 0)
    #expect(abs(flat.meanExpectedSpot(last: 6, longRun: 1.3, tenorMonths: 36) - 6) < 1e-12)
  }

  @Test func curveIsBackwardatedAboveTheLongRunPriceAndContangoedBelow() {
    let curve = ForwardCurve(meanReversionPerMonth: 0.17, termPremiumPerYear: 0)
    let high = ForwardCurve.tenorsMonths.map {
      curve.price(last: 6, longRun: 1.3, tenorMonths: $0, floor: 0)
    }
    let low = ForwardCurve.tenorsMonths.map {
      curve.price(last: 1.0, longRun: 1.3, tenorMonths: $0, floor: 0)
    }
    for k in 1..<high.count {
      #expect(high[k] < high[k - 1])
      #expect(low[k] > low[k - 1])
    }
    // Every price lies between the last spot price and the long-run price.
    for p in high { #expect(p > 1.3 && p <= 6) }
    for p in low { #expect(p >= 1.0 && p < 1.3) }
  }

  @Test func floorAndPremiumApply() {
    let curve = ForwardCurve(meanReversionPerMonth: 0.17, termPremiumPerYear: 0)
    #expect(curve.price(last: 1.0, longRun: 1.1, tenorMonths: 12, floor: 1.5) == 1.5)
    let premium = ForwardCurve(meanReversionPerMonth: 0.17, termPremiumPerYear: 0.05)
    let plain = curve.price(last: 3, longRun: 1.3, tenorMonths: 24, floor: 0)
    let withPremium = premium.price(last: 3, longRun: 1.3, tenorMonths: 24, floor: 0)
    #expect(abs(withPremium / plain - 1.10) < 1e-12)
  }

  @Test func bookKeepsTotalsAndRollsOff() {
    var book = ContractBook(providers: 2, chipH100e: [1, 2.5], buyers: 2)
    func contract(_ b: Int, _ p: Int, _ c: Int, gpus: Double, price: Double, start: Int, steps: Int)
      -> SignedContract
    {
      SignedContract(
        buyer: Index(b), provider: Index(p), chip: Index(c), gpus: gpus, priceUSDPerGPUHour: price,
        start: Index(start), steps: steps, tenorMonths: steps)
    }
    book.sign(contract(0, 1, 0, gpus: 100, price: 2, start: 0, steps: 3))
    book.sign(contract(1, 1, 0, gpus: 50, price: 3, start: 1, steps: 12))
    book.sign(contract(1, 0, 1, gpus: 10, price: 4, start: 1, steps: 12))
    book.sign(contract(1, 0, 1, gpus: 0, price: 3, start: 1, steps: 12))
    #expect(book.contracts.count == 3)
    #expect(abs(book.heldGPUs[Index(1), Index(0)] - 150) < 1e-12)
    #expect(abs(book.paymentPerHour[Index(1)] - (150 + 40)) < 1e-12)
    #expect(abs(book.heldH100e[Index(1)] - (50 + 25)) < 1e-12)
    book.rollOff(before: Index(2))
    #expect(book.contracts.count == 3)
    book.rollOff(before: Index(3))
    #expect(book.contracts.count == 2)
    #expect(abs(book.heldGPUs[Index(1), Index(0)] - 50) < 1e-12)
    #expect(abs(book.paymentPerHour[Index(0)]) < 1e-12)
    #expect(abs(book.heldH100e[Index(0)]) < 1e-12)
    #expect(book.contracts[0].isActive(at: Index(12)) && !book.contracts[0].isActive(at: Index(13)))
  }

  /// The contracts of one signing step, read through the book's index by start, are those a scan
  /// of the whole book finds, in its order (end step, then signing order), over random
  /// sequences of signings and roll-offs, tenors mixed within a step; and the totals left once
  /// everything has rolled off are exact zeros.
  @Test func contractsSignedAtAStepMatchAScanOfTheBook() {
    var rng = Xoshiro256(seed: 11, stream: "contract-book")
    for _ in 0..<50 {
      var book = ContractBook(providers: 3, chipH100e: [1, 2.5], buyers: 4)
      for t in 0..<40 {
        book.rollOff(before: Index(t))
        for _ in 0..<Int(rng.uniform() * 6) {
          let steps = [1, 3, 6, 12, 24, 36][Int(rng.uniform() * 6)]
          book.sign(
            SignedContract(
              buyer: Index(Int(rng.uniform() * 4)), provider: Index(Int(rng.uniform() * 3)),
              chip: Index(Int(rng.uniform() * 2)), gpus: rng.uniform() < 0.1 ? 0 : 10,
              priceUSDPerGPUHour: 2, start: Index(t), steps: steps, tenorMonths: steps))
        }
        for s in max(0, t - 40)...t {
          let scanned = book.contracts.filter { $0.start == Index(s) }
          #expect(book.contracts(signedAt: Index(s)) == scanned)
        }
      }
      book.rollOff(before: Index(100))
      #expect(book.isEmpty && book.contracts.isEmpty)
      #expect(
        book.heldGPUs.elements.allSatisfy { $0 == 0 } && book.paymentPerHour.allSatisfy { $0 == 0 })
    }
  }

  /// `HedgeAllocation.allocate` on plain arrays: `values` row-major buyers × products; the
  /// answer row-major too.
  func hedge(
    money: [Double], values: [Double], prices: [Double], offeredGPUs: [Double],
    hoursPerGPU: Double, sigma: Double
  ) -> [Double] {
    HedgeAllocation.allocate(
      money: IndexedArray(money),
      values: Table(rows: money.count, columns: prices.count, elements: values),
      prices: IndexedArray(prices), offeredGPUs: IndexedArray(offeredGPUs),
      hoursPerGPU: hoursPerGPU, sigma: sigma
    ).elements
  }

  @Test func hedgeAllocationSpendsTheMoneyAtPostedPrices() {
    // One buyer, two products valued alike: with σ the CES split, money/price GPU-hours.
    let gpus = hedge(
      money: [1000], values: [1, 1], prices: [1, 2], offeredGPUs: [1e9, 1e9], hoursPerGPU: 10,
      sigma: 2)
    // Money shares ∝ F^(1−σ) = 1, 1/2 → 2/3, 1/3.
    #expect(abs(gpus[0] - (1000 * 2 / 3) / (1 * 10)) < 1e-9)
    #expect(abs(gpus[1] - (1000 / 3) / (2 * 10)) < 1e-9)
    let spent = gpus[0] * 1 * 10 + gpus[1] * 2 * 10
    #expect(abs(spent - 1000) < 1e-9)
  }

  @Test func hedgeAllocationNeverSellsMoreThanOffered() {
    let gpus = hedge(
      money: [1000, 3000], values: [1, 0.5, 1, 1], prices: [1, 1], offeredGPUs: [20, 1e9],
      hoursPerGPU: 10, sigma: 8)
    #expect(gpus[0] + gpus[2] <= 20 * (1 + 1e-12))
    // Rationing is proportional: both buyers get the same share of what they asked for.
    let free = hedge(
      money: [1000, 3000], values: [1, 0.5, 1, 1], prices: [1, 1], offeredGPUs: [1e9, 1e9],
      hoursPerGPU: 10, sigma: 8)
    #expect(abs(gpus[0] / free[0] - gpus[2] / free[2]) < 1e-12)
    // A product a buyer does not value gets none of its money.
    let none = hedge(
      money: [1000], values: [0, 1], prices: [1, 1], offeredGPUs: [1e9, 1e9], hoursPerGPU: 10,
      sigma: 8)
    #expect(none[0] == 0 && none[1] > 0)
  }

  @Test func moreMoneySignsMoreAndLargeSigmaStaysFinite() {
    let small = hedge(
      money: [100], values: [1, 2], prices: [1, 3], offeredGPUs: [1e9, 1e9], hoursPerGPU: 1,
      sigma: 50)
    let large = hedge(
      money: [200], values: [1, 2], prices: [1, 3], offeredGPUs: [1e9, 1e9], hoursPerGPU: 1,
      sigma: 50)
    #expect(small.allSatisfy { $0.isFinite })
    #expect(large[0] + large[1] > small[0] + small[1])
  }
}

/// Own use as an internal bid (docs/model.md): the kept share against the outside bid.
@Suite struct OwnUseBidTests {
  @Test func keepsItsNeedWhileWorthMoreInside() {
    // value 4 $/H100e-hour on a 2.28-H100e chip is 9.12 $/GPU-hour: a bid of 9 keeps all.
    let kept = Workload.keptShare(need: 0.3, value: 4, elasticity: 1, h100e: 2.28, bid: 9)
    #expect(abs(kept - 0.3) < 1e-12)
  }

  @Test func releasesInProportionToValueOverBid() {
    // η = 1: keeps need · value / bid; η = 0.5: the square root of that ratio.
    let one = Workload.keptShare(need: 0.5, value: 2, elasticity: 1, h100e: 1, bid: 4)
    #expect(abs(one - 0.25) < 1e-12)
    let half = Workload.keptShare(need: 0.5, value: 2, elasticity: 0.5, h100e: 1, bid: 4)
    #expect(abs(half - 0.5 * 0.5.squareRoot()) < 1e-12)
  }

  @Test func noValueOrNoBidKeepsTheNeed() {
    #expect(Workload.keptShare(need: 0.4, value: nil, elasticity: 1, h100e: 1, bid: 100) == 0.4)
    #expect(Workload.keptShare(need: 0.4, value: 1, elasticity: 1, h100e: 1, bid: 0) == 0.4)
  }

  @Test func higherBidNeverRaisesAndHigherValueNeverLowersOwnUse() {
    var last = Double.infinity
    for bid in stride(from: 0.5, through: 20, by: 0.5) {
      let kept = Workload.keptShare(need: 1, value: 3, elasticity: 0.7, h100e: 1, bid: bid)
      #expect(kept <= last + 1e-15)
      last = kept
    }
    last = -1
    for value in stride(from: 0.5, through: 20, by: 0.5) {
      let kept = Workload.keptShare(need: 1, value: value, elasticity: 0.7, h100e: 1, bid: 6)
      #expect(kept >= last - 1e-15)
      last = kept
    }
  }
}
