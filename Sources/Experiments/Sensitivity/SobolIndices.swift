import Randomness

/// First- and total-order Sobol indices from the outputs of a ``SaltelliDesign``.
///
/// With f_A, f_B, f_AB^(j) the outputs on rows A_i, B_i, AB_i^(j) (i = 1…N) and V the variance
/// of all 2N outputs of A and B (as SALib does):
///
///     S_j  = (1/N) Σ_i f_B(i) (f_AB^(j)(i) − f_A(i)) / V        Saltelli et al. (2010), Table 2 (b)
///     ST_j = (1/2N) Σ_i (f_A(i) − f_AB^(j)(i))² / V              Jansen (1999), Table 2 (f)
///
/// Outputs are first centred on the mean of all N(D+2) of them, as SALib does: the first-order
/// estimator is not shift-invariant, and centring removes the variance a large mean would add
/// (the total-order estimator and V are unchanged by it).
///
/// Confidence intervals: percentile bootstrap over the N base samples (resample i with
/// replacement, recompute the indices, take the 2.5% and 97.5% quantiles of `resamples`
/// replicates), seeded so reports are reproducible. The estimators' error shrinks like 1/√N for
/// random and roughly 1/N for Sobol base samples.
public struct SobolIndices: Sendable {
  /// One parameter's indices with 95% bootstrap intervals.
  public struct Entry: Sendable, Equatable {
    public var firstOrder: Double
    public var firstOrderInterval: ClosedRange<Double>
    public var totalOrder: Double
    public var totalOrderInterval: ClosedRange<Double>
  }

  public let entries: [Entry]
  /// Base samples used (complete blocks only).
  public let baseSamples: Int

  /// Estimates indices from `blocks`: one array per base sample i holding the D + 2 outputs in
  /// design order (f_A, f_AB^(1), …, f_AB^(D), f_B). Blocks with a missing output must be left
  /// out by the caller.
  public init(blocks: [[Double]], dimensions: Int, resamples: Int = 1000, seed: UInt64 = 1) {
    precondition(blocks.allSatisfy { $0.count == dimensions + 2 })
    baseSamples = blocks.count
    let count = Double(blocks.count * (dimensions + 2))
    let centre = blocks.reduce(0) { $0 + $1.reduce(0, +) } / count
    let blocks = blocks.map { $0.map { $0 - centre } }
    let indices = Array(blocks.indices)
    let estimate = Self.estimate(blocks, indices, dimensions: dimensions)
    var firstDraws = [[Double]](repeating: [], count: dimensions)
    var totalDraws = [[Double]](repeating: [], count: dimensions)
    var generator = SplitMix64(seed: seed)
    if blocks.count > 1 {
      for _ in 0..<resamples {
        let sample = indices.map { _ in Int(generator.next() % UInt64(blocks.count)) }
        let draw = Self.estimate(blocks, sample, dimensions: dimensions)
        for j in 0..<dimensions {
          firstDraws[j].append(draw.first[j])
          totalDraws[j].append(draw.total[j])
        }
      }
    }
    entries = (0..<dimensions).map { j in
      Entry(
        firstOrder: estimate.first[j],
        firstOrderInterval: Self.percentileInterval(firstDraws[j], fallback: estimate.first[j]),
        totalOrder: estimate.total[j],
        totalOrderInterval: Self.percentileInterval(totalDraws[j], fallback: estimate.total[j]))
    }
  }

  static func estimate(_ blocks: [[Double]], _ sample: [Int], dimensions: Int) -> (
    first: [Double], total: [Double]
  ) {
    var all = SampleStatistics()
    for i in sample {
      all.add(blocks[i][0])
      all.add(blocks[i][dimensions + 1])
    }
    // Population variance of the 2N outputs, as SALib's np.var.
    let variance = all.variance * Double(all.count - 1) / Double(all.count)
    var first = [Double](repeating: 0, count: dimensions)
    var total = [Double](repeating: 0, count: dimensions)
    let n = Double(sample.count)
    for j in 0..<dimensions {
      var s = 0.0
      var st = 0.0
      for i in sample {
        let a = blocks[i][0]
        let b = blocks[i][dimensions + 1]
        let ab = blocks[i][j + 1]
        s += b * (ab - a)
        st += (a - ab) * (a - ab)
      }
      first[j] = s / n / variance
      total[j] = st / (2 * n) / variance
    }
    return (first, total)
  }

  /// The 2.5% and 97.5% empirical quantiles (linear interpolation between order statistics).
  static func percentileInterval(_ draws: [Double], fallback: Double) -> ClosedRange<Double> {
    let finite = draws.filter(\.isFinite).sorted()
    guard finite.count > 1 else { return fallback...fallback }
    func quantile(_ q: Double) -> Double {
      let position = q * Double(finite.count - 1)
      let lower = Int(position)
      let upper = min(lower + 1, finite.count - 1)
      let fraction = position - Double(lower)
      return finite[lower] + fraction * (finite[upper] - finite[lower])
    }
    return quantile(0.025)...quantile(0.975)
  }
}
