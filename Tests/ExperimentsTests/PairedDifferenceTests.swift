import Testing

@testable import Experiments

@Suite struct PairedDifferenceTests {
  /// a = {1,2,3,4}, b = {1.5,2.7,3.4,4.9}: d = {0.5,0.7,0.4,0.9}, d̄ = 0.625, s_d² = 0.1475/3;
  /// the 95% interval from scipy.stats.ttest_rel(b, a).confidence_interval() is
  /// [0.2721692141069302, 0.97783078589307].
  @Test func intervalMatchesScipyPairedT() throws {
    let d = PairedDifference(from: [1, 2, 3, 4], to: [1.5, 2.7, 3.4, 4.9])
    #expect(abs(d.difference - 0.625) < 1e-12)
    let interval = try #require(d.interval)
    #expect(abs(interval.lowerBound - 0.2721692141069302) < 1e-9)
    #expect(abs(interval.upperBound - 0.97783078589307) < 1e-9)
    #expect(d.count == 4)
    #expect(!d.isConstant)
  }

  /// Shared noise cancels in the pairs: the paired interval is far narrower than Welch's.
  @Test func pairingRemovesSharedVariation() throws {
    let shared = [3.0, -1.0, 4.0, 1.0, -5.0, 9.0, 2.0, -6.0]
    let a = shared.map { 100 + $0 }
    let b = shared.enumerated().map { 101 + $0.element + 0.01 * Double($0.offset % 3) }
    let paired = try #require(PairedDifference(from: a, to: b).interval)
    let welch = try #require(
      MeanDifference(from: SampleStatistics(a), to: SampleStatistics(b)).interval)
    #expect(paired.contains(1.01))
    #expect((paired.upperBound - paired.lowerBound) * 100 < welch.upperBound - welch.lowerBound)
  }

  /// Identical pairs give exactly 0 with a zero-width interval, and noise in the 13th digit of
  /// the means (the same sums in another order) reads as 0 rather than -7e-13.
  @Test func identicalAndRoundingNoiseAreZero() throws {
    let same = PairedDifference(from: [2, 3, 4], to: [2, 3, 4])
    #expect(same.difference == 0)
    #expect(same.interval == 0...0)
    #expect(same.isConstant)
    let noisy = PairedDifference(from: [1.0, 1.0], to: [1.0 - 7e-13, 1.0 - 7e-13])
    #expect(noisy.difference == 0)
    #expect(noisy.isConstant)
    let real = PairedDifference(from: [1.0, 1.0], to: [1.0 - 1e-9, 1.0 - 1e-9])
    #expect(real.difference < 0)
  }

  @Test func oneReplicateHasNoInterval() {
    let one = PairedDifference(from: [1], to: [3])
    #expect(one.interval == nil)
    #expect(abs(one.difference - 2) < 1e-12)
    #expect(PairedDifference(from: [.nan, 1, 2], to: [5, 2, 4]).count == 2)
  }
}
