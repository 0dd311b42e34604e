/// Writes a sweep's results into its SQLite database: the single writer of a sweep.
///
/// WAL journal, prepared statements, and one transaction per batch of runs: a run and all its
/// outcomes commit together or not at all, so a killed sweep leaves only whole runs behind.
final class ResultsWriter {
  let database: SQLiteDatabase
  /// Held for the writer's lifetime, so a second sweep on the same file refuses at once.
  private let lock: DatabaseLock
  let recordSeries: Bool
  private let insertRun: SQLiteStatement
  private let insertParameter: SQLiteStatement
  private let insertOutcome: SQLiteStatement
  /// Inserts ``outcomeRowsPerStatement`` outcome rows in one step.
  private let insertOutcomeBlock: SQLiteStatement
  private let insertSeries: SQLiteStatement
  private(set) var inTransaction = false
  /// The names of one block of outcome rows, end to end, and where each ends.
  private var nameBytes: [UInt8] = []
  private var nameEnds: [Int] = []

  /// Opens (creating if needed) the database at `path` for `shard` of `design`'s plan. Throws
  /// ``StoreError/differentPlan(path:storedHash:storedPlan:newHash:)`` when the file already
  /// holds another plan, ``StoreError/differentShard(path:stored:requested:)`` when it holds
  /// another shard of this plan, and ``StoreError/differentScenario(path:differences:)`` when
  /// the plans differ because the resolved scenario does (`provenance` holds the new one).
  ///
  /// Refuses, before writing anything, a path that is not a gpumarket database (another
  /// program's SQLite file, a text file, a directory, a FIFO) and a database that another process
  /// is writing; a database created here is removed again when opening fails.
  init(
    path: String, design: SweepDesign, shard: SweepShard = .whole, provenance: Provenance? = nil
  ) throws(StoreError) {
    _ = try DatabaseFile.checkWritable(path)
    let created = try DatabaseLock.createIfMissing(path)
    do {
      lock = try DatabaseLock(path: path)
      database = try SQLiteDatabase(path: path)
    } catch {
      if created { DatabaseFile.remove(path) }
      throw error
    }
    recordSeries = design.plan.recordSeries
    do {
      (insertRun, insertParameter, insertOutcome, insertSeries) = try Self.prepare(
        database, path: path, design: design, shard: shard, provenance: provenance)
      insertOutcomeBlock = try database.prepare(
        Self.insertOutcomes(rows: Self.outcomeRowsPerStatement))
    } catch {
      if created { DatabaseFile.remove(path) }
      throw error
    }
  }

  /// Creates the schema and plan of a new database, or checks an existing one's; prepares the
  /// insert statements.
  private static func prepare(
    _ database: SQLiteDatabase, path: String, design: SweepDesign, shard: SweepShard,
    provenance: Provenance?
  ) throws(StoreError) -> (SQLiteStatement, SQLiteStatement, SQLiteStatement, SQLiteStatement) {
    try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
    try database.execute("PRAGMA cache_size = \(-cacheKiB);")
    try database.execute(ResultsSchema.tables)
    let plan = design.plan
    let existing = try database.prepare("SELECT hash, description FROM plan WHERE id = 1")
    if try existing.step() {
      let storedHash = existing.string(0) ?? ""
      guard storedHash == plan.hash else {
        if let current = provenance?.scenarios.first,
          let stored = try Provenance.stored(in: database)?.scenarios.first,
          !stored.resolved.isEmpty, stored.digest != current.digest
        {
          throw .differentScenario(
            path: path,
            differences: ScenarioDifference.describe(
              stored: stored.resolved, current: current.resolved))
        }
        throw .differentPlan(
          path: path, storedHash: storedHash, storedPlan: existing.string(1) ?? "",
          newHash: plan.hash)
      }
      let stored = try Self.storedShard(database)
      guard stored == shard else {
        throw .differentShard(path: path, stored: stored, requested: shard)
      }
    } else {
      try database.execute("BEGIN")
      let insertPlan = try database.prepare(
        """
        INSERT INTO plan (id, schema_version, hash, scenario, design, samples, replicates,
          base_seed, record_series, point_count, run_count, description)
        VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      insertPlan.bind(1, ResultsSchema.version)
      insertPlan.bind(2, plan.hash)
      insertPlan.bind(3, plan.scenario)
      insertPlan.bind(4, plan.design.rawValue)
      insertPlan.bind(5, plan.design == .grid ? 0 : plan.samples)
      insertPlan.bind(6, plan.replicates)
      insertPlan.bind(7, String(plan.seed))
      insertPlan.bind(8, plan.recordSeries ? 1 : 0)
      insertPlan.bind(9, design.pointCount)
      insertPlan.bind(10, design.runCount)
      insertPlan.bind(11, plan.canonicalText)
      try insertPlan.run()
      let insertParameterSpec = try database.prepare(
        "INSERT INTO parameters (position, key_path, domain) VALUES (?, ?, ?)")
      for (position, parameter) in plan.parameters.enumerated() {
        insertParameterSpec.bind(1, position)
        insertParameterSpec.bind(2, parameter.keyPath)
        insertParameterSpec.bind(3, String(parameter.canonicalText.drop { $0 != "=" }.dropFirst()))
        try insertParameterSpec.run()
      }
      try database.execute(ResultsSchema.runsWithParametersView(plan.parameters.map(\.keyPath)))
      try provenance?.store(in: database)
      try database.execute(
        "INSERT INTO shard (id, shard_index, shard_count) VALUES (1, \(shard.index), \(shard.count))"
      )
      try database.execute("COMMIT")
    }
    return (
      try database.prepare(
        """
        INSERT INTO runs (run_id, point, replicate, seed, status, error, wall_seconds)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """),
      try database.prepare(
        "INSERT INTO run_parameters (run_id, key_path, value) VALUES (?, ?, ?)"),
      try database.prepare(
        "INSERT OR REPLACE INTO outcomes (run_id, name, position, value) VALUES (?, ?, ?, ?)"),
      try database.prepare(
        "INSERT OR REPLACE INTO series (run_id, name, month, value) VALUES (?, ?, ?, ?)")
    )
  }

  /// Outcome rows per multi-row insert. A run stores a row per summary outcome (1,235 in the
  /// baseline); stepping one statement per row cost about 1.8 ms of the writer's CPU per run,
  /// most of it SQLite's per-statement work (step, reset, clearing bindings), not the B-tree.
  /// 64 rows (256 bound values) per step stays far below SQLite's limit on bound values.
  static let outcomeRowsPerStatement = 64

  /// `INSERT OR REPLACE INTO outcomes ... VALUES (?, ?, ?, ?), ...` with `rows` rows.
  static func insertOutcomes(rows: Int) -> String {
    "INSERT OR REPLACE INTO outcomes (run_id, name, position, value) VALUES "
      + repeatElement("(?, ?, ?, ?)", count: rows).joined(separator: ", ")
  }

  /// SQLite's page cache for the writer, in KiB. Each run adds a row per outcome name to the
  /// `outcomes_by_name` index, at a different leaf page per name, so a transaction keeps about
  /// one page per name hot (507 names in the baseline, 2 MiB at 4 KiB pages). SQLite's default
  /// cache (2,000 KiB) is just smaller than that: every insert then evicted a dirty page to the
  /// WAL and read another back, and the writer took nearly as much CPU as a worker. 16 MiB
  /// holds the hot pages of about 4,000 names; memory stays bounded.
  static let cacheKiB = 16_384

  /// The shard a database holds; databases without a shard row hold the whole sweep.
  static func storedShard(_ database: SQLiteDatabase) throws(StoreError) -> SweepShard {
    let query = try database.prepare("SELECT shard_index, shard_count FROM shard WHERE id = 1")
    guard try query.step() else { return .whole }
    return (try? SweepShard(index: query.int(0), count: query.int(1))) ?? .whole
  }

  /// The runs already in the database (succeeded or failed), as a bit set over run ids.
  func completedRuns(runCount: Int) throws(StoreError) -> CompletionSet {
    var set = CompletionSet(count: runCount)
    let query = try database.prepare("SELECT run_id FROM runs")
    while try query.step() {
      let id = query.int(0)
      if id >= 0 && id < runCount { set.insert(id) }
    }
    return set
  }

  func begin() throws(StoreError) {
    guard !inTransaction else { return }
    try database.execute("BEGIN")
    inTransaction = true
  }

  func commit() throws(StoreError) {
    guard inTransaction else { return }
    try database.execute("COMMIT")
    inTransaction = false
  }

  /// Commits and adds the indexes (``ResultsSchema/indexes``) if the database lacks them; called
  /// when a sweep invocation stops cleanly, finished or not. A database whose sweep was killed
  /// has no indexes until an invocation on it ends: reports read it correctly, only slower.
  func finish() throws(StoreError) {
    try commit()
    try database.execute(ResultsSchema.indexes)
  }

  /// Writes one run and its outcomes inside the current transaction.
  func write(_ record: RunRecord) throws(StoreError) {
    try begin()
    insertRun.bind(1, record.runID)
    insertRun.bind(2, record.point)
    insertRun.bind(3, record.replicate)
    insertRun.bind(4, String(record.seed))
    insertRun.bind(5, record.error == nil ? "ok" : "failed")
    insertRun.bind(6, record.error)
    insertRun.bind(7, record.wallSeconds)
    try insertRun.run()
    for assignment in record.assignments {
      insertParameter.bind(1, record.runID)
      insertParameter.bind(2, assignment.keyPath)
      insertParameter.bind(3, assignment.value)
      try insertParameter.run()
    }
    guard let outcome = record.outcome else { return }
    try writeOutcomes(outcome.summary, runID: record.runID)
    guard recordSeries else { return }
    for (name, values) in outcome.series {
      for (month, value) in zip(outcome.months, values) {
        insertSeries.bind(1, record.runID)
        insertSeries.bind(2, name)
        insertSeries.bind(3, month)
        insertSeries.bind(4, value)
        try insertSeries.run()
      }
    }
  }
}

extension ResultsWriter {
  /// Inserts a run's summary in blocks of ``outcomeRowsPerStatement`` rows, then the rest one
  /// row at a time; the rows go in in summary order, as one statement per row would insert
  /// them.
  private func writeOutcomes(
    _ summary: [(name: String, value: Double)], runID: Int
  ) throws(StoreError) {
    let block = Self.outcomeRowsPerStatement
    var position = 0
    while summary.count - position >= block {
      let rows = position..<(position + block)
      // The block's names, copied into one buffer that outlives the step, are bound in place
      // instead of SQLite copying each into its own allocation.
      nameBytes.removeAll(keepingCapacity: true)
      nameEnds.removeAll(keepingCapacity: true)
      for row in rows {
        nameBytes.append(contentsOf: summary[row].name.utf8)
        nameEnds.append(nameBytes.count)
      }
      try nameBytes.withUnsafeBufferPointer { bytes throws(StoreError) in
        var start = 0
        for (slot, row) in rows.enumerated() {
          let first = Int32(4 * slot)
          let end = nameEnds[slot]
          insertOutcomeBlock.bind(first + 1, runID)
          insertOutcomeBlock.bindUnretained(
            first + 2, UnsafeBufferPointer(rebasing: bytes[start..<end]))
          insertOutcomeBlock.bind(first + 3, row)
          insertOutcomeBlock.bind(first + 4, summary[row].value)
          start = end
        }
        try insertOutcomeBlock.run()
      }
      position += block
    }
    while position < summary.count {
      insertOutcome.bind(1, runID)
      insertOutcome.bind(2, summary[position].name)
      insertOutcome.bind(3, position)
      insertOutcome.bind(4, summary[position].value)
      try insertOutcome.run()
      position += 1
    }
  }
}

/// A fixed-size bit set of run ids.
struct CompletionSet: Sendable {
  private var words: [UInt64]
  let count: Int

  init(count: Int) {
    self.count = count
    words = [UInt64](repeating: 0, count: (count + 63) / 64)
  }

  mutating func insert(_ id: Int) {
    words[id >> 6] |= 1 << UInt64(id & 63)
  }

  func contains(_ id: Int) -> Bool {
    words[id >> 6] & (1 << UInt64(id & 63)) != 0
  }

  var insertedCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }
}
