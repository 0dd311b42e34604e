/// A complete market description: everything `Engine.run` needs besides the seed.
///
/// Entities keep the order in which the file lists them; outputs follow that order.
public struct Scenario: Sendable, Equatable {
  public let name: String
  public let description: String
  public let start: YearMonth
  /// Length of the horizon in months (a multiple of `stepMonths`).
  public let months: Int
  /// Months per step: 1 (monthly) or e.g. 3 (quarterly). Flows given per month (budgets, capex,
  /// input capacity, hours) are multiplied by it; a step is labelled by its first month.
  public let stepMonths: Int
  /// The seed used when the caller gives none.
  public let defaultSeed: UInt64
  public let chips: [Chip]
  public let inputs: [SupplyInput]
  public let vendors: [Vendor]
  public let providers: [Provider]
  public let sites: [Site]
  public var buyers: [Buyer]
  public let contracts: [Contract]
  public let events: [Event]
  public var market: MarketSettings
  public let randomness: Randomness
  public let generators: [BuyerGenerator]

  public init(
    name: String, description: String, start: YearMonth, months: Int, defaultSeed: UInt64 = 1,
    chips: [Chip], inputs: [SupplyInput] = [], vendors: [Vendor], providers: [Provider],
    sites: [Site], buyers: [Buyer], contracts: [Contract] = [], events: [Event] = [],
    market: MarketSettings = MarketSettings(), randomness: Randomness = Randomness(),
    generators: [BuyerGenerator] = [], stepMonths: Int = 1
  ) {
    self.stepMonths = stepMonths
    self.name = name
    self.description = description
    self.start = start
    self.months = months
    self.defaultSeed = defaultSeed
    self.chips = chips
    self.inputs = inputs
    self.vendors = vendors
    self.providers = providers
    self.sites = sites
    self.buyers = buyers
    self.contracts = contracts
    self.events = events
    self.market = market
    self.randomness = randomness
    self.generators = generators
  }

  /// The first month of each step, in order.
  public var monthList: [YearMonth] {
    stride(from: 0, to: months, by: max(1, stepMonths)).map { start.adding(months: $0) }
  }
}
