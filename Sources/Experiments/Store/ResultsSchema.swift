/// The tables of a sweep database (documented in docs/results-database.md).
enum ResultsSchema {
  static let version = 1

  static let create = """
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
    CREATE TABLE IF NOT EXISTS series (
      run_id INTEGER NOT NULL REFERENCES runs(run_id),
      name TEXT NOT NULL,
      month TEXT NOT NULL,
      value REAL,
      PRIMARY KEY (run_id, name, month)
    ) WITHOUT ROWID;
    """
}
