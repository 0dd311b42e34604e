/// A compute buyer: a monthly budget for GPU-hours and how much it values each provider.
///
/// Buyer `i` values one GPU-hour of chip `c` at provider `p` at `V = h100e(c) · affinity_i(p)`;
/// 0 means it cannot buy there. The budget is cash for compute: how much of it is spent depends
/// on prices (`priceElasticity`, see `PriceResponse`); contracts are paid first, the rest of the
/// desired spending goes to the spot market. A share `hedgeRatio` of desired spending is kept
/// under term contracts of `contractTenorMonths` months.
public struct Buyer: Sendable, Equatable {
  public var id: String
  public var kind: String
  /// Region for export controls.
  public var region: String
  /// Spending on GPU-hours (contracts + spot), USD per month.
  public var budgetUSDPerMonth: DatedPath
  /// Affinity per provider id (≥ 0).
  public var affinity: [String: Double]
  /// Affinity to providers not listed.
  public var defaultAffinity: Double
  /// Price elasticity ε of its demand for H100e-hours (≥ 0; 1 spends the budget at any price).
  public var priceElasticity: Double
  /// Share h (0...1) of its desired spending it keeps under term contracts.
  public var hedgeRatio: Double
  /// Tenor of the contracts it signs, months.
  public var contractTenorMonths: Int
  /// Training runs it plans, each needing a block at one site.
  public var campaigns: [TrainingCampaign]

  public init(
    id: String, kind: String = "lab", region: String = "us", budgetUSDPerMonth: DatedPath,
    affinity: [String: Double] = [:], defaultAffinity: Double = 1, priceElasticity: Double = 1,
    hedgeRatio: Double = 0, contractTenorMonths: Int = 12, campaigns: [TrainingCampaign] = []
  ) {
    self.campaigns = campaigns
    self.id = id
    self.kind = kind
    self.region = region
    self.budgetUSDPerMonth = budgetUSDPerMonth
    self.affinity = affinity
    self.defaultAffinity = defaultAffinity
    self.priceElasticity = priceElasticity
    self.hedgeRatio = hedgeRatio
    self.contractTenorMonths = contractTenorMonths
  }

  /// The affinity to `provider`.
  public func affinity(to provider: String) -> Double {
    affinity[provider] ?? defaultAffinity
  }
}
