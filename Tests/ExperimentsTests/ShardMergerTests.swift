import Foundation
import Testing

@testable import Experiments

@Suite struct ShardMergerTests {
  let shardedSweep = ShardedSweepTests()

  /// The whole sweep of `design` run in one process: the reference every merge must equal.
  func wholeSweep(_ design: SweepDesign) throws -> String {
    let path = temporaryDatabasePath("whole")
    _ = try SweepRunner(
      design: design, model: IshigamiModel(noise: 0.5), databasePath: path, jobs: 2
    ).run()
    return try SweepDatabase(path: path).canonicalDump()
  }

  @Test(arguments: [1, 2, 3, 7])
  func mergedShardsEqualTheSweepRunInOneProcess(shardCount: Int) throws {
    let design = try shardedSweep.design()
    let shards = try (0..<shardCount).map {
      try shardedSweep.runShard(SweepShard(index: $0, count: shardCount), of: design).path
    }
    let output = temporaryDatabasePath("merged")
    // Shards in reverse order: the result does not depend on the order of merging.
    let summary = try ShardMerger(outputPath: output).merge(shards.reversed())
    #expect(summary.total == 50 && summary.ok == 50 && summary.failed == 0)
    #expect(summary.missing == 0 && summary.added == 50)
    #expect(try SweepDatabase(path: output).canonicalDump() == wholeSweep(design))
    // The view over parameters exists in the merged database too.
    let merged = try SweepDatabase(path: output)
    let view = try merged.database.prepare("SELECT count(\"x2\") FROM runs_with_parameters")
    try view.step()
    #expect(view.int(0) == 50)
    #expect(try ResultsWriter.storedShard(merged.database) == .whole)
  }

  @Test func mergingAgainAddsNothingAndALaterShardIsAdded() throws {
    let design = try shardedSweep.design()
    let shards = try (0..<3).map {
      try shardedSweep.runShard(SweepShard(index: $0, count: 3), of: design).path
    }
    let output = temporaryDatabasePath("merged-later")
    let first = try ShardMerger(outputPath: output).merge([shards[0], shards[2]])
    #expect(first.added == 17 + 16)
    #expect(first.missing == 17)
    #expect(
      first.shards.map(\.shard) == [
        try SweepShard(index: 0, count: 3), try SweepShard(index: 2, count: 3),
      ])
    let again = try ShardMerger(outputPath: output).merge([shards[0], shards[2]])
    #expect(again.added == 0 && again.ok == 33 && again.missing == 17)
    let last = try ShardMerger(outputPath: output).merge(shards)
    #expect(last.shards.map(\.added) == [0, 17, 0])
    #expect(last.missing == 0)
    #expect(try SweepDatabase(path: output).canonicalDump() == wholeSweep(design))
  }

  @Test func anIncompleteShardMergesWhatItHasAndItsRestLater() throws {
    let design = try shardedSweep.design()
    let shard = try SweepShard(index: 1, count: 2)
    let path = temporaryDatabasePath("partial-shard")
    var partial = SweepRunner(
      design: design, model: IshigamiModel(noise: 0.5), databasePath: path, jobs: 1)
    partial.shard = shard
    partial.stopAfter = 6
    partial.batchSize = 2
    _ = try partial.run()
    let other = try shardedSweep.runShard(SweepShard(index: 0, count: 2), of: design).path
    let output = temporaryDatabasePath("merged-partial")
    let before = try ShardMerger(outputPath: output).merge([other, path])
    #expect(before.ok == 25 + 6 && before.missing == 19)
    // The shard is resumed (its task run again) and merged again.
    var resumed = SweepRunner(
      design: design, model: IshigamiModel(noise: 0.5), databasePath: path, jobs: 1)
    resumed.shard = shard
    #expect(try resumed.run().ran == 19)
    let after = try ShardMerger(outputPath: output).merge([other, path])
    #expect(after.added == 19 && after.missing == 0)
    #expect(try SweepDatabase(path: output).canonicalDump() == wholeSweep(design))
  }

  @Test func aMergedDatabaseResumesAsAWholeSweep() throws {
    let design = try shardedSweep.design()
    let shard = try shardedSweep.runShard(SweepShard(index: 0, count: 4), of: design).path
    let output = temporaryDatabasePath("merged-resume")
    _ = try ShardMerger(outputPath: output).merge([shard])
    let counting = CountingModel(IshigamiModel(noise: 0.5))
    let summary = try SweepRunner(
      design: design, model: counting, databasePath: output, jobs: 2
    ).run()
    #expect(summary.alreadyDone == 13 && summary.ran == 37)
    #expect(counting.totalCalls == 37)
    #expect(try SweepDatabase(path: output).canonicalDump() == wholeSweep(design))
  }

  @Test func shardsOfAnotherPlanAreRefusedAndNothingOfThemIsCopied() throws {
    let design = try shardedSweep.design()
    let good = try shardedSweep.runShard(SweepShard(index: 0, count: 2), of: design).path
    let otherDesign = try shardedSweep.design(seed: 6)
    let bad = try shardedSweep.runShard(SweepShard(index: 1, count: 2), of: otherDesign).path
    let output = temporaryDatabasePath("merged-refused")
    #expect {
      try ShardMerger(outputPath: output).merge([good, bad])
    } throws: { error in
      guard let error = error as? StoreError, case .shardOfDifferentPlan = error else {
        return false
      }
      return "\(error)".hasPrefix("\(bad) holds results of a different sweep plan (hash ")
        && "\(error)".contains("only shards of one plan can be merged")
    }
    // The plans are compared before anything is written: no output is left behind.
    #expect(!FileManager.default.fileExists(atPath: output))
    // Into an existing merged database, a shard of another plan changes nothing.
    _ = try ShardMerger(outputPath: output).merge([good])
    let before = try SweepDatabase(path: output).canonicalDump()
    #expect(throws: StoreError.self) { try ShardMerger(outputPath: output).merge([bad]) }
    #expect(try SweepDatabase(path: output).canonicalDump() == before)
  }

  @Test func failedRunsMergeAsFailed() throws {
    let design = try SweepDesign(
      plan: SweepPlan(
        scenario: "builtin:failing", parameters: [try VarySyntax.parse("x1=-2,-1,1,2")],
        replicates: 3))
    let shards = try (0..<2).map {
      try shardedSweep.runShard(
        SweepShard(index: $0, count: 2), of: design, model: FailingModel()
      ).path
    }
    let output = temporaryDatabasePath("merged-failing")
    let summary = try ShardMerger(outputPath: output).merge(shards)
    #expect(summary.ok == 6 && summary.failed == 6 && summary.missing == 0)
    let whole = temporaryDatabasePath("whole-failing")
    _ = try SweepRunner(design: design, model: FailingModel(), databasePath: whole, jobs: 1).run()
    #expect(
      try SweepDatabase(path: output).canonicalDump() == SweepDatabase(path: whole).canonicalDump())
  }

  @Test func mergingIntoAShardItselfOrSomethingElseIsAnError() throws {
    let design = try shardedSweep.design()
    let shard = try shardedSweep.runShard(SweepShard(index: 0, count: 2), of: design).path
    let other = try shardedSweep.runShard(SweepShard(index: 1, count: 2), of: design).path
    // `merge shard-0 shard-1` with the output forgotten must not fold one shard into another.
    #expect { try ShardMerger(outputPath: shard).merge([other]) } throws: {
      "\($0)".hasPrefix("\(shard) holds shard 0/2 of a sweep, not a merged sweep")
    }
    #expect(try ShardedSweepTests().runIDs(shard).count == 25)
    let merged = temporaryDatabasePath("merged-self")
    _ = try ShardMerger(outputPath: merged).merge([shard])
    #expect { try ShardMerger(outputPath: merged).merge([merged]) } throws: {
      "\($0)".contains("cannot be merged into itself")
    }
    let junk = temporaryDatabasePath("junk")
    let writer = try SQLiteDatabase(path: junk)
    try writer.execute("CREATE TABLE t (x)")
    #expect { try ShardMerger(outputPath: temporaryDatabasePath("m")).merge([junk]) } throws: {
      "\($0)" == "\(junk) is not a gpumarket sweep database (no plan table)"
    }
  }
}
