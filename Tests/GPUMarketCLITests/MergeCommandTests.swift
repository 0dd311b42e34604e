import Experiments
import Foundation
import Testing

/// `gpumarket sweep --shard I/N` and `gpumarket merge` through the built binary.
@Suite(.serialized) struct MergeCommandTests {
  static let sweep = [
    "sweep", "builtin:ishigami-noisy", "--design", "lhs", "--samples", "20", "--replicates", "2",
    "--vary", "x1=-3..3", "--vary", "x2=-3..3", "--vary", "x3=-3..3", "--series", "--quiet",
  ]

  static func run(_ arguments: [String], in folder: URL) throws -> SweepCommandTests.Result {
    try SweepCommandTests.gpumarket(arguments, in: folder)
  }

  @Test func shardsMergeIntoTheSweepRunInOneProcess() throws {
    let folder = SweepCommandTests.folder("merge")
    let whole = try Self.run(Self.sweep + ["--db", "whole.sqlite"], in: folder)
    #expect(whole.status == 0, "\(whole.stderr)")
    for index in 0..<3 {
      let shard = try Self.run(
        Self.sweep + ["--shard", "\(index)/3", "--db", "shard-\(index).sqlite"], in: folder)
      #expect(shard.status == 0, "\(shard.stderr)")
      let runs = index == 0 ? 14 : 13
      #expect(
        shard.stdout
          == "shard \(index)/3: \(runs) runs done, 0 failed; results in shard-\(index).sqlite\n")
    }
    let partial = try Self.run(
      ["merge", "out.sqlite", "shard-2.sqlite", "shard-0.sqlite"], in: folder)
    #expect(partial.status == 1)
    #expect(
      partial.stdout.hasSuffix(
        "27 of 40 runs in out.sqlite: 27 complete, 0 failed, 13 missing (27 added now)\n"))
    #expect(partial.stdout.hasPrefix("shard-2.sqlite (shard 2/3): 13 runs, 13 added\n"))
    let all = try Self.run(
      [
        "merge", "shard-0.sqlite", "shard-1.sqlite", "shard-2.sqlite", "--out", "out.sqlite",
        "--quiet",
      ],
      in: folder)
    #expect(all.status == 0, "\(all.stderr)")
    #expect(
      all.stdout == "40 of 40 runs in out.sqlite: 40 complete, 0 failed, 0 missing (13 added now)\n"
    )
    let path = { (name: String) in folder.appendingPathComponent(name).path }
    #expect(
      try SweepDatabase(path: path("out.sqlite")).canonicalDump()
        == SweepDatabase(path: path("whole.sqlite")).canonicalDump())
    // A plain sweep of the same plan into the merged database finds nothing left to do.
    let resumed = try Self.run(Self.sweep + ["--db", "out.sqlite"], in: folder)
    #expect(resumed.stdout == "40 runs done (40 from before), 0 failed; results in out.sqlite\n")
  }

  @Test func mismatchedShardsAndBadArgumentsAreRefused() throws {
    let folder = SweepCommandTests.folder("merge-errors")
    _ = try Self.run(Self.sweep + ["--shard", "0/2", "--db", "a.sqlite"], in: folder)
    let other = try Self.run(
      Self.sweep + ["--seed", "9", "--shard", "1/2", "--db", "b.sqlite"], in: folder)
    #expect(other.status == 0, "\(other.stderr)")
    let mixed = try Self.run(["merge", "m.sqlite", "a.sqlite", "b.sqlite"], in: folder)
    #expect(mixed.status == 2)
    #expect(mixed.stderr.hasPrefix("error: b.sqlite holds results of a different sweep plan"))
    #expect(mixed.stderr.contains("only shards of one plan can be merged"))

    let wrongShard = try Self.run(Self.sweep + ["--shard", "1/2", "--db", "a.sqlite"], in: folder)
    #expect(wrongShard.status == 2)
    #expect(
      wrongShard.stderr
        == "error: a.sqlite holds shard 0/2 of this plan, not shard 1/2; use one database per shard\n"
    )

    for bad in ["2/2", "x", "1/0"] {
      let result = try Self.run(Self.sweep + ["--shard", bad, "--db", "c.sqlite"], in: folder)
      #expect(result.status == 64, "--shard \(bad)")
      #expect(result.stderr.contains("invalid shard '\(bad)'"), "--shard \(bad)")
    }
    let intoShard = try Self.run(["merge", "a.sqlite", "b.sqlite"], in: folder)
    #expect(intoShard.status == 2)
    #expect(intoShard.stderr.hasPrefix("error: a.sqlite holds shard 0/2 of a sweep, not a merged"))
    let missing = try Self.run(["merge", "m.sqlite", "nothere.sqlite"], in: folder)
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("no such shard database: nothere.sqlite"))
    let none = try Self.run(["merge", "m.sqlite"], in: folder)
    #expect(none.status == 64)
    let noShardWithOut = try Self.run(["merge", "--out", "m.sqlite"], in: folder)
    #expect(noShardWithOut.status == 64)
    #expect(noShardWithOut.stderr.contains("give at least one SHARD database"))
    let nothing = try Self.run(["merge"], in: folder)
    #expect(nothing.status == 64)
    #expect(nothing.stderr.contains("give the merged database (--out OUT)"))
    // With --out every database given is a shard: forgetting OUT cannot make a shard the output.
    let missingWithOut = try Self.run(
      ["merge", "nothere.sqlite", "--out", "m.sqlite"], in: folder)
    #expect(missingWithOut.status == 64)
    #expect(missingWithOut.stderr.contains("no such shard database: nothere.sqlite"))
  }
}
