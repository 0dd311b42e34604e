import Foundation
import Testing

@testable import Experiments

@Suite struct SweepShardTests {
  @Test func parsesAndRefusesBadShards() throws {
    let shard = try SweepShard(parsing: "2/5")
    #expect(shard.index == 2 && shard.count == 5)
    #expect(shard.description == "2/5")
    for text in ["5/5", "-1/3", "1/0", "1", "a/b", "1/2/3", "", "/3"] {
      #expect(throws: PlanError.invalidShard(text), "shard '\(text)'") {
        try SweepShard(parsing: text)
      }
    }
  }

  /// Shards 0..<N of runs 0..<R are disjoint, cover every run, and count their runs right.
  @Test(arguments: [(1, 10), (3, 10), (4, 3), (7, 100), (5, 0), (2, 1)])
  func shardsPartitionTheRuns(shardCount: Int, runCount: Int) throws {
    var owner = [Int](repeating: -1, count: runCount)
    for index in 0..<shardCount {
      let shard = try SweepShard(index: index, count: shardCount)
      var members = 0
      for run in 0..<runCount where shard.contains(run) {
        #expect(owner[run] == -1, "run \(run) in two shards")
        owner[run] = index
        members += 1
      }
      #expect(shard.runCount(of: runCount) == members, "shard \(shard) of \(runCount) runs")
      // The k-th run id is the k-th member.
      let ids = (0..<members).map(shard.runID)
      #expect(ids == (0..<runCount).filter(shard.contains))
    }
    #expect(owner.allSatisfy { $0 >= 0 })
  }

  @Test func wholeSweepIsShardZeroOfOne() {
    #expect(SweepShard.whole.isWhole)
    #expect((0..<20).allSatisfy(SweepShard.whole.contains))
    #expect(SweepShard.whole.runCount(of: 20) == 20)
  }
}

@Suite struct ShardedSweepTests {
  func design(seed: UInt64 = 5) throws -> SweepDesign {
    try SweepDesign(
      plan: SweepPlan(
        scenario: "builtin:ishigami-noisy", design: .lhs,
        parameters: [
          try VarySyntax.parse("x1=-3..3"), try VarySyntax.parse("x2=-3..3"),
          try VarySyntax.parse("x3=-3..3"),
        ],
        samples: 25, replicates: 2, seed: seed, recordSeries: true))
  }

  /// Runs `shard` of `design` into a fresh database and returns its path.
  func runShard(
    _ shard: SweepShard, of design: SweepDesign,
    model: any ExperimentModel = IshigamiModel(
      noise: 0.5)
  ) throws -> (path: String, summary: SweepSummary) {
    let path = temporaryDatabasePath("shard-\(shard.index)-of-\(shard.count)")
    var runner = SweepRunner(design: design, model: model, databasePath: path, jobs: 2)
    runner.shard = shard
    return (path, try runner.run())
  }

  func runIDs(_ path: String) throws -> [Int] {
    let database = try SweepDatabase(path: path)
    let query = try database.database.prepare("SELECT run_id FROM runs ORDER BY run_id")
    var ids: [Int] = []
    while try query.step() { ids.append(query.int(0)) }
    return ids
  }

  @Test func aShardRunsExactlyItsRunsAndRecordsItself() throws {
    let design = try design()
    #expect(design.runCount == 50)
    let shard = try SweepShard(index: 1, count: 3)
    let (path, summary) = try runShard(shard, of: design)
    #expect(summary.total == 17 && summary.ran == 17 && summary.isComplete)
    #expect(try runIDs(path) == Array(stride(from: 1, to: 50, by: 3)))
    let database = try SweepDatabase(path: path)
    #expect(try ResultsWriter.storedShard(database.database) == shard)
    // The plan row is the whole plan's: run count 50, not 17.
    #expect(database.plan.runCount == 50)
  }

  @Test func aShardResumesLikeAWholeSweep() throws {
    let design = try design()
    let shard = try SweepShard(index: 0, count: 2)
    let path = temporaryDatabasePath("shard-resume")
    let counting = CountingModel(IshigamiModel(noise: 0.5))
    var first = SweepRunner(design: design, model: counting, databasePath: path, jobs: 1)
    first.shard = shard
    first.stopAfter = 10
    first.batchSize = 4
    #expect(try first.run().interrupted)
    var second = SweepRunner(design: design, model: counting, databasePath: path, jobs: 1)
    second.shard = shard
    let summary = try second.run()
    #expect(summary.alreadyDone == 10 && summary.ran == 15 && summary.isComplete)
    // One job and a queue of two: at most 3 runs were in flight at the stop.
    #expect(counting.totalCalls <= 25 + 3)
    #expect(try runIDs(path) == Array(stride(from: 0, to: 50, by: 2)))
  }

  @Test func anotherShardIntoTheSameDatabaseIsRefused() throws {
    let design = try design()
    let (path, _) = try runShard(try SweepShard(index: 0, count: 2), of: design)
    for other in [try SweepShard(index: 1, count: 2), try SweepShard(index: 0, count: 3), .whole] {
      #expect("refuses shard \(other)") {
        var runner = SweepRunner(
          design: design, model: IshigamiModel(noise: 0.5), databasePath: path, jobs: 1)
        runner.shard = other
        _ = try runner.run()
      } throws: { error in
        guard let error = error as? StoreError, case .differentShard = error else { return false }
        return "\(error)".contains("holds shard 0/2 of this plan, not shard \(other)")
      }
    }
  }
}
