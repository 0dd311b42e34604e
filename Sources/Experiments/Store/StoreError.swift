/// Why the results database could not be used.
public enum StoreError: Error, Equatable, CustomStringConvertible {
  case sqlite(path: String, message: String)
  case differentPlan(path: String, storedHash: String, storedPlan: String, newHash: String)
  case notASweepDatabase(path: String)
  case differentShard(path: String, stored: SweepShard, requested: SweepShard)
  case shardOfDifferentPlan(shard: String, shardHash: String, merged: String, mergedHash: String)
  case unsupportedSchema(path: String, version: Int)
  case mergeIntoShard(path: String, shard: SweepShard)
  /// The path cannot hold a database: `reason` says why (a directory, a missing folder, ...).
  case unusable(path: String, reason: String)
  /// An SQLite database of another program, refused before anything is written to it.
  case foreignDatabase(path: String, tables: [String])
  /// Another gpumarket process holds the database's lock.
  case inUse(path: String)

  public var description: String {
    switch self {
    case .sqlite(let path, let message):
      "\(path): SQLite error: \(message)"
    case .differentPlan(let path, let storedHash, let storedPlan, let newHash):
      """
      \(path) holds results of a different sweep plan (hash \(storedHash), this one \(newHash)): \
      \(storedPlan). Use another --db path, or delete the file to start over.
      """
    case .notASweepDatabase(let path):
      "\(path) is not a gpumarket sweep database (no plan table)"
    case .differentShard(let path, let stored, let requested):
      "\(path) holds shard \(stored) of this plan, not shard \(requested)"
        + (stored.isWhole ? " (it holds the whole sweep)" : "") + "; use one database per shard"
    case .shardOfDifferentPlan(let shard, let shardHash, let merged, let mergedHash):
      "\(shard) holds results of a different sweep plan (hash \(shardHash)) than \(merged) "
        + "(hash \(mergedHash)): only shards of one plan can be merged"
    case .mergeIntoShard(let path, let shard):
      "\(path) holds shard \(shard) of a sweep, not a merged sweep: give a new or merged database "
        + "first (gpumarket merge OUT.sqlite SHARD.sqlite...)"
    case .unusable(let path, let reason):
      "\(path): \(reason)"
    case .foreignDatabase(let path, let tables):
      "\(path) is an SQLite database of another program (tables: "
        + tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", ..." : "")
        + "); gpumarket writes only into its own databases: use another path"
    case .inUse(let path):
      "\(path): this database is in use by another sweep or merge; wait for it to finish, "
        + "or use another path"
    case .unsupportedSchema(let path, let version):
      "\(path) has results schema version \(version), expected \(ResultsSchema.version)"
    }
  }
}
