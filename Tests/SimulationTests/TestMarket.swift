import Simulation

/// A small market built in code: one vendor limited by CoWoS, two providers with one site each,
/// two buyers. Numbers are round so that results can be checked by hand.
enum TestMarket {
  static let start = YearMonth(year: 2024, month: 1)

  static func scenario(
    months: Int = 12,
    contracts: [Contract] = [],
    events: [Event] = [],
    randomness: Randomness = Randomness(),
    allocation: AllocationPolicy = .proRata,
    siteMW: Double = 100,
    capex: Double = 1e8,
    budgets: (Double, Double) = (5e7, 3e7),
    ownUse: Double = 0
  ) -> Scenario {
    Scenario(
      name: "test", description: "A small test market.", start: start, months: months,
      chips: [
        Chip(
          id: "h100", vendor: "nvidia", tflopsBF16: 989, kWPerChip: 1.0, priceUSD: 25_000,
          available: start, leadTimeMonths: 1, inputUse: ["cowos": 1.0 / 30]),
        Chip(
          id: "b200", vendor: "nvidia", tflopsBF16: 2250, kWPerChip: 1.4, priceUSD: 35_000,
          available: start.adding(months: 6), leadTimeMonths: 1, inputUse: ["cowos": 1.0 / 15]),
      ],
      inputs: [SupplyInput(id: "cowos", unitsPerMonth: .constant(200))],
      vendors: [
        Vendor(
          id: "nvidia", inputShare: ["cowos": .constant(1)],
          mix: ["h100": .constant(1), "b200": .constant(1)], allocation: allocation,
          priority: ["cloud": 3])
      ],
      providers: [
        Provider(
          id: "cloud", kind: .hyperscaler, capexUSDPerMonth: .constant(capex),
          ownUse: .constant(ownUse), ownUseBuyer: "lab", initialChips: ["h100": 10_000]),
        Provider(
          id: "neo", kind: .neocloud, capexUSDPerMonth: .constant(capex / 2),
          initialChips: ["h100": 5_000]),
      ],
      sites: [
        Site(id: "cloud-dc", provider: "cloud", powerMW: .constant(siteMW), pue: 1.25),
        Site(id: "neo-dc", provider: "neo", powerMW: .constant(siteMW), pue: 1.25),
      ],
      buyers: [
        Buyer(id: "lab", budgetUSDPerMonth: .constant(budgets.0), affinity: ["cloud": 1.2]),
        Buyer(id: "startup", budgetUSDPerMonth: .constant(budgets.1), affinity: ["cloud": 0.9]),
      ],
      contracts: contracts, events: events, randomness: randomness)
  }
}
