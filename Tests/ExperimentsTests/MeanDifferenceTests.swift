import Testing

@testable import Experiments

@Suite struct MeanDifferenceTests {
  /// Welch interval checked by hand: a = {1,2,3,4} (mean 2.5, s² = 5/3), b = {2,4,6} (mean 4,
  /// s² = 4); va = 5/12, vb = 4/3, se² = 1.75; ν = 1.75² / ((5/12)²/3 + (4/3)²/2) = 3.23472;
  /// t(0.975, 3.23472) = 3.05571 (scipy.stats.t.ppf).
  @Test func welchIntervalMatchesHandComputation() throws {
    let d = MeanDifference(from: SampleStatistics([1, 2, 3, 4]), to: SampleStatistics([2, 4, 6]))
    #expect(abs(d.difference - 1.5) < 1e-12)
    #expect(abs(d.degreesOfFreedom - 3.23472) < 1e-4)
    let interval = try #require(d.interval)
    let half = 1.75.squareRoot() * 3.05571
    #expect(abs(interval.lowerBound - (1.5 - half)) < 1e-4)
    #expect(abs(interval.upperBound - (1.5 + half)) < 1e-4)
  }

  @Test func undefinedWithOneValue() {
    #expect(
      MeanDifference(from: SampleStatistics([1]), to: SampleStatistics([2, 3])).interval == nil)
    let flat = MeanDifference(from: SampleStatistics([1, 1]), to: SampleStatistics([3, 3]))
    #expect(flat.interval == 2...2)
  }
}
