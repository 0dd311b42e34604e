/// How each month's spot market is set up and cleared.
public struct MarketSettings: Sendable, Equatable {
  /// Elasticity of substitution between products, ≥ 1.
  public var sigma: Double
  /// Relative clearing tolerance passed to `Market.clear`.
  public var tolerance: Double
  /// Iteration limit of the clearing.
  public var maxIterations: Int
  /// Hours in a month (730 = 8760 / 12).
  public var hoursPerMonth: Double
  /// Fraction of installed chip-hours that can be sold (maintenance, failures), 0...1.
  public var availability: Double

  public init(
    sigma: Double = 2.5, tolerance: Double = 1e-9, maxIterations: Int = 10_000,
    hoursPerMonth: Double = 730, availability: Double = 0.95
  ) {
    self.sigma = sigma
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.hoursPerMonth = hoursPerMonth
    self.availability = availability
  }
}
