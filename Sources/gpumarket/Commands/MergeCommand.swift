import ArgumentParser
import Experiments
import Foundation

/// `gpumarket merge`: merges the databases of a sharded sweep (`--shard I/N`) into one
/// database of the whole sweep.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge shard databases of one sweep plan into a single database.",
    discussion: CommandHelp.discussion(
      """
      Copies into OUT every run of each SHARD that OUT does not hold yet, one transaction per \
      shard: merging again adds nothing, and a shard completed later adds its new runs. Shards \
      of a different plan are refused. OUT records the whole sweep, so `gpumarket sweep` with \
      the same plan and --out OUT runs whatever is still missing. OUT is named by --out, as \
      every command names its output; without --out the first database given is OUT \
      (`gpumarket merge OUT SHARD...`, the form of earlier versions).
      """,
      examples: [
        "gpumarket sweep builtin:ishigami --vary x1=0..1:4 --shard 0/2 --out part0.sqlite",
        "gpumarket sweep builtin:ishigami --vary x1=0..1:4 --shard 1/2 --out part1.sqlite",
        "gpumarket merge part0.sqlite part1.sqlite --out all.sqlite",
      ])
  )

  @Argument(
    help: """
      Shard databases written by `gpumarket sweep --shard I/N`; without --out, the merged \
      database first.
      """)
  var databases: [String] = []

  @Option(help: "The merged database (created if missing).")
  var out: String?

  @Flag(help: "Only the final line.")
  var quiet = false

  /// The merged database: --out, else the first database given.
  var output: String { out ?? databases.first ?? "" }

  /// The shards: every database given when --out names the output, else all but the first.
  var shards: [String] { out != nil ? databases : Array(databases.dropFirst()) }

  func validate() throws {
    if out == nil && databases.isEmpty {
      throw ValidationError("give the merged database (--out OUT) and at least one SHARD database")
    }
    if shards.isEmpty { throw ValidationError("give at least one SHARD database to merge") }
    for path in shards where !FileManager.default.fileExists(atPath: path) {
      throw ValidationError("no such shard database: \(path)")
    }
  }

  func run() throws {
    let summary: ShardMerger.Summary
    do {
      summary = try ShardMerger(outputPath: output).merge(shards)
    } catch {
      // Only a failure to write OUT is an I/O error; an unreadable shard is bad input.
      if case .sqlite(let path, _) = error, path == output {
        throw CommandError.exit("\(error)", code: 74)
      }
      throw CommandError.exit("\(error)", code: 2)
    }
    if !quiet {
      for shard in summary.shards {
        print("\(shard.path) (shard \(shard.shard)): \(shard.stored) runs, \(shard.added) added")
      }
    }
    print(Self.finalLine(summary, output: output))
    if summary.failed > 0 || summary.missing > 0 { throw ExitCode(1) }
  }

  /// `N of M runs merged into OUT: A ok, F failed, M missing (X added now)`.
  static func finalLine(_ summary: ShardMerger.Summary, output: String) -> String {
    "\(summary.ok + summary.failed) of \(summary.total) runs in \(output): "
      + "\(summary.ok) complete, \(summary.failed) failed, \(summary.missing) missing "
      + "(\(summary.added) added now)"
  }
}
