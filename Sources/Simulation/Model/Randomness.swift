/// The random parts of a scenario; all draws come from the run's seed.
public struct Randomness: Sendable, Equatable {
  /// Random supply shocks; `nil`: none.
  public var supplyShock: SupplyShock?
  /// Standard deviation of the monthly log-normal budget noise (mean 1); 0: none.
  public var demandNoise: Double

  public init(supplyShock: SupplyShock? = nil, demandNoise: Double = 0) {
    self.supplyShock = supplyShock
    self.demandNoise = demandNoise
  }

  /// Whether any draw changes the outcome.
  public var isActive: Bool { supplyShock != nil || demandNoise > 0 }
}

/// Each month, with probability `probabilityPerMonth`, a shock starts that multiplies the output
/// of `target` by a factor drawn uniformly from `minFactor...maxFactor` for `months` months.
public struct SupplyShock: Sendable, Equatable {
  public var target: SupplyTarget
  public var probabilityPerMonth: Double
  public var minFactor: Double
  public var maxFactor: Double
  public var months: Int

  public init(
    target: SupplyTarget = .all, probabilityPerMonth: Double, minFactor: Double,
    maxFactor: Double, months: Int
  ) {
    self.target = target
    self.probabilityPerMonth = probabilityPerMonth
    self.minFactor = minFactor
    self.maxFactor = maxFactor
    self.months = months
  }
}
