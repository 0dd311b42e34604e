/// Read access to a sweep database, for reports and tests. Opens the file read-only.
///
/// Queries stream rows and aggregate as they go; nothing holds a whole table in memory except
/// where a caller asks for per-point values (one number per point).
public final class SweepDatabase {
  let database: SQLiteDatabase
  public let plan: StoredPlan

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

  /// Summary outcome names in the order models report them.
  public func outcomeNames() throws(StoreError) -> [String] {
    try names("SELECT name FROM outcomes GROUP BY name ORDER BY min(position), name")
  }

  /// Series names, sorted.
  public func seriesNames() throws(StoreError) -> [String] {
    try names("SELECT DISTINCT name FROM series ORDER BY name")
  }

  private func names(_ sql: String) throws(StoreError) -> [String] {
    let query = try database.prepare(sql)
    var result: [String] = []
    while try query.step() { result.append(query.string(0) ?? "") }
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
