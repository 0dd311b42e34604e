/// Draws many small buyers (e.g. enterprises) from stated distributions, with its own seed so
/// the population is the same in every run of the scenario.
///
/// Buyer `k` gets the budget `total(t) · s_k / Σ s`, with `s_k = exp(budgetLogSigma · z_k)` and
/// `z_k` standard normal (log-normal sizes), a region drawn by `regionWeights`, and for each
/// provider an affinity uniform in `affinityRange` (a provider in `affinityOverrides` uses its
/// own range). Every buyer it draws shares one demand response: `priceElasticity`, `hedgeRatio`
/// and `contractTenorMonths`, as for a named `Buyer`.
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
  /// Price elasticity ε of each drawn buyer's demand (1: budget spent at any price).
  public var priceElasticity: Double
  /// Share h (0...1) of each drawn buyer's desired spending kept under term contracts.
  public var hedgeRatio: Double
  /// Tenor of the contracts the drawn buyers sign, months.
  public var contractTenorMonths: Int

  public init(
    id: String, count: Int, seed: UInt64, totalBudgetUSDPerMonth: DatedPath,
    budgetLogSigma: Double = 1, regionWeights: [String: Double] = ["us": 1],
    affinityRange: ClosedRange<Double> = 0.8...1.2,
    affinityOverrides: [String: ClosedRange<Double>] = [:], priceElasticity: Double = 1,
    hedgeRatio: Double = 0, contractTenorMonths: Int = 12
  ) {
    self.id = id
    self.count = count
    self.seed = seed
    self.totalBudgetUSDPerMonth = totalBudgetUSDPerMonth
    self.budgetLogSigma = budgetLogSigma
    self.regionWeights = regionWeights
    self.affinityRange = affinityRange
    self.affinityOverrides = affinityOverrides
    self.priceElasticity = priceElasticity
    self.hedgeRatio = hedgeRatio
    self.contractTenorMonths = contractTenorMonths
  }
}
