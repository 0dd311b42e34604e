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
      let finite = outcome.allSatisfy(\.isFinite) && points.allSatisfy { $0.allSatisfy(\.isFinite) }
      let columns =
        finite
        ? (0..<dimensions).map { j in SortedColumn(points.map { $0[j] }) } : []
      let outcomeColumn = finite ? SortedColumn(outcome) : nil
      var copies = [Int](repeating: 0, count: points.count)
      for _ in 0..<resamples {
        let sample = all.map { _ in Int(generator.next() % UInt64(points.count)) }
        guard let outcomeColumn else {
          let rho = Self.spearman(points, outcome, sample, dimensions: dimensions)
          for j in 0..<dimensions { draws[j].append(rho[j]) }
          continue
        }
        for i in copies.indices { copies[i] = 0 }
        for i in sample { copies[i] += 1 }
        let y = outcomeColumn.sampleRanks(sample, copies: copies)
        for j in 0..<dimensions {
          draws[j].append(Self.pearson(columns[j].sampleRanks(sample, copies: copies), y))
        }
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

  /// One column of finite values sorted once, so that the mid-ranks of a bootstrap sample need no
  /// sort of their own. A sample is a multiset of points; with c_i copies of point i, the values
  /// equal to v_i occupy positions s…s+t−1 of the sorted sample, where s counts the copies of
  /// smaller values and t those of v_i's tie group, and each gets the mid-rank (s + (s+t−1))/2 + 1:
  /// the same number `ranks` gives for the sample's values, computed in one pass in O(n).
  struct SortedColumn {
    /// Point indices in increasing order of value.
    let order: [Int]
    /// For each position in `order`, one past the last position holding the same value.
    let tieGroupEnd: [Int]

    init(_ values: [Double]) {
      order = values.indices.sorted { values[$0] < values[$1] }
      var ends = [Int](repeating: 0, count: order.count)
      var start = 0
      while start < order.count {
        var end = start + 1
        while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
        for k in start..<end { ends[k] = end }
        start = end
      }
      tieGroupEnd = ends
    }

    /// Mid-ranks of `values[sample[s]]` for each s, where `copies[i]` counts i in `sample`.
    func sampleRanks(_ sample: [Int], copies: [Int]) -> [Double] {
      var rankOfPoint = [Double](repeating: 0, count: order.count)
      var before = 0
      var position = 0
      while position < order.count {
        let end = tieGroupEnd[position]
        var tied = 0
        for k in position..<end { tied += copies[order[k]] }
        if tied > 0 {
          let rank = Double(before + (before + tied - 1)) / 2 + 1
          for k in position..<end { rankOfPoint[order[k]] = rank }
        }
        before += tied
        position = end
      }
      return sample.map { rankOfPoint[$0] }
    }
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
