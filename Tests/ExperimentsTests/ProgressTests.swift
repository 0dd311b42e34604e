import Testing

@testable import Experiments

@Suite struct ProgressTests {
  @Test func barLineShowsCountsRateAndETA() {
    let snapshot = SweepProgressSnapshot(
      done: 250, total: 1000, failed: 3, ranThisTime: 200, elapsed: 4)
    #expect(
      ProgressReporter.line(snapshot, barWidth: 20)
        == "[#####---------------]   250/1000   25%  50.0 runs/s  ETA 0:15  (3 failed)")
  }

  @Test func plainLineHasNoBarAndNoETAWhenDone() {
    let snapshot = SweepProgressSnapshot(
      done: 10, total: 10, failed: 0, ranThisTime: 10, elapsed: 2)
    #expect(ProgressReporter.line(snapshot, barWidth: 0) == "10/10  100%  5.0 runs/s")
  }

  @Test func durationsUseHoursWhenLong() {
    #expect(ProgressReporter.duration(59.2) == "1:00")
    #expect(ProgressReporter.duration(3725) == "1:02:05")
  }
}
