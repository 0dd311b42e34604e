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

  static let path = FleetPricePath(prices: [2, 3], soldShares: [1, 0.5], beyondHorizon: 1)

  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
  }

  /// Two months, worked by hand: H = 2 · 730 · 0.9 = 1314 GPU-hours a month, running cost
  /// C = 2 · 0.5 · 1.2 · 730 · 0.1 + 1314 · 0.05 = 153.3 USD a month, d_k = 1.12^−(k+1)/12.
  @Test func twoMonthsMatchTheHandComputation() {
    let value = FleetValue(Self.fleet(), on: Self.path, hoursPerMonth: 730, availability: 0.9)
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

  /// At the break-even sale price every month, the owned fleet's NPV is zero; at the break-even
  /// rental price, renting costs what owning does.
  @Test func breakEvenPricesZeroTheirComparison() {
    let fleet = Self.fleet(life: 24)
    let shares = (0..<24).map { 0.6 + 0.4 * Double($0 % 3) / 2 }
    let prices = (0..<24).map { 1.5 + sin(Double($0)) }
    let value = FleetValue(
      fleet, on: FleetPricePath(prices: prices, soldShares: shares, beyondHorizon: 0),
      hoursPerMonth: 730, availability: 0.95)
    let atSale = FleetValue(
      fleet,
      on: FleetPricePath(
        prices: Array(repeating: value.breakEvenSaleUSDPerGPUHour, count: 24), soldShares: shares,
        beyondHorizon: 0), hoursPerMonth: 730, availability: 0.95)
    #expect(abs(atSale.npvOwned) < 1e-9 * atSale.capital)
    let atRent = FleetValue(
      fleet,
      on: FleetPricePath(
        prices: Array(repeating: value.breakEvenRentUSDPerGPUHour, count: 24), soldShares: shares,
        beyondHorizon: 0), hoursPerMonth: 730, availability: 0.95)
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

  /// Inside the horizon a spot path is the run's spot price and sold share; a contract path is
  /// constant over each tenor at the forward price of the tenor's first month; months past the
  /// horizon take the last month's forward curve.
  @Test func pathsReadTheRun() throws {
    let run = try ScenarioEffectTests.run("baseline-2026")
    let start = run.months.firstIndex(of: "2026-01")!
    let spot = try FleetPricePath.from(
      run, chip: "h100", purchase: "2026-01", lifeMonths: 36, selling: .spot)
    let inside = run.months.count - start
    #expect(spot.beyondHorizon == 36 - inside)
    for k in 0..<inside {
      #expect(spot.prices[k] == run.spotPrice["h100"]![start + k])
      #expect(spot.soldShares[k] == run.spotSoldShare(step: start + k))
      #expect(spot.soldShares[k] > 0 && spot.soldShares[k] <= 1)
    }
    // 12 months left at the horizon's end: the 12-month forward price of the last month.
    let twelve = Fleet.postedTenorsMonths.firstIndex(of: 12)!
    let lastForward = run.forward["h100"]![twelve][run.months.count - 1]
    #expect(spot.prices[inside...].allSatisfy { $0 == lastForward })
    #expect(spot.soldShares[inside...].allSatisfy { $0 == 1 })

    let contracts = try FleetPricePath.from(
      run, chip: "h100", purchase: "2024-01", lifeMonths: 24, selling: .contracts(tenorMonths: 6))
    let first = run.months.firstIndex(of: "2024-01")!
    let six = Fleet.postedTenorsMonths.firstIndex(of: 6)!
    for k in 0..<24 {
      #expect(contracts.prices[k] == run.forward["h100"]![six][first + (k / 6) * 6])
    }
    #expect(contracts.beyondHorizon == 0)
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
    #expect(throws: FleetPricePath.Problem.tenorNotPosted(5)) {
      try FleetPricePath.from(
        run, chip: "h100", purchase: "2024-01", lifeMonths: 12, selling: .contracts(tenorMonths: 5))
    }
  }
}
