import Experiments
import Foundation
import LocatedYAML
import ScenarioExperiments
import ScenarioFormat
import Simulation
import Testing

/// Sweeps apply parameters to the decoded scenario; the result must be the scenario that
/// `--set` and a fresh decode give.
@Suite struct ScenarioModelTests {
  static let baseline = CLIRunner.packageRoot.appendingPathComponent(
    "scenarios/baseline-2026.yaml"
  ).path

  /// The decoder's answer for the same parameters, as `--set` would give them.
  static func decoded(_ assignments: [ParameterAssignment]) throws -> Scenario {
    let overrides = assignments.map { (KeyPath(parsing: $0.keyPath)!, "\($0.value)") }
    return try ScenarioDecoder.decode(Document.load(path: baseline, overrides: overrides))
  }

  @Test(arguments: [
    [ParameterAssignment(keyPath: "market.sigma", value: 4.5)],
    [
      ParameterAssignment(keyPath: "market.sigma", value: 11.25),
      ParameterAssignment(keyPath: "market.availability", value: 0.9),
    ],
    [ParameterAssignment(keyPath: "market.tolerance", value: 1e-10)],
    [ParameterAssignment(keyPath: "buyers.anthropic.affinity.amazon", value: 1.75)],
    [ParameterAssignment(keyPath: "inputs.cowos.unitsPerMonth.2026-12", value: 110_000)],
    // A provider the buyer's affinity did not list, and a typed setter beside a decoded key.
    [ParameterAssignment(keyPath: "buyers.anthropic.affinity.oracle", value: 0.5)],
    [
      ParameterAssignment(keyPath: "buyers.openai.affinity.microsoft", value: 0.25),
      ParameterAssignment(keyPath: "market.sigma", value: 5),
    ],
    [
      ParameterAssignment(keyPath: "market.sigma", value: 5),
      ParameterAssignment(keyPath: "contracts.anthropic-colossus-2026.gpus.h100", value: 1000),
    ],
  ])
  func parametersGiveTheDecodedScenario(_ assignments: [ParameterAssignment]) throws {
    let model = try ScenarioModel(path: Self.baseline)
    let swept = try model.scenario(at: assignments)
    #expect(swept == (try Self.decoded(assignments)))
    #expect(swept != model.base, "the parameter must change the scenario")
    // A second replicate of the point gets the same scenario.
    #expect(try model.scenario(at: assignments) == swept)
  }

  /// A value outside the field's rule is not set by the typed setter: the decode reports it.
  @Test func outOfRangeValueIsReportedByTheDecoder() throws {
    let model = try ScenarioModel(path: Self.baseline)
    #expect {
      _ = try model.scenario(at: [ParameterAssignment(keyPath: "market.sigma", value: 0.5)])
    } throws: { error in
      "\(error)".contains("market.sigma: expected a number between 1 and 50")
    }
  }

  /// An affinity to a provider the scenario does not have is left to the decoder, which says so.
  @Test func affinityToAnUnknownProviderIsReportedByTheDecoder() throws {
    let model = try ScenarioModel(path: Self.baseline)
    #expect {
      _ = try model.scenario(at: [
        ParameterAssignment(keyPath: "buyers.anthropic.affinity.amazn", value: 1)
      ])
    } throws: { error in
      "\(error)".contains("amazn")
    }
  }

  @Test func misspeltVaryKeyStopsTheSweepBeforeAnyRun() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-vary-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try CLIRunner.run(
      [
        "sweep", Self.baseline, "--vary", "market.sigmaa=2..4", "--design", "random",
        "--samples", "1000", "--quiet", "--db", "v.sqlite",
      ], in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.contains("market.sigmaa: unknown key 'sigmaa' (did you mean 'sigma'?)"))
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("v.sqlite").path))
  }

  /// Every key path docs/sweeps.md varies on the baseline names a value of the baseline (the
  /// built-in test models' x1, x2, x3 and the placeholder `key.path` aside).
  @Test func keyPathsInTheSweepDocsExist() throws {
    let text = try String(
      contentsOf: CLIRunner.packageRoot.appendingPathComponent("docs/sweeps.md"), encoding: .utf8)
    var keys: [(String, Double)] = []
    for line in text.split(separator: "\n").map(String.init) {
      for match in line.matches(of: /--vary ([A-Za-z][\w.-]*)=(-?[0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?)/)
      {
        keys.append((String(match.1), Double(match.2)!))
      }
      if let match = line.wholeMatch(
        of: /\ \ ([A-Za-z][\w.-]*\.[\w.-]+): [^0-9]*(-?[0-9]+(?:\.[0-9]+)?(?:e[0-9]+)?).*/)
      {
        keys.append((String(match.1), Double(match.2)!))
      }
    }
    let baselineKeys = keys.filter { !["x1", "x2", "x3", "key.path"].contains($0.0) }
    #expect(baselineKeys.count >= 3)
    let model = try ScenarioModel(path: Self.baseline)
    for (key, value) in baselineKeys {
      #expect(throws: Never.self, "\(key)") {
        try model.check([ParameterAssignment(keyPath: key, value: value)])
      }
    }
  }

  /// Decoded points shared by worker threads do not change results: a noisy baseline swept at
  /// --jobs 1 and 2 stores the same rows, and each run equals a fresh decode and engine run.
  @Test func sharedPointsGiveTheSameRunsAtAnyJobCount() throws {
    let noise = [(KeyPath(parsing: "randomness.demandNoise")!, "0.2")]
    let model = try ScenarioModel(path: Self.baseline, overrides: noise, includeSeries: false)
    let plan = SweepPlan(
      scenario: Self.baseline, design: .grid,
      parameters: [
        try VarySyntax.parse("market.sigma=6,10"),
        try VarySyntax.parse("buyers.anthropic.affinity.amazon=1,2"),
      ], replicates: 3, seed: 5)
    let design = try SweepDesign(plan: plan)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-points-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var dumps: [String] = []
    for jobs in [1, 2] {
      let path = folder.appendingPathComponent("jobs\(jobs).sqlite").path
      let summary = try SweepRunner(design: design, model: model, databasePath: path, jobs: jobs)
        .run()
      #expect(summary.failed == 0)
      dumps.append(try SweepDatabase(path: path).canonicalDump())
    }
    #expect(dumps[0] == dumps[1])
    // The last point's last replicate, from scratch.
    let point = design.pointCount - 1
    let assignments = design.assignments(atPoint: point)
    let seed = design.seed(point: point, replicate: 2)
    let overrides = noise + assignments.map { (KeyPath(parsing: $0.keyPath)!, "\($0.value)") }
    let fresh = try Engine.run(
      ScenarioDecoder.decode(Document.load(path: Self.baseline, overrides: overrides)), seed: seed)
    let swept = try model.run(assignments, seed: seed)
    #expect(swept.summary.map(\.name) == fresh.standardSummary().map(\.name))
    #expect(
      swept.summary.map(\.value.bitPattern) == fresh.standardSummary().map(\.value.bitPattern))
  }
}
