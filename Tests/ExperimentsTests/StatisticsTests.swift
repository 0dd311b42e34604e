import Testing

@testable import Experiments

@Suite struct StatisticsTests {
  /// t quantiles from standard tables (R's qt to 6 significant digits).
  @Test(arguments: [
    (0.975, 1.0, 12.7062), (0.975, 2.0, 4.30265), (0.975, 4.0, 2.77645),
    (0.975, 9.0, 2.26216), (0.975, 29.0, 2.04523), (0.975, 1000.0, 1.96234),
    (0.995, 5.0, 4.03214), (0.95, 10.0, 1.81246), (0.9995, 1.0, 636.619),
    (0.025, 4.0, -2.77645), (0.5, 3.0, 0.0),
  ])
  func tQuantileMatchesTables(p: Double, df: Double, expected: Double) {
    let q = StudentT.quantile(p, degreesOfFreedom: df)
    #expect(abs(q - expected) <= 1e-5 * max(1, abs(expected)), "p=\(p) df=\(df): \(q)")
  }

  @Test func tCDFInvertsQuantile() {
    for df in [1.0, 3.5, 12, 200] {
      for p in [0.01, 0.3, 0.8, 0.999] {
        let t = StudentT.quantile(p, degreesOfFreedom: df)
        #expect(abs(StudentT.cdf(t, degreesOfFreedom: df) - p) < 1e-10)
      }
    }
    // Cauchy (df = 1): F(1) = 3/4 exactly.
    #expect(abs(StudentT.cdf(1, degreesOfFreedom: 1) - 0.75) < 1e-12)
  }

  @Test func sampleStatisticsMatchHandComputation() {
    let s = SampleStatistics([2, 4, 4, 4, 5, 5, 7, 9])
    #expect(abs(s.mean - 5) < 1e-12)
    // Σ(x − 5)² = 32, s² = 32/7.
    #expect(abs(s.variance - 32.0 / 7) < 1e-12)
    let half = 2.36462 * (32.0 / 7).squareRoot() / 8.0.squareRoot()
    #expect(abs(s.confidenceHalfWidth() - half) < 1e-5)
    #expect(s.minimum == 2 && s.maximum == 9)
    #expect(SampleStatistics([3]).confidenceInterval() == nil)
  }
}
