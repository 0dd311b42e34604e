/// Read access to a sweep database, for reports and tests. Opens the file read-only.
///
/// Queries stream rows and aggregate as they go; nothing holds a whole table in memory except
/// where a caller asks for per-point values (one number per point).
public final class SweepDatabase {
  let database: SQLiteDatabase
  public let plan: StoredPlan
  /// ``successfulRuns()``, once read.
  private var okRuns: RunRanks?

  /// The plan row and parameters of a sweep database.
  public struct StoredPlan: Sendable, Equatable {
    public var hash: String
    public var scenario: String
    public var design: DesignKind
    public var samples: Int
    public var replicates: Int
    public var seed: UInt64
    public var recordSeries: Bool
    public var pointCount: Int
    public var runCount: Int
    public var description: String
    /// Key paths in design order.
    public var parameters: [String]
    /// Domains as written (`1,2,4` or `0.5..2:7`).
    public var domains: [String]
  }

  public init(path: String) throws(StoreError) {
    try DatabaseFile.checkReadable(path)
    database = try SQLiteDatabase(path: path, readOnly: true)
    // Reports read most pages more than once: map the file and keep up to 256 MiB of pages, so
    // a read is a memory access rather than a pread system call.
    try database.execute("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -262144;")
    let hasPlan = try database.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'plan'")
    try hasPlan.step()
    guard hasPlan.int(0) == 1 else { throw .notASweepDatabase(path: path) }
    let row = try database.prepare(
      """
      SELECT hash, scenario, design, samples, replicates, base_seed, record_series,
        point_count, run_count, description FROM plan WHERE id = 1
      """)
    guard try row.step() else { throw .notASweepDatabase(path: path) }
    var plan = StoredPlan(
      hash: row.string(0) ?? "", scenario: row.string(1) ?? "",
      design: DesignKind(rawValue: row.string(2) ?? "") ?? .grid, samples: row.int(3),
      replicates: row.int(4), seed: UInt64(row.string(5) ?? "") ?? 0,
      recordSeries: row.int(6) != 0, pointCount: row.int(7), runCount: row.int(8),
      description: row.string(9) ?? "", parameters: [], domains: [])
    let parameters = try database.prepare(
      "SELECT key_path, domain FROM parameters ORDER BY position")
    while try parameters.step() {
      plan.parameters.append(parameters.string(0) ?? "")
      plan.domains.append(parameters.string(1) ?? "")
    }
    self.plan = plan
  }

  /// What made the sweep; nil for a database written before provenance was recorded.
  public func provenance() throws(StoreError) -> Provenance? {
    try Provenance.stored(in: database)
  }

  /// Stored runs by status.
  public func runCounts() throws(StoreError) -> (ok: Int, failed: Int) {
    let query = try database.prepare(
      "SELECT sum(status = 'ok'), sum(status = 'failed') FROM runs")
    try query.step()
    return (query.int(0), query.int(1))
  }

  /// The first `limit` failed runs: (run id, point, error text).
  public func failures(limit: Int) throws(StoreError) -> [(run: Int, point: Int, error: String)] {
    let query = try database.prepare(
      "SELECT run_id, point, error FROM runs WHERE status = 'failed' ORDER BY run_id LIMIT ?")
    query.bind(1, limit)
    var result: [(Int, Int, String)] = []
    while try query.step() { result.append((query.int(0), query.int(1), query.string(2) ?? "")) }
    return result
  }

  /// Summary outcome names in the order models report them: by their least position in any
  /// run, then by name.
  public func outcomeNames() throws(StoreError) -> [String] {
    try scanOutcomes(statistics: false).names
  }

  /// Series names, sorted: one step of the index on (name, …) per name where the database has
  /// it, rather than a read of every row.
  public func seriesNames() throws(StoreError) -> [String] {
    let indexed = try database.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'series_by_name'")
    try indexed.step()
    guard indexed.int(0) == 1 else {
      let query = try database.prepare("SELECT DISTINCT name FROM series ORDER BY name")
      var result: [String] = []
      while try query.step() { result.append(query.string(0) ?? "") }
      return result
    }
    let first = try database.prepare("SELECT min(name) FROM series")
    guard try first.step(), let name = first.string(0) else { return [] }
    let next = try database.prepare("SELECT min(name) FROM series WHERE name > ?")
    var result = [name]
    while true {
      next.bind(1, result[result.count - 1])
      guard try next.step(), let name = next.string(0) else { break }
      result.append(name)
      next.reset()
    }
    return result
  }

  /// Parameter values of each point that has at least one stored run, by point.
  public func pointValues() throws(StoreError) -> [Int: [Double]] {
    let query = try database.prepare(
      """
      SELECT r.point, p.key_path, min(p.value) FROM runs r JOIN run_parameters p USING (run_id)
      GROUP BY r.point, p.key_path ORDER BY r.point
      """)
    let position = Dictionary(uniqueKeysWithValues: plan.parameters.enumerated().map { ($1, $0) })
    var result: [Int: [Double]] = [:]
    while try query.step() {
      let point = query.int(0)
      guard let j = position[query.string(1) ?? ""] else { continue }
      result[point, default: [Double](repeating: .nan, count: plan.parameters.count)][j] =
        query.double(2)
    }
    return result
  }

  /// Statistics over replicates of outcome `name` at each point (successful runs only).
  public func outcomeByPoint(_ name: String) throws(StoreError) -> [Int: SampleStatistics] {
    let query = try database.prepare(
      """
      SELECT r.point, o.value FROM outcomes o JOIN runs r USING (run_id)
      WHERE o.name = ? AND r.status = 'ok' ORDER BY r.point, r.replicate
      """)
    query.bind(1, name)
    var result: [Int: SampleStatistics] = [:]
    while try query.step() {
      let value = query.double(1)
      if value.isFinite { result[query.int(0), default: SampleStatistics()].add(value) }
    }
    return result
  }

  /// Statistics over replicates of every outcome at each point (successful runs only), in one
  /// scan of the outcomes table: outcome name → point → statistics.
  public func outcomesByPoint() throws(StoreError) -> [String: [Int: SampleStatistics]] {
    try scanOutcomes(statistics: true).all
  }

  /// ``outcomeNames()`` and ``outcomesByPoint()`` from one scan of the outcomes table.
  public func outcomeStatistics() throws(StoreError) -> OutcomeStatistics {
    try scanOutcomes(statistics: true)
  }

  /// One scan of the outcomes table in key order (run, name), with no join and no sort: the
  /// names with their least position, and, with `statistics`, each outcome's statistics at each
  /// point over the successful runs. Values are added in (point, replicate) order, as the
  /// statistics were always summed; when run ids do not follow that order (no sweep writes
  /// such a database) the statistics come from a query that sorts.
  private func scanOutcomes(statistics: Bool) throws(StoreError) -> OutcomeStatistics {
    // Successful runs: run id → dense index of its point.
    var slotOfRun: [Int: Int] = [:]
    var points: [Int] = []
    var inOrder = true
    if statistics {
      let runs = try database.prepare(
        "SELECT run_id, point, replicate FROM runs WHERE status = 'ok' ORDER BY run_id")
      var slotOfPoint: [Int: Int] = [:]
      var last: (point: Int, replicate: Int)?
      while try runs.step() {
        let key = (point: runs.int(1), replicate: runs.int(2))
        if let last, !(last < key) { inOrder = false }
        last = key
        let slot =
          slotOfPoint[key.point]
          ?? {
            points.append(key.point)
            slotOfPoint[key.point] = points.count - 1
            return points.count - 1
          }()
        slotOfRun[runs.int(0)] = slot
      }
    }
    let accumulate = statistics && inOrder
    let query = try database.prepare(
      "SELECT run_id, name, position, value FROM outcomes NOT INDEXED ORDER BY run_id, name")
    var ids = TextIDs()
    var leastPosition: [Int] = []
    var byName: [[SampleStatistics]] = []
    var run = Int.min
    var slot = -1
    var previous = -1
    while try query.step() {
      if query.int(0) != run {
        run = query.int(0)
        slot = accumulate ? slotOfRun[run] ?? -1 : -1
        previous = -1
      }
      let id = ids.id(query.textBytes(1), guess: previous + 1, previous)
      previous = id
      let position = query.int(2)
      if id == leastPosition.count {
        leastPosition.append(position)
        if accumulate {
          byName.append([SampleStatistics](repeating: SampleStatistics(), count: points.count))
        }
      } else if position < leastPosition[id] {
        leastPosition[id] = position
      }
      if slot >= 0 {
        let value = query.double(3)
        if value.isFinite { byName[id][slot].add(value) }
      }
    }
    let order = (0..<ids.count).sorted {
      leastPosition[$0] != leastPosition[$1]
        ? leastPosition[$0] < leastPosition[$1] : ids.precedes($0, $1)
    }
    let names = order.map { ids.texts[$0] }
    guard statistics else { return OutcomeStatistics(names: names, points: [], slots: [:]) }
    guard accumulate else {
      return OutcomeStatistics(names: names, byPoint: try outcomesByPointSorted())
    }
    var slots: [String: [SampleStatistics]] = [:]
    slots.reserveCapacity(byName.count)
    for (id, statistics) in byName.enumerated() { slots[ids.texts[id]] = statistics }
    return OutcomeStatistics(names: names, points: points, slots: slots)
  }

  /// ``outcomesByPoint()`` by a query that sorts the rows by point and replicate.
  private func outcomesByPointSorted() throws(StoreError) -> [String: [Int: SampleStatistics]] {
    let query = try database.prepare(
      """
      SELECT o.name, r.point, o.value FROM outcomes o JOIN runs r USING (run_id)
      WHERE r.status = 'ok' ORDER BY r.point, r.replicate
      """)
    var result: [String: [Int: SampleStatistics]] = [:]
    while try query.step() {
      let value = query.double(2)
      guard value.isFinite else { continue }
      result[query.string(0) ?? "", default: [:]][query.int(1), default: SampleStatistics()].add(
        value)
    }
    return result
  }

  /// Every successful run's value of series `name`, by month: (months, values per month in run
  /// order). One pass over the series rows of that name, in month order from the index on
  /// (name, month, value) that new databases have, with no join: each month's values are put
  /// in run order here, and runs that failed left out by id.
  public func seriesValuesByMonth(_ name: String) throws(StoreError) -> (
    months: [String], values: [[Double]]
  ) {
    let ok = try successfulRuns()
    let query = try database.prepare(
      "SELECT month, run_id, value FROM series WHERE name = ? ORDER BY month")
    query.bind(1, name)
    var ids = TextIDs()
    var months: [String] = []
    var values: [[Double]] = []
    // A month's values by the rank of their run among the successful runs (run order).
    var slots = [Double](repeating: .nan, count: ok.count)
    var filled = [Bool](repeating: false, count: ok.count)
    var count = 0
    var current = -1
    func finish() {
      guard count > 0 else { return }
      months.append(ids.texts[current])
      values.append(
        count == slots.count ? slots : slots.indices.filter { filled[$0] }.map { slots[$0] })
      for rank in filled.indices { filled[rank] = false }
      count = 0
    }
    while try query.step() {
      let month = ids.id(query.textBytes(0), guess: current, current + 1)
      if month != current {
        finish()
        current = month
      }
      if let rank = ok.rank(of: query.int(1)), !filled[rank] {
        slots[rank] = query.double(2)
        filled[rank] = true
        count += 1
      }
    }
    finish()
    return (months, values)
  }

  /// The successful runs, read once.
  private func successfulRuns() throws(StoreError) -> RunRanks {
    if let okRuns { return okRuns }
    let query = try database.prepare("SELECT run_id FROM runs WHERE status = 'ok' ORDER BY run_id")
    var ids: [Int] = []
    while try query.step() { ids.append(query.int(0)) }
    let result = RunRanks(ids)
    okRuns = result
    return result
  }

  /// Each run id's rank in ascending order among a set of runs: an array indexed by run id when
  /// the ids are small and dense (as a sweep numbers its runs 0, 1, 2, …), a dictionary
  /// otherwise.
  struct RunRanks {
    let count: Int
    private var dense: [Int32] = []
    private var sparse: [Int: Int] = [:]

    init(_ sortedIDs: [Int]) {
      count = sortedIDs.count
      if let first = sortedIDs.first, let last = sortedIDs.last, first >= 0,
        last < 4 * sortedIDs.count + 1_024
      {
        dense = [Int32](repeating: -1, count: last + 1)
        for (rank, id) in sortedIDs.enumerated() { dense[id] = Int32(rank) }
      } else {
        for (rank, id) in sortedIDs.enumerated() { sparse[id] = rank }
      }
    }

    func rank(of id: Int) -> Int? {
      if !dense.isEmpty || sparse.isEmpty {
        guard id >= 0, id < dense.count, dense[id] >= 0 else { return nil }
        return Int(dense[id])
      }
      return sparse[id]
    }
  }

  /// Statistics of series `name` per month over the runs at `point` (all points when nil).
  public func seriesByMonth(_ name: String, point: Int?) throws(StoreError) -> (
    months: [String], statistics: [SampleStatistics]
  ) {
    let query = try database.prepare(
      """
      SELECT s.month, s.value FROM series s JOIN runs r USING (run_id)
      WHERE s.name = ? AND r.status = 'ok' AND (? IS NULL OR r.point = ?)
      ORDER BY s.month, r.run_id
      """)
    query.bind(1, name)
    if let point {
      query.bind(2, point)
      query.bind(3, point)
    } else {
      query.bind(2, nil as String?)
      query.bind(3, nil as String?)
    }
    var months: [String] = []
    var statistics: [SampleStatistics] = []
    while try query.step() {
      let month = query.string(0) ?? ""
      if months.last != month {
        months.append(month)
        statistics.append(SampleStatistics())
      }
      let value = query.double(1)
      if value.isFinite { statistics[statistics.count - 1].add(value) }
    }
    return (months, statistics)
  }

  /// Every stored row except wall times, as text ordered by keys: equal for two databases of
  /// the same plan whatever `--jobs` or interruptions produced them.
  public func canonicalDump() throws(StoreError) -> String {
    var lines: [String] = []
    let queries = [
      "SELECT hash, description, point_count, run_count FROM plan",
      "SELECT run_id, point, replicate, seed, status, coalesce(error, '') FROM runs ORDER BY run_id",
      "SELECT run_id, key_path, printf('%.17g', value) FROM run_parameters ORDER BY run_id, key_path",
      "SELECT run_id, name, position, printf('%.17g', value) FROM outcomes ORDER BY run_id, name",
      "SELECT run_id, name, month, printf('%.17g', value) FROM series ORDER BY run_id, name, month",
    ]
    for sql in queries {
      let query = try database.prepare(sql)
      let columns = query.columnCount
      while try query.step() {
        lines.append((0..<columns).map { query.string($0) ?? "NULL" }.joined(separator: "|"))
      }
    }
    return lines.joined(separator: "\n")
  }
}
