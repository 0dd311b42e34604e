import Testing

@testable import Experiments

@Suite struct QuantileTests {
  /// numpy.percentile([3, 1, 4, 1.5, 9, 2.6, 5], [5, 25, 50, 75, 95]) (linear, type 7) gives
  /// [1.15, 2.05, 3.0, 4.5, 7.8].
  @Test func matchesNumpyPercentile() {
    let x = [3.0, 1.0, 4.0, 1.5, 9.0, 2.6, 5.0]
    let expected = [(0.05, 1.15), (0.25, 2.05), (0.5, 3.0), (0.75, 4.5), (0.95, 7.8)]
    for (p, q) in expected {
      #expect(abs(Quantile.of(x, p) - q) < 1e-12, "Q(\(p))")
    }
  }

  @Test func edgesAndMissingValues() {
    #expect(Quantile.of([], 0.5).isNaN)
    #expect(abs(Quantile.of([2.5], 0.9) - 2.5) < 1e-15)
    #expect(abs(Quantile.of([1, .nan, 3], 0.5) - 2) < 1e-15)
    #expect(abs(Quantile.of([4, 1, 3], 0) - 1) < 1e-15)
    #expect(abs(Quantile.of([4, 1, 3], 1) - 4) < 1e-15)
  }
}
