import Randomness

/// A sensitivity ranking for designs other than Sobol: the Spearman rank correlation between
/// each parameter and an outcome, with a 95% percentile-bootstrap interval over points.
///
/// Why this measure: it needs no model of the outcome (no linearity assumption, unlike
/// standardized regression coefficients, whose R² can be low for market outcomes with
/// thresholds), it is invariant to monotone transformations of both parameter and outcome
/// (a price and its log rank the same), and on grid and Latin-hypercube designs the parameters
/// are uncorrelated by construction, so each coefficient reflects that parameter alone rather
/// than a confounded mix. Its limit, stated in reports: an effect that is not monotone (the
/// x3 term of the Ishigami function, symmetric around 0) scores near 0; use a Sobol design to
/// see those. Ties (grid designs) get mid-ranks.
public struct RankCorrelationRanking: Sendable {
  public struct Entry: Sendable, Equatable {
    /// Spearman's ρ in [−1, 1].
    public var rho: Double
    public var interval: ClosedRange<Double>
  }

  public let entries: [Entry]

  /// `points[p][j]` is parameter j at point p; `outcome[p]` the outcome there (for example the
  /// mean over replicates).
  public init(points: [[Double]], outcome: [Double], resamples: Int = 1000, seed: UInt64 = 1) {
    precondition(points.count == outcome.count)
    let dimensions = points.first?.count ?? 0
    var generator = SplitMix64(seed: seed)
    let all = Array(points.indices)
    let estimate = Self.spearman(points, outcome, all, dimensions: dimensions)
    var draws = [[Double]](repeating: [], count: dimensions)
    if points.count > 2 {
      for _ in 0..<resamples {
        let sample = all.map { _ in Int(generator.next() % UInt64(points.count)) }
        let rho = Self.spearman(points, outcome, sample, dimensions: dimensions)
        for j in 0..<dimensions { draws[j].append(rho[j]) }
      }
    }
    entries = (0..<dimensions).map { j in
      Entry(
        rho: estimate[j],
        interval: SobolIndices.percentileInterval(draws[j], fallback: estimate[j]))
    }
  }

  static func spearman(
    _ points: [[Double]], _ outcome: [Double], _ sample: [Int], dimensions: Int
  ) -> [Double] {
    let y = ranks(sample.map { outcome[$0] })
    return (0..<dimensions).map { j in
      pearson(ranks(sample.map { points[$0][j] }), y)
    }
  }

  /// Mid-ranks (1-based; ties share the mean of their positions).
  static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let rank = Double(start + end) / 2 + 1
      for k in start...end { result[order[k]] = rank }
      start = end + 1
    }
    return result
  }

  /// Pearson correlation; 0 when either side is constant.
  static func pearson(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n
    let my = y.reduce(0, +) / n
    var sxy = 0.0
    var sxx = 0.0
    var syy = 0.0
    for i in x.indices {
      sxy += (x[i] - mx) * (y[i] - my)
      sxx += (x[i] - mx) * (x[i] - mx)
      syy += (y[i] - my) * (y[i] - my)
    }
    guard sxx > 0, syy > 0 else { return 0 }
    return sxy / (sxx * syy).squareRoot()
  }
}
