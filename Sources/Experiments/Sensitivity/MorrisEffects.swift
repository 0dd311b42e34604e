/// Morris elementary effects and their summaries (Morris 1991; μ* by Campolongo et al. 2007).
///
/// Along a trajectory, consecutive points x, x' differ in one coordinate j; the elementary
/// effect of j is EE_j = (f(x') − f(x)) / (x'_j − x_j), in unit-cube coordinates (so Δ away).
/// Over the r trajectories: μ_j = mean EE_j, μ*_j = mean |EE_j| (importance), σ_j = the sample
/// standard deviation of EE_j (ddof 1: non-linearity or interactions). These are SALib's
/// `analyze.morris` mu, mu_star and sigma.
public struct MorrisEffects: Sendable {
  public struct Entry: Sendable {
    public var mu: Double
    public var muStar: Double
    public var sigma: Double
    /// Elementary effects found (one per trajectory where both ends are finite).
    public var count: Int
  }

  public let entries: [Entry]

  /// `points[t]` and `outputs[t]` are the D+1 unit points and outputs of trajectory t.
  public init(points: [[[Double]]], outputs: [[Double]], dimensions: Int) {
    var effects = [[Double]](repeating: [], count: dimensions)
    for (path, values) in zip(points, outputs) {
      for k in 1..<min(path.count, values.count) {
        guard values[k].isFinite, values[k - 1].isFinite else { continue }
        let moved = (0..<dimensions).filter { abs(path[k][$0] - path[k - 1][$0]) > 1e-12 }
        guard moved.count == 1, let j = moved.first else { continue }
        effects[j].append((values[k] - values[k - 1]) / (path[k][j] - path[k - 1][j]))
      }
    }
    entries = effects.map { ee in
      let plain = SampleStatistics(ee)
      let absolute = SampleStatistics(ee.map(abs))
      guard !ee.isEmpty else { return Entry(mu: .nan, muStar: .nan, sigma: .nan, count: 0) }
      return Entry(
        mu: plain.mean, muStar: absolute.mean, sigma: plain.standardDeviation, count: ee.count)
    }
  }
}
