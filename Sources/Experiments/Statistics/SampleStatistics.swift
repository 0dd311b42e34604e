/// Mean, standard deviation and a Student-t confidence interval of a sample.
///
/// For K values x_1…x_K: mean x̄ = Σx/K; sample standard deviation s = √(Σ(x − x̄)²/(K − 1));
/// the 95% interval for the mean is x̄ ± t_{0.975, K−1} · s/√K (Student t with K − 1 degrees of
/// freedom, right for small K when replicates are roughly normal). With K = 1 the spread and the
/// interval are undefined (NaN). Sums use Welford's update so long samples stay accurate.
public struct SampleStatistics: Sendable, Equatable {
  public private(set) var count = 0
  public private(set) var mean = 0.0
  private var m2 = 0.0
  public private(set) var minimum = Double.infinity
  public private(set) var maximum = -Double.infinity

  public init() {}

  public init<S: Sequence>(_ values: S) where S.Element == Double {
    for value in values { add(value) }
  }

  /// Adds one observation (Welford 1962).
  public mutating func add(_ value: Double) {
    count += 1
    let delta = value - mean
    mean += delta / Double(count)
    m2 += delta * (value - mean)
    minimum = Swift.min(minimum, value)
    maximum = Swift.max(maximum, value)
  }

  /// Sample variance with K − 1 in the denominator; NaN when K < 2.
  public var variance: Double { count > 1 ? m2 / Double(count - 1) : .nan }

  public var standardDeviation: Double { variance.squareRoot() }

  /// Half-width of the two-sided `level` confidence interval of the mean:
  /// t_{(1+level)/2, K−1} · s / √K. NaN when K < 2.
  public func confidenceHalfWidth(level: Double = 0.95) -> Double {
    guard count > 1 else { return .nan }
    let t = StudentT.quantile((1 + level) / 2, degreesOfFreedom: Double(count - 1))
    return t * standardDeviation / Double(count).squareRoot()
  }

  /// The `level` confidence interval of the mean.
  public func confidenceInterval(level: Double = 0.95) -> ClosedRange<Double>? {
    let half = confidenceHalfWidth(level: level)
    guard half.isFinite else { return nil }
    return (mean - half)...(mean + half)
  }
}
