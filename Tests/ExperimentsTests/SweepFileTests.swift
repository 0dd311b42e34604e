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
      "s.yaml:3:22: error: vary.x.high: expected a finite number, got 'zz'"
    ),
    (
      "scenario: a\ndesign: cube\nvary: { x: [1] }\n",
      "s.yaml:2:9: error: design: expected one of grid, random, lhs, sobol, sobol2, morris, got 'cube'"
    ),
    (
      "scenario: a\nsamples: -3\nvary: { x: [1] }\n",
      "s.yaml:2:10: error: samples: expected an integer >= 1, got -3"
    ),
    (
      "scenario: a\nvary:\n  x: [1, b]\n",
      "s.yaml:3:10: error: vary.x[1]: expected a finite number, got 'b'"
    ),
    (
      "scenario: a\nvray: { x: [1] }\n",
      "s.yaml:1:1: error: missing required key 'vary'\n"
        + "s.yaml:2:1: error: vray: unknown key 'vray' (did you mean 'vary'?)"
    ),
    ("vary: { x: [1] }\n", "s.yaml:1:1: error: missing required key 'scenario'"),
    (
      "scenario: a\nvary:\n  x: [1, b]\n  y: 1..\nseed: -1\n",
      "s.yaml:3:10: error: vary.x[1]: expected a finite number, got 'b'\n"
        + "s.yaml:4:6: error: vary.y: expected V1,V2,... or LOW..HIGH[:COUNT] (numbers; COUNT a "
        + "positive integer), got '1..'\n"
        + "s.yaml:5:7: error: seed: expected an integer from 0 to 18446744073709551615, got '-1'"
    ),
  ])
  func errorsNameFileLineAndKeyPath(text: String, expected: String) {
    #expect {
      try SweepFile.parse(text, file: "s.yaml")
    } throws: { error in
      "\(error)" == expected
    }
  }
}
