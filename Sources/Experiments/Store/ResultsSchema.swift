import Foundation

/// The tables of a sweep database (documented in docs/results-database.md).
enum ResultsSchema {
  static let version = 1

  /// The tables and indexes; for a database filled in bulk (a merge).
  static let create = tables + indexes

  /// The tables alone. A sweep's writer creates these and adds ``indexes`` when it finishes:
  /// building an index once from the finished table is several times cheaper than keeping it
  /// up to date row by row (each run adds a row per outcome name at a different place in
  /// `outcomes_by_name`).
  static let tables = """
    CREATE TABLE IF NOT EXISTS plan (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      schema_version INTEGER NOT NULL,
      hash TEXT NOT NULL,
      scenario TEXT NOT NULL,
      design TEXT NOT NULL,
      samples INTEGER NOT NULL,
      replicates INTEGER NOT NULL,
      base_seed TEXT NOT NULL,
      record_series INTEGER NOT NULL,
      point_count INTEGER NOT NULL,
      run_count INTEGER NOT NULL,
      description TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS shard (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      shard_index INTEGER NOT NULL,
      shard_count INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS parameters (
      position INTEGER PRIMARY KEY,
      key_path TEXT NOT NULL UNIQUE,
      domain TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS runs (
      run_id INTEGER PRIMARY KEY,
      point INTEGER NOT NULL,
      replicate INTEGER NOT NULL,
      seed TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
      error TEXT,
      wall_seconds REAL NOT NULL
    );
    CREATE TABLE IF NOT EXISTS run_parameters (
      run_id INTEGER NOT NULL REFERENCES runs(run_id),
      key_path TEXT NOT NULL,
      value REAL NOT NULL,
      PRIMARY KEY (run_id, key_path)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS outcomes (
      run_id INTEGER NOT NULL REFERENCES runs(run_id),
      name TEXT NOT NULL,
      position INTEGER NOT NULL,
      value REAL,
      PRIMARY KEY (run_id, name)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS provenance (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS series (
      run_id INTEGER NOT NULL REFERENCES runs(run_id),
      name TEXT NOT NULL,
      month TEXT NOT NULL,
      value REAL,
      PRIMARY KEY (run_id, name, month)
    ) WITHOUT ROWID;

    """

  /// The indexes reports read by.
  static let indexes = """
    CREATE INDEX IF NOT EXISTS outcomes_by_name ON outcomes (name);
    CREATE INDEX IF NOT EXISTS series_by_name ON series (name, month, value);
    """

  /// A view with one row per run and one column per parameter (named by its key path), so a
  /// single `SELECT * FROM runs_with_parameters` gives a wide table.
  static func runsWithParametersView(_ keyPaths: [String]) -> String {
    let columns = keyPaths.map { key in
      "(SELECT value FROM run_parameters p WHERE p.run_id = r.run_id AND p.key_path = "
        + "\(literal(key))) AS \(identifier(key))"
    }
    return "CREATE VIEW IF NOT EXISTS runs_with_parameters AS SELECT r.*"
      + columns.map { ", " + $0 }.joined() + " FROM runs r;"
  }

  /// A SQL string literal.
  static func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
  }

  /// A quoted SQL identifier.
  static func identifier(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
