import Foundation
import LocatedYAML
import ScenarioFormat
import Testing

/// `extends` merging and `--set` overrides.
@Suite struct ExtendsAndOverrideTests {
  @Test func childOverridesAndDeletes() throws {
    let dir = TemporaryDirectory()
    dir.write(
      "base.yaml",
      """
      name: base
      market: { sigma: 2.5, tolerance: 1.0e-9 }
      contracts:
        anthropic-colossus: { quantity: 100 }
        openai-oracle: { quantity: 50 }
      events: [ { at: 2025-01 } ]
      """)
    let child = dir.write(
      "child.yaml",
      """
      extends: base.yaml
      name: child
      market: { sigma: 3 }
      contracts:
        anthropic-colossus: null
      events: [ { at: 2026-01 }, { at: 2026-02 } ]
      """)
    let root = try Document.load(path: child)
    #expect(root["extends"] == nil)
    #expect(
      root["name"].flatMap { if case .scalar(let s, _) = $0.value { s } else { nil } } == "child")
    #expect(root["market"]?["tolerance"] != nil, "merged key by key")
    #expect(root["market"]?["sigma"]?.location.file == child)
    #expect(root["contracts"]?["anthropic-colossus"] == nil)
    #expect(root["contracts"]?["openai-oracle"] != nil)
    guard case .sequence(let events)? = root["events"]?.value else {
      Issue.record("events lost")
      return
    }
    #expect(events.count == 2, "lists are replaced whole")
  }

  @Test func deletingAMissingKeyIsAnError() throws {
    let dir = TemporaryDirectory()
    dir.write("base.yaml", "contracts: { anthropic-colossus: { q: 1 } }\n")
    let child = dir.write(
      "child.yaml", "extends: base.yaml\ncontracts: { anthropic-colosus: null }\n")
    #expect {
      try Document.load(path: child)
    } throws: { error in
      "\(error)".contains("cannot delete 'anthropic-colosus'")
        && "\(error)".contains("did you mean 'anthropic-colossus'?")
    }
  }

  @Test func cyclesAreFound() throws {
    let dir = TemporaryDirectory()
    dir.write("a.yaml", "extends: b.yaml\nx: 1\n")
    dir.write("b.yaml", "extends: c.yaml\n")
    dir.write("c.yaml", "extends: a.yaml\n")
    #expect {
      try Document.load(path: dir.url.appendingPathComponent("a.yaml").path)
    } throws: { error in
      "\(error)".contains("extends forms a cycle: a.yaml -> b.yaml -> c.yaml -> a.yaml")
    }
  }

  @Test func missingBaseNamesTheExtendsLine() throws {
    let dir = TemporaryDirectory()
    let child = dir.write("child.yaml", "name: x\nextends: nothere.yaml\n")
    #expect {
      try Document.load(path: child)
    } throws: { error in
      "\(error)".contains("child.yaml:2:10") && "\(error)".contains("no such file")
    }
  }

  @Test func overridesReplaceAddAndReport() throws {
    let dir = TemporaryDirectory()
    let file = dir.write("s.yaml", "market: { sigma: 2 }\nevents: [ { at: 2025-01 } ]\n")
    let overrides = try ["market.sigma=3.5", "events[0].at=2026-02", "market.extra={ a: 1 }"].map(
      Document.parseOverride)
    let root = try Document.load(path: file, overrides: overrides)
    let log = DiagnosticLog()
    #expect(root["market"]?["sigma"]?.number(log) == 3.5)
    #expect(root["market"]?["sigma"]?.location == .commandLine)
    #expect(root["market"]?["extra"]?["a"]?.keyPath.description == "market.extra.a")
    let bad = try Document.parseOverride("events[3].at=2026-02")
    #expect {
      try Document.load(path: file, overrides: [bad])
    } throws: { error in
      "\(error)".contains("index 3 is out of range: events has 1 items")
    }
    #expect(throws: DiagnosticsError.self) { try Document.parseOverride("no-equals-sign") }
    #expect(throws: DiagnosticsError.self) { try Document.parseOverride("a..b=1") }
  }
}
