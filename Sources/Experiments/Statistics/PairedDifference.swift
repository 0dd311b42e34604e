/// The mean difference of paired samples with a Student-t 95% confidence interval, for scenarios
/// run under common random numbers (replicate k of every scenario uses the same seed).
///
///     d_k = b_k − a_k,   d̄ = Σd_k/K,   s_d = √(Σ(d_k − d̄)²/(K − 1))
///     interval: d̄ ± t(0.975, K − 1) · s_d/√K
///
/// Pairing removes the variation the two scenarios share, so the interval is much narrower than
/// Welch's for independent samples (``MeanDifference``) when the draws move both alike. A mean
/// or bound whose size is below 1e-10 of the compared means (floating-point noise from a
/// different order of the same sums, which reaches ~1e-12 relative in the engine's totals) is
/// reported as exactly 0. With K = 1 there is no interval.
public struct PairedDifference: Sendable, Equatable {
  public var difference: Double
  public var interval: ClosedRange<Double>?
  /// Pairs used: replicates where both values are finite.
  public var count: Int
  /// Whether every pair differs by the same amount (zero spread of d).
  public var isConstant: Bool

  /// The difference `b − a`, pairing `a[k]` with `b[k]`; pairs with a non-finite value are left out.
  public init(from a: [Double], to b: [Double], level: Double = 0.95) {
    let pairs = zip(a, b).filter { $0.0.isFinite && $0.1.isFinite }
    let differences = SampleStatistics(pairs.map { $0.1 - $0.0 })
    let scale = max(
      SampleStatistics(pairs.map(\.0)).mean.magnitude,
      SampleStatistics(pairs.map(\.1)).mean.magnitude)
    func snapped(_ x: Double) -> Double { x.magnitude <= 1e-10 * scale ? 0 : x }
    count = differences.count
    difference = count > 0 ? snapped(differences.mean) : .nan
    isConstant = count > 0 && differences.maximum - differences.minimum <= 1e-10 * scale
    if count > 1, isConstant {
      interval = difference...difference
    } else if let raw = differences.confidenceInterval(level: level) {
      interval = snapped(raw.lowerBound)...snapped(raw.upperBound)
    } else {
      interval = nil
    }
  }
}
