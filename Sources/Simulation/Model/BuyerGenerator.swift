/// Draws many small buyers (e.g. enterprises) from stated distributions, with its own seed so
/// the population is the same in every run of the scenario.
///
/// Buyer `k` gets the budget `total(t) · s_k / Σ s`, with `s_k = exp(budgetLogSigma · z_k)` and
/// `z_k` standard normal (log-normal sizes), a region drawn by `regionWeights`, and for each
/// provider an affinity uniform in `affinityRange` (a provider in `affinityOverrides` uses its
/// own range).
public struct BuyerGenerator: Sendable, Equatable {
  /// Buyers are named `"\(id)-\(k)"`, k = 1...count.
  public var id: String
  public var count: Int
  public var seed: UInt64
  public var totalBudgetUSDPerMonth: DatedPath
  public var budgetLogSigma: Double
  public var regionWeights: [String: Double]
  public var affinityRange: ClosedRange<Double>
  public var affinityOverrides: [String: ClosedRange<Double>]

  public init(
    id: String, count: Int, seed: UInt64, totalBudgetUSDPerMonth: DatedPath,
    budgetLogSigma: Double = 1, regionWeights: [String: Double] = ["us": 1],
    affinityRange: ClosedRange<Double> = 0.8...1.2,
    affinityOverrides: [String: ClosedRange<Double>] = [:]
  ) {
    self.id = id
    self.count = count
    self.seed = seed
    self.totalBudgetUSDPerMonth = totalBudgetUSDPerMonth
    self.budgetLogSigma = budgetLogSigma
    self.regionWeights = regionWeights
    self.affinityRange = affinityRange
    self.affinityOverrides = affinityOverrides
  }
}
