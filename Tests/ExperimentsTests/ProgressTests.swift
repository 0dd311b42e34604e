import Testing

@testable import Experiments

@Suite struct ProgressTests {
  @Test func barLineShowsCountsRateAndETA() {
    let snapshot = SweepProgressSnapshot(
      done: 250, total: 1000, failed: 3, ranThisTime: 200, elapsed: 4)
    #expect(
      ProgressReporter.line(snapshot, barWidth: 20)
        == "[#####---------------]   250/1000   25%  0:04 elapsed  50.0 runs/s  ETA 0:15  (3 failed)"
    )
  }

  @Test func plainLineHasNoBarAndNoETAWhenDone() {
    let snapshot = SweepProgressSnapshot(
      done: 10, total: 10, failed: 0, ranThisTime: 10, elapsed: 2)
    #expect(ProgressReporter.line(snapshot, barWidth: 0) == "10/10  100%  0:02 elapsed  5.0 runs/s")
  }

  @Test func durationsUseHoursWhenLong() {
    #expect(ProgressReporter.duration(59.2) == "1:00")
    #expect(ProgressReporter.duration(3725) == "1:02:05")
  }

  /// The line never needs more columns than the terminal has (one is left for the cursor).
  @Test func fittedLineFitsEveryWidth() {
    let snapshot = SweepProgressSnapshot(
      done: 512, total: 20_000, failed: 12, ranThisTime: 500, elapsed: 83)
    #expect(ProgressReporter.fitted(snapshot, columns: 200).hasPrefix("[--"))
    for columns in 1...120 {
      let line = ProgressReporter.fitted(snapshot, columns: columns)
      #expect(line.count <= max(columns - 1, 1), "\(columns): \(line)")
      if columns >= 40 { #expect(line.contains("1:23"), "elapsed time kept at \(columns)") }
    }
  }
}
