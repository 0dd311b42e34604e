import Foundation
import Testing

@testable import Experiments

/// A fresh temporary path for a sweep database.
func temporaryDatabasePath(_ name: String) -> String {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("gpumarket-tests-\(ProcessInfo.processInfo.processIdentifier)")
  try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  let path = directory.appendingPathComponent("\(name)-\(UUID().uuidString).sqlite").path
  return path
}

/// Counts calls, to prove resumed sweeps run nothing twice.
final class CountingModel: ExperimentModel, @unchecked Sendable {
  let inner: any ExperimentModel
  private let lock = NSLock()
  private(set) var calls: [Int: Int] = [:]

  init(_ inner: any ExperimentModel) { self.inner = inner }

  func run(_ assignments: [ParameterAssignment], seed: UInt64) throws -> RunOutcome {
    lock.lock()
    calls[Int(truncatingIfNeeded: seed), default: 0] += 1
    lock.unlock()
    return try inner.run(assignments, seed: seed)
  }

  var totalCalls: Int {
    lock.lock()
    defer { lock.unlock() }
    return calls.values.reduce(0, +)
  }

  var maximumCallsPerSeed: Int {
    lock.lock()
    defer { lock.unlock() }
    return calls.values.max() ?? 0
  }
}

@Suite struct RunnerTests {
  func plan(design: DesignKind = .lhs, samples: Int = 40, replicates: Int = 3) throws -> SweepPlan {
    SweepPlan(
      scenario: "builtin:ishigami-noisy", design: design,
      parameters: [
        try VarySyntax.parse("x1=-3.14159..3.14159:5"), try VarySyntax.parse("x2=-3..3:4"),
        try VarySyntax.parse("x3=0,1,2"),
      ],
      samples: samples, replicates: replicates, seed: 11, recordSeries: true)
  }

  @Test func resultsAreIdenticalWhateverTheJobCount() throws {
    let design = try SweepDesign(plan: plan())
    var dumps: [String] = []
    for jobs in [1, 2, 4] {
      let path = temporaryDatabasePath("jobs\(jobs)")
      let summary = try SweepRunner(
        design: design, model: IshigamiModel(noise: 0.5), databasePath: path, jobs: jobs
      ).run()
      #expect(summary.ran == 120)
      #expect(summary.failed == 0)
      dumps.append(try SweepDatabase(path: path).canonicalDump())
    }
    #expect(dumps[0] == dumps[1])
    #expect(dumps[0] == dumps[2])
    // Runs, parameters, 2 outcomes and 4 series x 12 months per run.
    #expect(dumps[0].split(separator: "\n").count == 1 + 120 + 360 + 240 + 120 * 48)
  }

  @Test func resumeRunsNothingTwiceAndLosesNothing() throws {
    let design = try SweepDesign(plan: plan(design: .grid, replicates: 2))
    #expect(design.runCount == 120)
    let path = temporaryDatabasePath("resume")
    let counting = CountingModel(IshigamiModel(noise: 0.5))
    var first = SweepRunner(design: design, model: counting, databasePath: path, jobs: 2)
    first.stopAfter = 37
    first.batchSize = 8
    let stopped = try first.run()
    #expect(stopped.interrupted)
    #expect(stopped.ran == 37)
    let second = try SweepRunner(design: design, model: counting, databasePath: path, jobs: 2).run()
    #expect(second.alreadyDone == 37)
    #expect(second.isComplete)
    // Runs in flight at the stop (at most jobs + queue capacity) may run again; stored ones never.
    #expect(counting.totalCalls <= 120 + 2 + 4)
    let reference = temporaryDatabasePath("resume-reference")
    _ = try SweepRunner(
      design: design, model: IshigamiModel(noise: 0.5), databasePath: reference, jobs: 1
    ).run()
    #expect(
      try SweepDatabase(path: path).canonicalDump()
        == SweepDatabase(path: reference).canonicalDump())
    // A third invocation finds nothing to do.
    let third = try SweepRunner(design: design, model: counting, databasePath: path, jobs: 2).run()
    #expect(third.ran == 0 && third.alreadyDone == 120)
  }

  /// The names of the indexes a database holds.
  func indexNames(_ path: String) throws -> [String] {
    let database = try SQLiteDatabase(path: path, readOnly: true)
    let query = try database.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
    var names: [String] = []
    while try query.step() { names.append(query.string(0) ?? "") }
    return names
  }

  @Test func aSweepThatStopsCleanlyLeavesItsIndexes() throws {
    let design = try SweepDesign(plan: plan(design: .random, samples: 30, replicates: 1))
    let expected = ["outcomes_by_name", "series_by_name"]
    let stoppedPath = temporaryDatabasePath("indexes-stopped")
    var stopped = SweepRunner(
      design: design, model: IshigamiModel(), databasePath: stoppedPath, jobs: 2)
    stopped.stopAfter = 10
    #expect(try stopped.run().interrupted)
    #expect(try indexNames(stoppedPath) == expected)
    // Resuming keeps them and adds the remaining rows to them.
    #expect(
      try SweepRunner(
        design: design, model: IshigamiModel(), databasePath: stoppedPath, jobs: 2
      ).run().isComplete)
    #expect(try indexNames(stoppedPath) == expected)
    let database = try SQLiteDatabase(path: stoppedPath, readOnly: true)
    let count = try database.prepare(
      "SELECT count(*) FROM outcomes INDEXED BY outcomes_by_name WHERE name = 'y'")
    try count.step()
    #expect(count.int(0) == 30)
  }

  @Test func storedRunsAreNeverRunAgain() throws {
    let design = try SweepDesign(plan: plan(design: .random, samples: 50, replicates: 1))
    let path = temporaryDatabasePath("once")
    let counting = CountingModel(IshigamiModel())
    var first = SweepRunner(design: design, model: counting, databasePath: path, jobs: 1)
    first.stopAfter = 20
    _ = try first.run()
    let afterFirst = counting.totalCalls
    _ = try SweepRunner(design: design, model: counting, databasePath: path, jobs: 1).run()
    // With one job and a queue of 2, at most 3 runs were in flight when the first stopped.
    #expect(afterFirst <= 23)
    #expect(counting.totalCalls - afterFirst <= 30 + 3)
    #expect(counting.totalCalls >= 50)
  }

  @Test func differentPlanInSameDatabaseIsAnError() throws {
    let path = temporaryDatabasePath("plan")
    _ = try SweepRunner(
      design: try SweepDesign(plan: plan(design: .lhs, samples: 4, replicates: 1)),
      model: IshigamiModel(), databasePath: path, jobs: 1
    ).run()
    var other = try plan(design: .lhs, samples: 4, replicates: 1)
    other.seed = 12
    #expect {
      try SweepRunner(
        design: try SweepDesign(plan: other), model: IshigamiModel(), databasePath: path, jobs: 1
      ).run()
    } throws: { error in
      guard let error = error as? StoreError, case .differentPlan = error else { return false }
      return "\(error)".contains("different sweep plan")
    }
  }

  @Test func failingRunsAreRecordedAndTheSweepGoesOn() throws {
    let design = try SweepDesign(
      plan: SweepPlan(
        scenario: "builtin:failing", parameters: [try VarySyntax.parse("x1=-2,-1,1,2")],
        replicates: 2))
    let path = temporaryDatabasePath("failing")
    let summary = try SweepRunner(
      design: design, model: FailingModel(), databasePath: path, jobs: 2
    ).run()
    #expect(summary.total == 8)
    #expect(summary.failed == 4)
    let database = try SweepDatabase(path: path)
    let counts = try database.runCounts()
    #expect(counts.ok == 4 && counts.failed == 4)
    let failures = try database.failures(limit: 10)
    #expect(failures.map(\.run) == [0, 1, 2, 3])
    #expect(failures[0].error.contains("x1 = -2.0 is negative"))
  }

  @Test func outcomeStatisticsComeBackPerPoint() throws {
    let design = try SweepDesign(
      plan: SweepPlan(
        scenario: "builtin:ishigami-noisy", parameters: [try VarySyntax.parse("x1=0,1")],
        replicates: 5, seed: 3, recordSeries: true))
    let path = temporaryDatabasePath("stats")
    _ = try SweepRunner(
      design: design, model: IshigamiModel(noise: 0.5), databasePath: path, jobs: 2
    ).run()
    let database = try SweepDatabase(path: path)
    let byPoint = try database.outcomeByPoint("y")
    #expect(byPoint[1]?.count == 5)
    // y = sin(1) + noise in ±0.5·√3: the mean lies within that band.
    #expect(abs((byPoint[1]?.mean ?? 0) - sin(1.0)) < 0.87)
    #expect(try database.pointValues()[1] == [1])
    let series = try database.seriesByMonth("price.a", point: 0)
    #expect(series.months.count == 12)
    #expect(series.statistics.allSatisfy { $0.count == 5 })
    #expect(try database.outcomeNames() == ["y", "sin.x1"])
    let view = try database.database.prepare(
      "SELECT run_id, \"x1\" FROM runs_with_parameters ORDER BY run_id")
    var rows: [(Int, Double)] = []
    while try view.step() { rows.append((view.int(0), view.double(1))) }
    #expect(rows.count == 10)
    #expect(rows.allSatisfy { $0.1 == ($0.0 < 5 ? 0 : 1) })
  }
}

@Suite struct StoreErrorTests {
  @Test func unwritableDatabaseIsAnErrorNamingThePath() throws {
    let design = try SweepDesign(
      plan: SweepPlan(scenario: "builtin:ishigami", parameters: [try VarySyntax.parse("x1=1")]))
    let path = "/nonexistent-folder/sweep.sqlite"
    #expect {
      try SweepRunner(design: design, model: IshigamiModel(), databasePath: path, jobs: 1).run()
    } throws: { "\($0)" == "\(path): the folder /nonexistent-folder does not exist" }
  }

  @Test func readingSomethingElseIsAnError() throws {
    let path = temporaryDatabasePath("other")
    let writer = try SQLiteDatabase(path: path)
    try writer.execute("CREATE TABLE t (x)")
    #expect {
      try SweepDatabase(path: path)
    } throws: { "\($0)" == "\(path) is not a gpumarket sweep database (no plan table)" }
  }
}
