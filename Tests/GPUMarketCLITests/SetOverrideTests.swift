import Foundation
import Testing

/// `--set key.path=value` on `run`, with the key paths diagnostics use; `validate` agrees.
@Suite struct SetOverrideTests {
  static let folder = ValidateCommandTests.broken

  /// Runs `run base.yaml ARGS` and `validate base.yaml ARGS` in the golden folder; both must
  /// print the same diagnostics.
  func run(_ arguments: [String]) throws -> CLIRunner.Result {
    let run = try CLIRunner.run(
      ["run", "base.yaml", "--format", "json"] + arguments, in: Self.folder)
    let validate = try CLIRunner.run(["validate", "base.yaml"] + arguments, in: Self.folder)
    #expect(run.stderr == validate.stderr, "run and validate disagree")
    #expect((run.status == 0) == (validate.status == 0))
    return run
  }

  func months(_ result: CLIRunner.Result) throws -> [String] {
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    return try #require(object["months"] as? [String])
  }

  @Test func overridingANestedValueChangesTheRun() throws {
    let plain = try run([])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(try months(plain).count == 12)
    let shorter = try run(["--set", "horizon.months=6"])
    #expect(shorter.status == 0, "\(shorter.stderr)")
    #expect(
      try months(shorter) == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"])
  }

  @Test func overridingAListItem() throws {
    let moved = try run(["--set", "events[0].at=2024-02"])
    #expect(moved.status == 0, "\(moved.stderr)")
    let resolved = try CLIRunner.run(
      ["validate", "--print-resolved", "base.yaml", "--set", "events[0].at=2024-02"],
      in: Self.folder)
    #expect(resolved.stdout.contains("\"at\": \"2024-02\""))
    let outside = try run(["--set", "events[0].at=2030-01"])
    #expect(outside.status == 2)
    #expect(
      outside.stderr
        == "<command line>: error: events[0].at: event month 2030-01 is outside the horizon 2024-01...2024-12 (extend the horizon or move the event)\n"
    )
  }

  @Test func anAddedKeyIsReportedAsUnknownWithAHint() throws {
    let result = try run(["--set", "buyers.lab.budgetUSDPerMonthh=5"])
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "<command line>: error: buyers.lab.budgetUSDPerMonthh: unknown key 'budgetUSDPerMonthh' (did you mean 'budgetUSDPerMonth'?)\n"
    )
  }

  @Test func anOutOfRangeIndexIsAnError() throws {
    let result = try run(["--set", "events[3].at=2024-02"])
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "<command line>: error: events[3].at: --set: index 3 is out of range: events has 1 items\n"
    )
  }

  @Test func aValueOfTheWrongTypeNamesItsKeyPath() throws {
    let result = try run(["--set", "market.sigma=high"])
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "<command line>: error: market.sigma: expected a number between 1 and 50, got 'high'\n")
  }

  @Test func nullDeletesAKeyAsInAnExtendingFile() throws {
    let deleted = try run(["--set", "contracts.deal=null"])
    #expect(deleted.status == 0, "\(deleted.stderr)")
    let resolved = try CLIRunner.run(
      ["validate", "--print-resolved", "base.yaml", "--set", "contracts.deal=null"],
      in: Self.folder)
    #expect(!resolved.stdout.contains("\"deal\""))
    #expect(resolved.stdout.contains("\"contracts\": {"))
    let misspelt = try run(["--set", "contracts.dael=null"])
    #expect(misspelt.status == 2)
    #expect(
      misspelt.stderr
        == "<command line>: error: contracts.dael: --set: cannot delete 'dael': there is no such key (did you mean 'deal'?)\n"
    )
  }
}
