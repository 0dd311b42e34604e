import Foundation
import Testing

@testable import Experiments

/// A model whose runs report `counts[x]` outcomes: names of several lengths (some with
/// multi-byte UTF-8), a NaN every seventh value.
struct ManyOutcomesModel: ExperimentModel {
  static let counts = [0, 1, 63, 64, 65, 129, 1_300]

  static func summary(x: Double) -> [(name: String, value: Double)] {
    (0..<counts[Int(x)]).map { i in
      let name = "outcome.\(i)" + String(repeating: "é", count: i % 5)
      return (name, i % 7 == 3 ? .nan : Double(i) * 0.5 + x)
    }
  }

  func run(_ assignments: [ParameterAssignment], seed: UInt64) throws -> RunOutcome {
    RunOutcome(summary: Self.summary(x: assignments[0].value))
  }
}

@Suite struct ResultsWriterTests {
  /// The writer stores a run's outcomes in blocks of rows per statement and the rest row by
  /// row; every row must come back as the model reported it, in its order, whatever the count
  /// (none, fewer than a block, exactly one, one more, several blocks and a remainder).
  @Test func everyOutcomeIsStoredInOrderWhateverTheCount() throws {
    let plan = SweepPlan(
      scenario: "test:many-outcomes", design: .grid,
      parameters: [try VarySyntax.parse("x=0..6:7")], samples: 7, replicates: 1, seed: 3,
      recordSeries: false)
    let design = try SweepDesign(plan: plan)
    let path = temporaryDatabasePath("many-outcomes")
    let summary = try SweepRunner(
      design: design, model: ManyOutcomesModel(), databasePath: path, jobs: 2
    ).run()
    #expect(summary.ran == 7)
    #expect(ResultsWriter.outcomeRowsPerStatement == 64)

    let database = try SQLiteDatabase(path: path)
    let runs = try database.prepare(
      "SELECT r.run_id, p.value FROM runs r JOIN run_parameters p ON p.run_id = r.run_id")
    var checked = 0
    while try runs.step() {
      let runID = runs.int(0)
      let expected = ManyOutcomesModel.summary(x: runs.double(1))
      let rows = try database.prepare(
        "SELECT name, position, value FROM outcomes WHERE run_id = \(runID) ORDER BY position")
      var stored: [(name: String, position: Int, value: Double)] = []
      while try rows.step() {
        stored.append((rows.string(0) ?? "", rows.int(1), rows.double(2)))
      }
      #expect(stored.count == expected.count)
      for (position, (row, want)) in zip(stored, expected).enumerated() {
        #expect(row.position == position)
        #expect(row.name == want.name)
        #expect(row.value.isNaN == want.value.isNaN)
        if !want.value.isNaN { #expect(abs(row.value - want.value) <= 1e-12 * abs(want.value)) }
      }
      checked += 1
    }
    #expect(checked == 7)
  }
}
