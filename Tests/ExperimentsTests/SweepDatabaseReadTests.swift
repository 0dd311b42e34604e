import Foundation
import Testing

@testable import Experiments

/// The reads reports make (one scan of the outcomes table, series by the name index) give what
/// the plain SQL queries give, value for value and in the same order of summation, including on
/// databases whose run ids do not follow (point, replicate) order or that lack the indexes.
@Suite struct SweepDatabaseReadTests {
  /// A sweep with failed runs (x1 < 0 fails), replicates and series; then rows a failed run
  /// should never contribute (an outcome and a series value of run 0, which failed) and a NULL
  /// series value, so leaving them out is tested.
  static func makeDatabase() throws -> String {
    let design = try SweepDesign(
      plan: SweepPlan(
        scenario: "builtin:failing",
        parameters: [try VarySyntax.parse("x1=-1,0.5,1,2"), try VarySyntax.parse("x2=0,1")],
        replicates: 3, seed: 5, recordSeries: true))
    let path = temporaryDatabasePath("reads")
    _ = try SweepRunner(design: design, model: FailingModel(), databasePath: path, jobs: 2).run()
    let writer = try SQLiteDatabase(path: path)
    try writer.execute(
      """
      INSERT INTO outcomes (run_id, name, position, value) VALUES (0, 'y', 0, 1e9), (0, 'a.only.failed', -1, 2);
      INSERT INTO series (run_id, name, month, value) SELECT 0, name, month, 1e9 FROM series WHERE run_id = 6;
      UPDATE series SET value = NULL WHERE run_id = 7 AND month = (SELECT min(month) FROM series);
      """)
    return path
  }

  /// The queries the reads replaced.
  static func reference(_ path: String) throws -> (
    names: [String], byPoint: [String: [Int: SampleStatistics]], seriesNames: [String],
    series: [String: (months: [String], values: [[Double]])]
  ) {
    let database = try SQLiteDatabase(path: path, readOnly: true)
    var names: [String] = []
    let nameQuery = try database.prepare(
      "SELECT name FROM outcomes GROUP BY name ORDER BY min(position), name")
    while try nameQuery.step() { names.append(nameQuery.string(0)!) }
    var byPoint: [String: [Int: SampleStatistics]] = [:]
    let values = try database.prepare(
      """
      SELECT o.name, r.point, o.value FROM outcomes o JOIN runs r USING (run_id)
      WHERE r.status = 'ok' ORDER BY r.point, r.replicate
      """)
    while try values.step() {
      guard values.double(2).isFinite else { continue }
      byPoint[values.string(0)!, default: [:]][values.int(1), default: SampleStatistics()].add(
        values.double(2))
    }
    var seriesNames: [String] = []
    let seriesNameQuery = try database.prepare("SELECT DISTINCT name FROM series ORDER BY name")
    while try seriesNameQuery.step() { seriesNames.append(seriesNameQuery.string(0)!) }
    var series: [String: (months: [String], values: [[Double]])] = [:]
    for name in seriesNames {
      let query = try database.prepare(
        """
        SELECT s.month, s.value FROM series s JOIN runs r USING (run_id)
        WHERE s.name = ? AND r.status = 'ok' ORDER BY s.month, r.run_id
        """)
      query.bind(1, name)
      var months: [String] = []
      var byMonth: [[Double]] = []
      while try query.step() {
        if months.last != query.string(0)! {
          months.append(query.string(0)!)
          byMonth.append([])
        }
        byMonth[byMonth.count - 1].append(query.double(1))
      }
      series[name] = (months, byMonth)
    }
    return (names, byPoint, seriesNames, series)
  }

  static func expectSameReads(_ path: String) throws {
    let expected = try reference(path)
    let database = try SweepDatabase(path: path)
    let both = try database.outcomeStatistics()
    #expect(both.names == expected.names)
    #expect(try database.outcomeNames() == expected.names)
    #expect(both.all == expected.byPoint)
    for name in expected.names {
      #expect(both.byPoint(name) == expected.byPoint[name], "\(name)")
      let values = (expected.byPoint[name] ?? [:]).values
      let range = both.range(name)
      #expect(range?.low == values.map(\.minimum).min(), "\(name)")
      #expect(range?.high == values.map(\.maximum).max(), "\(name)")
    }
    #expect(try database.outcomesByPoint() == expected.byPoint)
    #expect(try database.seriesNames() == expected.seriesNames)
    for name in expected.seriesNames {
      let read = try database.seriesValuesByMonth(name)
      #expect(read.months == expected.series[name]!.months, "\(name)")
      // Bit patterns, so NaN (a NULL value) compares equal to itself.
      #expect(
        read.values.map { $0.map(\.bitPattern) }
          == expected.series[name]!.values.map { $0.map(\.bitPattern) }, "\(name)")
    }
  }

  @Test func readsMatchThePlainQueries() throws {
    let path = try Self.makeDatabase()
    let expected = try Self.reference(path)
    // The test data holds what it is meant to: failed runs, a name only a failed run has, the
    // outcome that comes first by position, and a NULL series value.
    #expect(expected.names.first == "a.only.failed")
    #expect(expected.byPoint["a.only.failed"] == nil)
    #expect(expected.byPoint["y"]?.count == 6)
    #expect(expected.series.values.contains { $0.values.joined().contains { $0.isNaN } })
    try Self.expectSameReads(path)
  }

  @Test func readsMatchWhenRunIDsDoNotFollowPointOrder() throws {
    let path = try Self.makeDatabase()
    let writer = try SQLiteDatabase(path: path)
    // Reverse the run ids: replicates of a point now come in descending id order.
    for table in ["runs", "run_parameters", "outcomes", "series"] {
      try writer.execute("UPDATE \(table) SET run_id = 1000 - run_id")
    }
    try Self.expectSameReads(path)
  }

  @Test func readsMatchWithoutTheIndexes() throws {
    let path = try Self.makeDatabase()
    let writer = try SQLiteDatabase(path: path)
    try writer.execute("DROP INDEX outcomes_by_name; DROP INDEX series_by_name;")
    try Self.expectSameReads(path)
  }

  @Test func runRanksAreDenseOrSparse() {
    let dense = SweepDatabase.RunRanks([0, 2, 3, 7])
    #expect([0, 1, 2, 3, 7, 8, -1].map { dense.rank(of: $0) } == [0, nil, 1, 2, 3, nil, nil])
    let sparse = SweepDatabase.RunRanks([-5, 10_000_000])
    #expect([-5, 0, 10_000_000].map { sparse.rank(of: $0) } == [0, nil, 1])
    #expect(SweepDatabase.RunRanks([]).rank(of: 0) == nil)
  }
}
