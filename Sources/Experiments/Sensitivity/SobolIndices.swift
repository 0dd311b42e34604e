import Randomness

/// First-, total- and (with a second-order design) second-order Sobol indices from the outputs
/// of a ``SaltelliDesign``.
///
/// With f_A, f_B, f_AB^(j), f_BA^(j) the outputs on rows A_i, B_i, AB_i^(j), BA_i^(j)
/// (i = 1…N) and V the variance of all 2N outputs of A and B (as SALib does):
///
///     S_j  = (1/N) Σ_i f_B(i) (f_AB^(j)(i) − f_A(i)) / V        Saltelli et al. (2010), Table 2 (b)
///     ST_j = (1/2N) Σ_i (f_A(i) − f_AB^(j)(i))² / V              Jansen (1999), Table 2 (f)
///     S_jk = (1/N) Σ_i (f_BA^(j)(i) f_AB^(k)(i) − f_A(i) f_B(i)) / V − S_j − S_k   (j < k)
///
/// The last is Saltelli (2002): BA^(j) and AB^(k) share exactly columns j and k (both take x_j
/// from A and x_k from B), so the first term estimates the closed variance V^c_jk =
/// Var(E[Y | x_j, x_k]) / V, and subtracting the two first-order parts leaves the interaction.
/// It is SALib's `second_order` estimator.
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

  /// The second-order index S_jk of parameters j < k with its 95% bootstrap interval.
  public struct Pair: Sendable, Equatable {
    public var first: Int
    public var second: Int
    public var value: Double
    public var interval: ClosedRange<Double>
  }

  public let entries: [Entry]
  /// Second-order indices for every j < k in lexicographic order; empty unless the blocks are
  /// of a second-order design.
  public let pairs: [Pair]
  /// Base samples used (complete blocks only).
  public let baseSamples: Int

  /// Estimates indices from `blocks`: one array per base sample i holding its outputs in design
  /// order: D + 2 of them (f_A, f_AB^(1), …, f_AB^(D), f_B), or 2D + 2 with `secondOrder`
  /// (f_A, f_AB^(1…D), f_BA^(1…D), f_B). Blocks with a missing output must be left out by the
  /// caller.
  public init(
    blocks: [[Double]], dimensions: Int, secondOrder: Bool = false, resamples: Int = 1000,
    seed: UInt64 = 1
  ) {
    let blockSize = (secondOrder ? 2 * dimensions : dimensions) + 2
    precondition(blocks.allSatisfy { $0.count == blockSize })
    baseSamples = blocks.count
    let count = Double(blocks.count * blockSize)
    let centre = blocks.reduce(0) { $0 + $1.reduce(0, +) } / count
    let blocks = blocks.map { $0.map { $0 - centre } }
    let indices = Array(blocks.indices)
    let pairIndices =
      secondOrder
      ? (0..<dimensions).flatMap { j in (j + 1..<dimensions).map { (j, $0) } } : []
    let estimate = Self.estimate(blocks, indices, dimensions: dimensions, pairs: pairIndices)
    var firstDraws = [[Double]](repeating: [], count: dimensions)
    var totalDraws = [[Double]](repeating: [], count: dimensions)
    var pairDraws = [[Double]](repeating: [], count: pairIndices.count)
    var generator = SplitMix64(seed: seed)
    if blocks.count > 1 {
      for _ in 0..<resamples {
        let sample = indices.map { _ in Int(generator.next() % UInt64(blocks.count)) }
        let draw = Self.estimate(blocks, sample, dimensions: dimensions, pairs: pairIndices)
        for j in 0..<dimensions {
          firstDraws[j].append(draw.first[j])
          totalDraws[j].append(draw.total[j])
        }
        for p in pairIndices.indices { pairDraws[p].append(draw.second[p]) }
      }
    }
    entries = (0..<dimensions).map { j in
      Entry(
        firstOrder: estimate.first[j],
        firstOrderInterval: Self.percentileInterval(firstDraws[j], fallback: estimate.first[j]),
        totalOrder: estimate.total[j],
        totalOrderInterval: Self.percentileInterval(totalDraws[j], fallback: estimate.total[j]))
    }
    pairs = pairIndices.indices.map { p in
      Pair(
        first: pairIndices[p].0, second: pairIndices[p].1, value: estimate.second[p],
        interval: Self.percentileInterval(pairDraws[p], fallback: estimate.second[p]))
    }
  }

  /// The indices over base samples `sample` (with repetitions in a bootstrap draw); `pairs` are
  /// the (j, k) whose second-order index is wanted, whose BA rows follow the AB rows.
  static func estimate(
    _ blocks: [[Double]], _ sample: [Int], dimensions: Int, pairs: [(Int, Int)] = []
  ) -> (first: [Double], total: [Double], second: [Double]) {
    let last = blocks.first.map { $0.count - 1 } ?? dimensions + 1
    var all = SampleStatistics()
    for i in sample {
      all.add(blocks[i][0])
      all.add(blocks[i][last])
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
        let b = blocks[i][last]
        let ab = blocks[i][j + 1]
        s += b * (ab - a)
        st += (a - ab) * (a - ab)
      }
      first[j] = s / n / variance
      total[j] = st / (2 * n) / variance
    }
    let second = pairs.map { (j, k) in
      var closed = 0.0
      for i in sample {
        let row = blocks[i]
        closed += row[dimensions + 1 + j] * row[k + 1] - row[0] * row[last]
      }
      return closed / n / variance - first[j] - first[k]
    }
    return (first, total, second)
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
