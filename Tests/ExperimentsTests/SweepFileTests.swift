import Testing

@testable import Experiments

@Suite struct SweepFileTests {
  @Test func readsEveryKey() throws {
    let plan = try SweepFile.parse(
      """
      scenario: builtin:ishigami
      design: lhs
      samples: 16
      replicates: 2
      seed: 9
      series: true
      vary:
        x1: -1..1
        x2: [0, 0.5]
        x3: { low: 0, high: 2, count: 3 }
      """, file: "s.yaml")
    #expect(plan.scenario == "builtin:ishigami")
    #expect(plan.design == .lhs && plan.samples == 16 && plan.replicates == 2 && plan.seed == 9)
    #expect(plan.recordSeries)
    #expect(
      plan.parameters == [
        ParameterSpec(keyPath: "x1", domain: .range(lower: -1, upper: 1, count: nil)),
        ParameterSpec(keyPath: "x2", domain: .values([0, 0.5])),
        ParameterSpec(keyPath: "x3", domain: .range(lower: 0, upper: 2, count: 3)),
      ])
  }

  @Test func resolvesScenarioRelativeToTheFile() throws {
    let plan = try SweepFile.parse("scenario: b.yaml\nvary: { x: [1] }", file: "dir/s.yaml")
    #expect(plan.scenario == "dir/b.yaml")
  }

  @Test(arguments: [
    (
      "scenario: a\nvary:\n  x: { low: 0, high: zz }\n",
      "s.yaml:3:22: vary.x.high: expected a finite number, found 'zz'"
    ),
    (
      "scenario: a\ndesign: cube\nvary: { x: [1] }\n",
      "s.yaml:2:9: design: expected one of grid, random, lhs, sobol, morris, found 'cube'"
    ),
    (
      "scenario: a\nsamples: -3\nvary: { x: [1] }\n",
      "s.yaml:2:10: samples: expected a positive integer, found '-3'"
    ),
    (
      "scenario: a\nvary:\n  x: [1, b]\n",
      "s.yaml:3:10: vary.x[1]: expected a finite number, found 'b'"
    ),
    (
      "scenario: a\nvray: { x: [1] }\n",
      "s.yaml:2:1: vray: expected one of scenario, design, samples, replicates, seed, series, vary, found 'vray'"
    ),
    ("vary: { x: [1] }\n", "s.yaml:1:1: scenario: expected a scenario path (the key is missing)"),
  ])
  func errorsNameFileLineAndKeyPath(text: String, expected: String) {
    #expect {
      try SweepFile.parse(text, file: "s.yaml")
    } throws: { error in
      "\(error)" == expected
    }
  }
}
