/// A capacity owner: buys chips from its capex, installs them in its sites and sells GPU-hours.
public struct Provider: Sendable, Equatable {
  public var id: String
  public var kind: ProviderKind
  /// Region for export controls (e.g. "us", "china", "gulf").
  public var region: String
  /// Spending on merchant chips, USD per month.
  public var capexUSDPerMonth: DatedPath
  /// Fraction (0...1) of capacity left after contracts that the owner keeps for itself.
  public var ownUse: DatedPath
  /// The buyer (a `Buyer.id`) credited with own use; `nil` counts it as internal use.
  public var ownUseBuyer: String?
  /// Chips installed at the start month, by `Chip.id`.
  public var initialChips: [String: Double]
  /// Electricity price, USD per kWh (reserve price input).
  public var powerUSDPerKWh: Double
  /// Operating cost per GPU-hour excluding power, USD (reserve price input).
  public var opsUSDPerGPUHour: Double

  public init(
    id: String, kind: ProviderKind, region: String = "us",
    capexUSDPerMonth: DatedPath = .constant(0), ownUse: DatedPath = .constant(0),
    ownUseBuyer: String? = nil, initialChips: [String: Double] = [:],
    powerUSDPerKWh: Double = 0.08, opsUSDPerGPUHour: Double = 0.2
  ) {
    self.id = id
    self.kind = kind
    self.region = region
    self.capexUSDPerMonth = capexUSDPerMonth
    self.ownUse = ownUse
    self.ownUseBuyer = ownUseBuyer
    self.initialChips = initialChips
    self.powerUSDPerKWh = powerUSDPerKWh
    self.opsUSDPerGPUHour = opsUSDPerGPUHour
  }
}

/// What kind of capacity owner a provider is (used for shares such as the hyperscalers' share).
public enum ProviderKind: String, Sendable, CaseIterable {
  case hyperscaler, neocloud, lab, supercomputer, sovereign, enterprise, other
}
