import Foundation
import Testing

@testable import Simulation

/// `FleetValue` against a case computed by hand, its break-even identities and the signs theory
/// fixes; `FleetPricePath` against the run it reads.
@Suite struct FleetValuationTests {
  static func fleet(
    power: Double = 0.1, rate: Double = 0.12, life: Int = 2, selling: Fleet.Selling = .spot
  ) -> Fleet {
    Fleet(
      count: 2, capitalUSDPerChip: 100, kWPerChip: 0.5, pue: 1.2, powerUSDPerKWh: power,
      opsUSDPerGPUHour: 0.05, discountRatePerYear: rate, lifeMonths: life, selling: selling)
  }

  static let path = FleetPricePath(prices: [2, 3], soldShares: [1, 0.5])

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
  }

  /// Two months, worked by hand: H = 2 · 730 · 0.9 = 1314 GPU-hours a month, running cost
  /// C = 2 · 0.5 · 1.2 · 730 · 0.1 + 1314 · 0.05 = 153.3 USD a month, d_k = 1.12^−(k+1)/12.
  @Test func twoMonthsMatchTheHandComputation() {
    let value = FleetValue(
      Self.fleet(), on: Self.path, hoursPerMonth: 730, availability: 0.9, monthsWithinHorizon: 1)
    #expect(Self.close(value.capital, 200))
    #expect(Self.close(value.revenue, 4537.418757300145))
    #expect(Self.close(value.revenueBeyondHorizon, 1934.1209115059328))
    #expect(Self.close(value.runningCost, 302.29066745512387))
    #expect(Self.close(value.npvOwned, 4035.1280898450213))
    #expect(Self.close(value.rentCost, 6471.539668806078))
    #expect(Self.close(value.ownAdvantage, 5969.249001350954))
    #expect(Self.close(value.breakEvenRentUSDPerGPUHour, 0.19385506791559787))
    #expect(Self.close(value.breakEvenSaleUSDPerGPUHour, 0.25806722663548015))
    #expect(Self.close(value.meanPriceUSDPerGPUHour, 2.4976390032708946))
  }

  /// Installed one month after purchase: the first month has no hours and no running cost, the
  /// capital is still paid at purchase. By hand, d_1 = 1.12^(−2/12): revenue d_1 · 0.5 · 3 · 1314,
  /// running cost d_1 · 153.3, rent d_1 · 3 · 1314, break-even rent (200 + d_1 · 153.3) / (d_1 · 1314).
  @Test func monthsBeforeInstallationEarnAndCostNothing() {
    let late = FleetPricePath(prices: [2, 3], soldShares: [1, 0.5], monthsBeforeInstalled: 1)
    let value = FleetValue(Self.fleet(), on: late, hoursPerMonth: 730, availability: 0.9)
    let d1 = pow(1.12, -2.0 / 12)
    #expect(Self.close(value.capital, 200))
    #expect(Self.close(value.revenue, d1 * 0.5 * 3 * 1314))
    #expect(Self.close(value.runningCost, d1 * 153.3))
    #expect(Self.close(value.rentCost, d1 * 3 * 1314))
    #expect(Self.close(value.breakEvenRentUSDPerGPUHour, (200 + d1 * 153.3) / (d1 * 1314)))
    #expect(value.revenueBeyondHorizon == 0)
  }

  /// At the break-even sale price every month, the owned fleet's NPV is zero; at the break-even
  /// rental price, renting costs what owning does.
  @Test func breakEvenPricesZeroTheirComparison() {
    let fleet = Self.fleet(life: 24)
    let shares = (0..<24).map { 0.6 + 0.4 * Double($0 % 3) / 2 }
    let prices = (0..<24).map { 1.5 + sin(Double($0)) }
    let value = FleetValue(
      fleet, on: FleetPricePath(prices: prices, soldShares: shares),
      hoursPerMonth: 730, availability: 0.95)
    let atSale = FleetValue(
      fleet,
      on: FleetPricePath(
        prices: Array(repeating: value.breakEvenSaleUSDPerGPUHour, count: 24), soldShares: shares),
      hoursPerMonth: 730, availability: 0.95)
    #expect(abs(atSale.npvOwned) < 1e-9 * atSale.capital)
    let atRent = FleetValue(
      fleet,
      on: FleetPricePath(
        prices: Array(repeating: value.breakEvenRentUSDPerGPUHour, count: 24), soldShares: shares),
      hoursPerMonth: 730, availability: 0.95)
    #expect(abs(atRent.ownAdvantage) < 1e-9 * atRent.capital)
  }

  /// Dearer power lowers the NPV and raises the break-even prices; a higher discount rate lowers
  /// the NPV of a fleet whose monthly margin is positive (capital is paid at once, margins later).
  @Test func comparativeStaticsHaveTheSignsTheoryFixes() {
    let base = FleetValue(Self.fleet(), on: Self.path, hoursPerMonth: 730, availability: 0.9)
    let dearPower = FleetValue(
      Self.fleet(power: 0.3), on: Self.path, hoursPerMonth: 730, availability: 0.9)
    #expect(dearPower.npvOwned < base.npvOwned)
    #expect(dearPower.breakEvenRentUSDPerGPUHour > base.breakEvenRentUSDPerGPUHour)
    #expect(dearPower.breakEvenSaleUSDPerGPUHour > base.breakEvenSaleUSDPerGPUHour)
    let dearMoney = FleetValue(
      Self.fleet(rate: 0.5), on: Self.path, hoursPerMonth: 730, availability: 0.9)
    #expect(dearMoney.npvOwned < base.npvOwned)
    #expect(dearMoney.capital == base.capital)
  }

  /// A spot path is the run's spot price and sold share from installation on (zero before); a
  /// contract path is constant over each tenor from installation, at the forward price of the
  /// tenor's first month.
  @Test func pathsReadTheRun() throws {
    let run = try ScenarioEffectTests.run("baseline-2026")
    let start = run.months.firstIndex(of: "2026-01")!
    let spot = try FleetPricePath.from(
      run, chip: "h100", purchase: "2026-01", lifeMonths: 24, installDelayMonths: 3, selling: .spot)
    #expect(spot.monthsBeforeInstalled == 3 && spot.monthsWithoutMarket == 0)
    #expect(
      spot.prices[..<3].allSatisfy { $0 == 0 } && spot.soldShares[..<3].allSatisfy { $0 == 0 })
    for k in 3..<24 {
      #expect(spot.prices[k] == run.spotPrice["h100"]![start + k])
      #expect(spot.soldShares[k] == run.spotSoldShare(step: start + k))
      #expect(spot.soldShares[k] > 0 && spot.soldShares[k] <= 1)
    }
    let contracts = try FleetPricePath.from(
      run, chip: "h100", purchase: "2024-01", lifeMonths: 24, installDelayMonths: 2,
      selling: .contracts(tenorMonths: 6))
    let first = run.months.firstIndex(of: "2024-01")!
    let six = Fleet.postedTenorsMonths.firstIndex(of: 6)!
    for k in 2..<24 {
      #expect(contracts.prices[k] == run.forward["h100"]![six][first + 2 + ((k - 2) / 6) * 6])
      #expect(contracts.soldShares[k] == 1)
    }
  }

  @Test func pathsRefuseWhatTheRunCannotPrice() throws {
    let run = try ScenarioEffectTests.run("baseline-2026")
    #expect(throws: FleetPricePath.Problem.unknownChip("h101")) {
      try FleetPricePath.from(
        run, chip: "h101", purchase: "2024-01", lifeMonths: 12, selling: .spot)
    }
    #expect(
      throws: FleetPricePath.Problem.purchaseOutsideRun(
        "2030-01", first: "2023-01", last: "2027-12")
    ) {
      try FleetPricePath.from(
        run, chip: "h100", purchase: "2030-01", lifeMonths: 12, selling: .spot)
    }
    #expect(throws: FleetPricePath.Problem.lifeBeyondRun(months: 12, last: "2027-12")) {
      try FleetPricePath.from(
        run, chip: "h100", purchase: "2027-06", lifeMonths: 12, selling: .spot)
    }
    #expect(throws: FleetPricePath.Problem.tenorNotPosted(5)) {
      try FleetPricePath.from(
        run, chip: "h100", purchase: "2024-01", lifeMonths: 12, selling: .contracts(tenorMonths: 5))
    }
  }
}
