import Foundation
import Testing

@testable import Simulation

/// The investment rule and the vendor order book (docs/model.md, "Chip buyers").
@Suite struct InvestmentTests {
  static let rule = InvestmentRule(
    settings: InvestmentSettings(), costOfCapital: 0.10, lifeYears: 6, hoursPerYear: 8760 * 0.95)

  /// The hurdle is the annuity factor: r + r / ((1 + r)^L − 1), 0.2296 at 10% over six years.
  @Test func hurdleIsCapitalCostPlusSinkingFundDepreciation() {
    let r = 0.10
    let expected = r + r / (pow(1 + r, 6) - 1)
    #expect(abs(Self.rule.hurdle - expected) < 1e-12)
    #expect(abs(Self.rule.hurdle - 0.229607) < 1e-6)
  }

  /// At the long-run price the rent per dollar equals the hurdle and orders follow the trend.
  @Test func longRunPriceGivesTheTrend() {
    let capital = 33_750.0
    let running = 0.32
    let longRun = capital * Self.rule.hurdle / Self.rule.hoursPerYear + running
    let rent = Self.rule.rentPerDollar(
      expectedPrice: longRun, runningCost: running, capitalUSD: capital)
    #expect(abs(rent - Self.rule.hurdle) < 1e-12)
    #expect(abs(Self.rule.capexMultiple(rentPerDollar: rent) - 1) < 1e-12)
  }

  /// Orders rise with expected rent, within [lo, hi]; (R/h)^η between the bounds.
  @Test func ordersRiseWithExpectedRentWithinBounds() {
    let h = Self.rule.hurdle
    let rents = stride(from: 0.0, through: 4 * h, by: h / 10)
    let multiples = rents.map { Self.rule.capexMultiple(rentPerDollar: $0) }
    for (a, b) in zip(multiples, multiples.dropFirst()) { #expect(b >= a) }
    #expect(multiples.first! == 0.5)
    #expect(multiples.last! == 2)
    #expect(abs(Self.rule.capexMultiple(rentPerDollar: 1.2 * h) - pow(1.2, 1.5)) < 1e-12)
  }

  /// Shares are v^κ normalised: a chip with twice the value per dollar gets 2^4 times the share.
  @Test func sharesFollowValuePerDollar() {
    let shares = Self.rule.shares([0.1, 0.2, 0])
    #expect(abs(shares.reduce(0, +) - 1) < 1e-12)
    #expect(abs(shares[1] / shares[0] - 16) < 1e-9)
    #expect(shares[2] == 0)
    #expect(Self.rule.shares([0, 0]) == [0, 0])
    // A longer lead time lowers the value; an unfillable order has none.
    let soon = Self.rule.discountedValue(rentPerDollar: 0.3, leadTimeMonths: 3)
    let late = Self.rule.discountedValue(rentPerDollar: 0.3, leadTimeMonths: 12)
    #expect(late < soon)
    #expect(abs(late - 0.3 / 1.1) < 1e-12)
    #expect(Self.rule.discountedValue(rentPerDollar: 0.3, leadTimeMonths: .infinity) == 0)
  }

  /// Orders that the vendor cannot fill wait: the chips ordered are shipped later or are still
  /// in the book, and every chip made is shipped or held in stock.
  @Test func ordersQueueAndChipsAreConserved() throws {
    let result = try Engine.run(TestMarket.scenario(capex: 4e8), seed: 1)
    let last = result.months.count - 1
    #expect(result.backlogChips["h100"]![0] > 0)
    for chip in result.chipIds {
      let made = result.production[chip]!.reduce(0, +)
      let shipped = result.shipments[chip]!.reduce(0, +)
      let stock = result.vendorStockChips[chip]![last]
      #expect(abs(made - shipped - stock) <= 1e-6 * max(1, made), "\(chip)")
    }
    // The lead time reflects the queue: longer than the delivery time while orders wait.
    #expect(result.leadTimeMonths["h100"]![0] > 1)
  }

  /// With more capex, no fewer chips have shipped by any month (month by month it may be fewer:
  /// stock left unsold under low orders ships later in one go).
  @Test func moreCapexShipsNoFewerChips() throws {
    let low = try Engine.run(TestMarket.scenario(capex: 5e7), seed: 1)
    let high = try Engine.run(TestMarket.scenario(capex: 4e8), seed: 1)
    var a = 0.0
    var b = 0.0
    var lead = 0.0
    for m in low.months.indices {
      a += low.chipIds.reduce(0) { $0 + low.shipments[$1]![m] }
      b += high.chipIds.reduce(0) { $0 + high.shipments[$1]![m] }
      #expect(b >= a * (1 - 1e-9), "month \(m): \(b) < \(a)")
      lead = max(lead, b - a)
    }
    // Both ship the whole year's output in the end; more capex ships it sooner.
    #expect(lead > 1_000)
  }
}
