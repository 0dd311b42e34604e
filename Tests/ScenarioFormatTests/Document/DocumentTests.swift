import Foundation
import LocatedYAML
import ScenarioFormat
import Testing

/// Reading documents: locations, key paths, typed values and their errors.
@Suite struct DocumentTests {
  /// The diagnostics `body` records for a document, as printed.
  func diagnostics(_ yaml: String, _ body: (DocumentNode, DiagnosticLog) -> Void) throws -> [String]
  {
    let node = try Document.parse(yaml, file: "test.yaml")
    let log = DiagnosticLog()
    body(node, log)
    return log.sortedDiagnostics.map(\.description)
  }

  @Test func locationsAndKeyPaths() throws {
    let yaml = """
      buyers:
        anthropic:
          affinity: { aws: 1.3, gcp: 1.1 }
      events:
        - { at: 2026-05, kind: contract }
      """
    let root = try Document.parse(yaml, file: "test.yaml")
    let aws = try #require(root["buyers"]?["anthropic"]?["affinity"]?["aws"])
    #expect(aws.keyPath.description == "buyers.anthropic.affinity.aws")
    #expect(aws.location == SourceLocation(file: "test.yaml", line: 3, column: 22))
    guard case .sequence(let events) = try #require(root["events"]).value else {
      Issue.record("events is not a list")
      return
    }
    #expect(events[0]["at"]?.keyPath.description == "events[0].at")
    #expect(events[0]["at"]?.location.line == 5)
  }

  @Test func numbersAreCheckedWithTheirRule() throws {
    let messages = try diagnostics(
      """
      a: -3
      b: 1e400
      c: "12"
      d: nan
      e: 0.5
      f: 1_000
      """
    ) { root, log in
      _ = root["a"]!.number(log, .nonNegative)
      _ = root["b"]!.number(log)
      _ = root["c"]!.number(log)
      _ = root["d"]!.number(log)
      #expect(root["e"]!.number(log, .fraction) == 0.5)
      #expect(root["f"]!.number(log, .positive) == 1000)
    }
    #expect(
      messages == [
        "test.yaml:1:4: error: a: expected a number >= 0, got -3",
        "test.yaml:2:4: error: b: expected a finite number, got 1e400 (out of the range of a double)",
        "test.yaml:3:4: error: c: expected a finite number, got the string \"12\"",
        "test.yaml:4:4: error: d: expected a finite number, got 'nan'",
      ])
  }

  @Test func unknownKeysGetTheNearestName() throws {
    let messages = try diagnostics("budgt: 3\nname: x\nzzz: 1\n") { root, log in
      let fields = root.mapping(log, allowedKeys: ["budget", "name"])
      _ = fields?.required("budget")
    }
    #expect(
      messages == [
        "test.yaml:1:1: error: budgt: unknown key 'budgt' (did you mean 'budget'?)",
        "test.yaml:1:1: error: missing required key 'budget'",
        "test.yaml:3:1: error: zzz: unknown key 'zzz' (expected one of: budget, name)",
      ])
  }

  @Test func datesAndChoices() throws {
    let messages = try diagnostics("a: 2026-05\nb: 2026-13\nc: prorata\n") { root, log in
      #expect(root["a"]!.yearMonth(log)! == (2026, 5))
      _ = root["b"]!.yearMonth(log)
      _ = root["c"]!.choice(log, among: ["proRata", "priority", "price"])
    }
    #expect(messages.count == 2)
    #expect(messages[0].contains("b: expected a month written YYYY-MM"))
    #expect(messages[1].hasSuffix("(did you mean 'proRata'?)"))
  }

  @Test func duplicateKeysAreErrors() {
    #expect(throws: DiagnosticsError.self) { try Document.parse("a: 1\na: 2\n", file: "t.yaml") }
  }

  @Test func syntaxErrorsNameTheLine() {
    do {
      _ = try Document.parse("a: 1\nb: [1, 2\nc: 3\n", file: "t.yaml")
      Issue.record("expected an error")
    } catch {
      #expect(error.description.hasPrefix("t.yaml:"))
      #expect(error.description.contains("invalid YAML"))
    }
  }

  @Test func keyPathsParseAndPrint() {
    for text in [
      "a", "a.b", "events[2].at", "buyers.anthropic.affinity.aws", "a[\"x.y\"].b", "m.2026-05",
    ] {
      let path = KeyPath(parsing: text)
      #expect(path?.description == text, "\(text)")
    }
    for bad in ["", ".a", "a.", "a..b", "a[x]", "a[-1]", "a[1"] {
      #expect(KeyPath(parsing: bad) == nil, "\(bad)")
    }
  }
}
