import Foundation
import Testing

/// `sweep` takes --set, bundled scenario names and replicates-only plans, and refuses what a
/// design cannot use.
@Suite struct SweepScenarioTests {
  @Test func bundledNameSetAndReplicatesOnly() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("sweep-scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let db = root.appendingPathComponent("r.sqlite").path
    let sweep = try CLIRunner.run([
      "sweep", "baseline-2026", "--set", "randomness.demandNoise=0.1", "--replicates", "3",
      "--db", db, "--quiet",
    ])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    #expect(sweep.stdout.contains("3 runs done, 0 failed"))
    let report = try CLIRunner.run(["report", db, "--format", "csv"])
    #expect(report.status == 0, "\(report.stderr)")
    let plain = try CLIRunner.run([
      "sweep", "baseline-2026", "--replicates", "3", "--db", db, "--quiet",
    ])
    #expect(plain.status == 2, "another --set is another scenario: no resume")
  }

  @Test func sobolRefusesListsAndCounts() throws {
    for vary in ["market.sigma=4,8", "market.sigma=4..8:5"] {
      let result = try CLIRunner.run([
        "sweep", "baseline-2026", "--design", "sobol", "--vary", vary, "--db", "/nonexistent/x",
      ])
      #expect(result.status == 2)
      #expect(result.stderr.contains("LOW..HIGH"), "\(result.stderr)")
    }
  }

  @Test func samplingDesignWithoutParametersIsRefused() throws {
    let result = try CLIRunner.run([
      "sweep", "baseline-2026", "--design", "lhs", "--db", "/nonexistent/x",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--design grid with no --vary"))
  }

  @Test func setOnABuiltinModelIsRefused() throws {
    let result = try CLIRunner.run([
      "sweep", "builtin:ishigami", "--set", "a=1", "--vary", "x1=0..1:2", "--db", "/nonexistent/x",
    ])
    #expect(result.status == 2)
    #expect(result.stderr.contains("--set applies to scenario files"))
  }
}
