/// The difference of two means with a Welch 95% confidence interval, for comparing scenarios
/// run with independent replicates.
///
///     d = x̄_B − x̄_A,   se = √(s_A²/K_A + s_B²/K_B)
///     ν = se⁴ / ((s_A²/K_A)²/(K_A − 1) + (s_B²/K_B)²/(K_B − 1))     (Welch–Satterthwaite)
///     interval: d ± t(0.975, ν) · se
///
/// Welch's interval does not assume equal variances. When both samples have zero spread the
/// interval collapses to d; with fewer than two values on either side it is undefined.
public struct MeanDifference: Sendable, Equatable {
  public var difference: Double
  public var interval: ClosedRange<Double>?
  public var degreesOfFreedom: Double

  /// The difference `b − a`.
  public init(from a: SampleStatistics, to b: SampleStatistics, level: Double = 0.95) {
    difference = b.mean - a.mean
    guard a.count > 1, b.count > 1 else {
      interval = nil
      degreesOfFreedom = .nan
      return
    }
    let va = a.variance / Double(a.count)
    let vb = b.variance / Double(b.count)
    let se = (va + vb).squareRoot()
    guard se > 0 else {
      interval = difference...difference
      degreesOfFreedom = .infinity
      return
    }
    let nu = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
    degreesOfFreedom = nu
    let t = StudentT.quantile((1 + level) / 2, degreesOfFreedom: nu)
    interval = (difference - t * se)...(difference + t * se)
  }
}
