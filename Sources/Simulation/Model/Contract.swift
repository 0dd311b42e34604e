/// A long-term arrangement: a buyer gets the GPU-hours of a number of a provider's chips at a
/// fixed price for a number of months, ahead of own use and the spot market.
public struct Contract: Sendable, Equatable {
  public var id: String
  public var buyer: String
  public var provider: String
  /// Chips reserved, by `Chip.id` (GPUs, not GPU-hours).
  public var gpus: [String: Double]
  /// Price, USD per GPU-hour.
  public var priceUSDPerGPUHour: Double
  public var start: YearMonth
  public var months: Int
  /// The provider's site whose chips it reserves (a `Site.id`); `nil`: the provider's only
  /// site, or, when it has several, chips anywhere in its fleet (then it is no block).
  public var site: String?

  public init(
    id: String, buyer: String, provider: String, gpus: [String: Double],
    priceUSDPerGPUHour: Double, start: YearMonth, months: Int, site: String? = nil
  ) {
    self.site = site
    self.id = id
    self.buyer = buyer
    self.provider = provider
    self.gpus = gpus
    self.priceUSDPerGPUHour = priceUSDPerGPUHour
    self.start = start
    self.months = months
  }

  /// Whether the contract runs in `month`.
  public func isActive(in month: YearMonth) -> Bool {
    month >= start && month.index < start.index + months
  }
}
