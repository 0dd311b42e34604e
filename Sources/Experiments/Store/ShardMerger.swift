import Foundation

/// Merges shard databases of one sweep plan into a single database of the whole sweep.
///
/// The merged database is created from the first shard's plan (plan row, parameters and the
/// `runs_with_parameters` view) and records itself as the whole sweep (shard `0/1`), so a plain
/// `gpumarket sweep` of the same plan can resume it. Each shard is then copied in its own
/// transaction: runs whose id the merged database does not hold yet, with their parameters,
/// outcomes and series. Hence merging never duplicates a run, merging the same shards again adds
/// nothing, an interrupted merge leaves whole shards behind, and a shard that was completed later
/// adds exactly its new runs. Shards of another plan (another hash) are refused before anything of
/// them is copied.
public struct ShardMerger {
  /// The merged database.
  public var outputPath: String

  public init(outputPath: String) {
    self.outputPath = outputPath
  }

  /// What merging one shard did.
  public struct ShardReport: Sendable, Equatable {
    public var path: String
    /// The shard the file holds (`0/1` for a whole-sweep database).
    public var shard: SweepShard
    /// Runs stored in the shard file.
    public var stored: Int
    /// Runs copied into the merged database (the others were there already).
    public var added: Int
  }

  /// Where the merged database stands after a merge.
  public struct Summary: Sendable, Equatable {
    public var shards: [ShardReport]
    /// Runs of the plan.
    public var total: Int
    public var ok: Int
    public var failed: Int
    /// Runs of the plan not in the merged database: `total − ok − failed`.
    public var missing: Int { total - ok - failed }
    public var added: Int { shards.reduce(0) { $0 + $1.added } }
  }

  /// Merges `shardPaths` in order. Throws ``StoreError/shardOfDifferentPlan`` for a shard whose
  /// plan hash differs from the others' or the merged database's, before merging any.
  ///
  /// Every shard is checked to be a readable sweep database, and the output to be missing, empty
  /// or a gpumarket database, before anything is written; the output is locked against other
  /// sweeps and merges while it is written, and an output created here is removed again when the
  /// merge fails, so a failed merge leaves no file behind.
  public func merge(_ shardPaths: [String]) throws(StoreError) -> Summary {
    let state = try DatabaseFile.checkWritable(outputPath)
    for path in shardPaths {
      try checkDistinct(path)
      try DatabaseFile.checkReadable(path)
    }
    try checkOnePlan(shardPaths, outputIsOurs: state == .ours)
    let created = try DatabaseLock.createIfMissing(outputPath)
    do {
      let lock = try DatabaseLock(path: outputPath)
      defer { withExtendedLifetime(lock) {} }
      return try mergeChecked(shardPaths)
    } catch {
      if created { DatabaseFile.remove(outputPath) }
      throw error
    }
  }

  private func mergeChecked(_ shardPaths: [String]) throws(StoreError) -> Summary {
    var reports: [ShardReport] = []
    let output = try SQLiteDatabase(path: outputPath)
    try output.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
    try output.execute(ResultsSchema.create)
    // Merging into a shard (`merge shard-0 shard-1`, OUT forgotten) would mix shards silently.
    let outputShard = try ResultsWriter.storedShard(output)
    guard outputShard.isWhole else { throw .mergeIntoShard(path: outputPath, shard: outputShard) }
    for path in shardPaths {
      try checkDistinct(path)
      let shard = try readShard(path)
      try output.execute("ATTACH DATABASE \(ResultsSchema.literal(path)) AS shard_file")
      defer { try? output.execute("DETACH DATABASE shard_file") }
      try output.execute("BEGIN IMMEDIATE")
      let added: Int
      do throws(StoreError) {
        try adoptPlanIfNew(output, from: shard.plan, path: path)
        added = try copyNewRuns(output)
        try output.execute("COMMIT")
      } catch {
        try? output.execute("ROLLBACK")
        throw error
      }
      reports.append(
        ShardReport(path: path, shard: shard.shard, stored: shard.stored, added: added))
    }
    let merged = try SweepDatabase(path: outputPath)
    let counts = try merged.runCounts()
    return Summary(
      shards: reports, total: merged.plan.runCount, ok: counts.ok, failed: counts.failed)
  }

  /// Refuses, before anything is written, an output that is itself a shard, and shards whose
  /// plan differs from the first shard's or from the plan the output already holds.
  private func checkOnePlan(_ shardPaths: [String], outputIsOurs: Bool) throws(StoreError) {
    var expected: (hash: String, path: String)?
    if outputIsOurs {
      let output = try SweepDatabase(path: outputPath)
      // Merging into a shard (`merge shard-0 shard-1`, OUT forgotten) would mix shards silently.
      let shard = try ResultsWriter.storedShard(output.database)
      guard shard.isWhole else { throw .mergeIntoShard(path: outputPath, shard: shard) }
      if !output.plan.hash.isEmpty { expected = (output.plan.hash, outputPath) }
    }
    for path in shardPaths {
      let hash = try Self.planHash(path)
      guard let first = expected else {
        expected = (hash, path)
        continue
      }
      guard hash == first.hash else {
        throw .shardOfDifferentPlan(
          shard: path, shardHash: hash, merged: first.path, mergedHash: first.hash)
      }
    }
  }

  /// The plan hash of a shard, read through a read-write connection: unlike a read-only one, it
  /// folds the write-ahead log back and removes it when it closes, so no -wal or -shm file is
  /// left beside a shard when the merge is refused.
  private static func planHash(_ path: String) throws(StoreError) -> String {
    let database = try SQLiteDatabase(path: path)
    let query = try database.prepare("SELECT hash FROM plan WHERE id = 1")
    guard try query.step(), let hash = query.string(0) else {
      throw .notASweepDatabase(path: path)
    }
    return hash
  }

  /// Refuses to merge the output into itself.
  private func checkDistinct(_ path: String) throws(StoreError) {
    let a = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    let b = URL(fileURLWithPath: outputPath).resolvingSymlinksInPath().standardizedFileURL.path
    if a == b {
      throw .sqlite(path: path, message: "a database cannot be merged into itself")
    }
  }

  /// The plan, shard and stored run count of a shard database, checked to be a sweep database of
  /// this schema version. The file is closed again before it is attached to the merged database,
  /// so that the last connection to close it folds its write-ahead log back in.
  private func readShard(_ path: String) throws(StoreError) -> (
    plan: SweepDatabase.StoredPlan, shard: SweepShard, stored: Int
  ) {
    let shard = try SweepDatabase(path: path)
    let query = try shard.database.prepare("SELECT schema_version FROM plan WHERE id = 1")
    guard try query.step() else { throw .notASweepDatabase(path: path) }
    guard query.int(0) == ResultsSchema.version else {
      throw .unsupportedSchema(path: path, version: query.int(0))
    }
    query.reset()
    let counts = try shard.runCounts()
    return (shard.plan, try ResultsWriter.storedShard(shard.database), counts.ok + counts.failed)
  }

  /// Copies the shard's plan into a new merged database, or checks that the hashes agree.
  private func adoptPlanIfNew(
    _ output: SQLiteDatabase, from plan: SweepDatabase.StoredPlan, path: String
  ) throws(StoreError) {
    let existing = try output.prepare("SELECT hash FROM main.plan WHERE id = 1")
    if try existing.step() {
      let mergedHash = existing.string(0) ?? ""
      guard mergedHash == plan.hash else {
        throw .shardOfDifferentPlan(
          shard: path, shardHash: plan.hash, merged: outputPath, mergedHash: mergedHash)
      }
      return
    }
    try output.execute(
      """
      INSERT INTO main.plan SELECT * FROM shard_file.plan;
      INSERT INTO main.parameters (position, key_path, domain)
        SELECT position, key_path, domain FROM shard_file.parameters;
      INSERT INTO main.shard (id, shard_index, shard_count) VALUES (1, 0, 1);
      """)
    try output.execute(ResultsSchema.runsWithParametersView(plan.parameters))
  }

  /// Copies the shard's runs that the merged database lacks, with their rows in every table;
  /// returns how many runs were copied.
  private func copyNewRuns(_ output: SQLiteDatabase) throws(StoreError) -> Int {
    try output.execute(
      """
      CREATE TEMP TABLE new_runs (run_id INTEGER PRIMARY KEY);
      INSERT INTO temp.new_runs SELECT s.run_id FROM shard_file.runs s
        WHERE s.run_id >= 0 AND s.run_id < (SELECT run_count FROM main.plan WHERE id = 1)
          AND NOT EXISTS (SELECT 1 FROM main.runs m WHERE m.run_id = s.run_id);
      INSERT INTO main.runs (run_id, point, replicate, seed, status, error, wall_seconds)
        SELECT run_id, point, replicate, seed, status, error, wall_seconds FROM shard_file.runs
        WHERE run_id IN (SELECT run_id FROM temp.new_runs);
      INSERT INTO main.run_parameters (run_id, key_path, value)
        SELECT run_id, key_path, value FROM shard_file.run_parameters
        WHERE run_id IN (SELECT run_id FROM temp.new_runs);
      INSERT INTO main.outcomes (run_id, name, position, value)
        SELECT run_id, name, position, value FROM shard_file.outcomes
        WHERE run_id IN (SELECT run_id FROM temp.new_runs);
      INSERT INTO main.series (run_id, name, month, value)
        SELECT run_id, name, month, value FROM shard_file.series
        WHERE run_id IN (SELECT run_id FROM temp.new_runs);
      """)
    let count = try output.prepare("SELECT count(*) FROM temp.new_runs")
    try count.step()
    let added = count.int(0)
    count.reset()
    try output.execute("DROP TABLE temp.new_runs")
    return added
  }
}
