/// A compute buyer: a monthly budget for GPU-hours and how much it values each provider.
///
/// Buyer `i` values one GPU-hour of chip `c` at provider `p` at `V = h100e(c) · affinity_i(p)`;
/// 0 means it cannot buy there. Contract payments come out of the budget first; the rest is spent
/// on the spot market.
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

  public init(
    id: String, kind: String = "lab", region: String = "us", budgetUSDPerMonth: DatedPath,
    affinity: [String: Double] = [:], defaultAffinity: Double = 1
  ) {
    self.id = id
    self.kind = kind
    self.region = region
    self.budgetUSDPerMonth = budgetUSDPerMonth
    self.affinity = affinity
    self.defaultAffinity = defaultAffinity
  }

  /// The affinity to `provider`.
  public func affinity(to provider: String) -> Double {
    affinity[provider] ?? defaultAffinity
  }
}
