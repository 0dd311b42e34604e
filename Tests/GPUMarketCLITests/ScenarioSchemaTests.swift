import Foundation
import Testing

/// The scenario JSON Schema (`gpumarket schema`) against an independent validator (Python's
/// jsonschema, draft 2020-12): it accepts the resolved form of every bundled scenario and rejects
/// every broken file whose fault is visible to a schema.
@Suite struct ScenarioSchemaTests {
  /// Golden broken files whose resolved form the schema must reject (types, unknown keys,
  /// bounds, month strings, missing keys).
  static let schemaVisible = [
    "huge-number", "infinite", "malformed-month", "missing-required", "misspelt-key", "nan",
    "negative", "self-contained", "set-unknown-key", "several-errors", "sigma-below-one",
    "unknown-key-nested", "unknown-key-top", "workload-and-own-use", "wrong-type",
  ]

  /// Golden broken files a schema cannot see, and why. Files with no resolved form cannot be
  /// handed to a validator at all.
  static let schemaBlind: [String: String] = [
    "contract-over-capacity": "compares a contract with its provider's sites across entities",
    "date-outside-horizon": "compares dates with the horizon",
    "generated-buyer-clash": "compares ids across buyers, generators and events",
    "undefined-buyer": "references between entities",
    "undefined-chip": "references between entities",
    "undefined-in-event": "references between entities",
    "undefined-in-shock": "references between entities",
    "undefined-provider": "references between entities",
    "undefined-vendor-and-input": "references between entities",
    "cycle-a": "extends cycle: there is no resolved document",
    "cycle-b": "extends cycle: there is no resolved document",
    "extends-missing": "extends a missing file: there is no resolved document",
    "null-deletes-nothing": "a null deleting nothing is found while merging",
    "duplicate-key": "not valid YAML: there is no document",
    "yaml-syntax": "not valid YAML: there is no document",
    "empty": "no document",
    "alias-bomb": "refused before it becomes a document",
    "bad-set-path": "a command-line error: there is no resolved document",
    "set-not-key-value": "a command-line error: there is no resolved document",
  ]

  func writeSchema() throws -> (directory: URL, schema: String) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-scenario-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let schema = try CLIRunner.run(["schema"])
    #expect(schema.status == 0)
    let path = directory.appendingPathComponent("scenario.schema.json").path
    try Data(schema.stdout.utf8).write(to: URL(fileURLWithPath: path))
    return (directory, path)
  }

  /// `validate --print-resolved` of a file, written next to the schema.
  func resolved(_ arguments: [String], in folder: URL? = nil, to url: URL) throws -> Bool {
    let result = try CLIRunner.run(["validate", "--print-resolved"] + arguments, in: folder)
    guard !result.stdout.isEmpty else { return false }
    try Data(result.stdout.utf8).write(to: url)
    return true
  }

  @Test func schemaDefaultsToTheScenarioFormat() throws {
    let result = try CLIRunner.run(["schema"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["title"] as? String == "gpumarket scenario")
    let required = try #require(object["required"] as? [String])
    #expect(Set(required) == ["name", "description", "horizon", "chips", "vendors", "providers"])
    let explicit = try CLIRunner.run(["schema", "--for", "scenario"])
    #expect(explicit.stdout == result.stdout)
  }

  @Test func everyBrokenFileIsClassified() {
    let names = Set(ValidateCommandTests.brokenNames)
    let classified = Set(Self.schemaVisible).union(Self.schemaBlind.keys)
    #expect(names == classified, "classify every file in Broken/ as schema-visible or not")
    #expect(Set(Self.schemaVisible).isDisjoint(with: Self.schemaBlind.keys))
  }

  @Test func independentValidatorAcceptsEveryBundledScenario() throws {
    guard PythonJSONSchema.available else {
      Issue.record("python3 with jsonschema and PyYAML is needed for this test")
      return
    }
    let (directory, schema) = try writeSchema()
    defer { try? FileManager.default.removeItem(at: directory) }
    for name in ValidateCommandTests.bundled {
      let url = directory.appendingPathComponent("\(name).json")
      #expect(try resolved([name], to: url), "\(name) has a resolved form")
      let (ok, message) = try PythonJSONSchema.validate(schema: schema, document: url.path)
      #expect(ok, "\(name) should validate: \(message)")
    }
  }

  @Test func independentValidatorRejectsSchemaVisibleBrokenFiles() throws {
    guard PythonJSONSchema.available else {
      Issue.record("python3 with jsonschema and PyYAML is needed for this test")
      return
    }
    let (directory, schema) = try writeSchema()
    defer { try? FileManager.default.removeItem(at: directory) }
    let folder = ValidateCommandTests.broken
    for name in Self.schemaVisible {
      let url = directory.appendingPathComponent("\(name).json")
      let arguments = ["\(name).yaml"] + ValidateCommandTests.arguments(name)
      #expect(try resolved(arguments, in: folder, to: url), "\(name) has a resolved form")
      let (ok, _) = try PythonJSONSchema.validate(schema: schema, document: url.path)
      #expect(!ok, "\(name) should be rejected by the schema")
    }
    // The base file all of them extend is accepted, so each rejection is the broken part's.
    let base = directory.appendingPathComponent("base.json")
    #expect(try resolved(["base.yaml"], in: folder, to: base))
    let (ok, message) = try PythonJSONSchema.validate(schema: schema, document: base.path)
    #expect(ok, "base.yaml should validate: \(message)")
  }

  /// Every example and default in the schema (from `ScenarioFields`) is valid against its own
  /// field's schema, so the reference never shows a value the loader would refuse.
  @Test func examplesAndDefaultsSatisfyTheirFieldSchemas() throws {
    guard PythonJSONSchema.available else {
      Issue.record("python3 with jsonschema and PyYAML is needed for this test")
      return
    }
    let (directory, schema) = try writeSchema()
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = """
      import json, sys, jsonschema
      checked, bad = 0, []
      def walk(node, path):
          global checked
          if isinstance(node, dict):
              sub = {k: v for k, v in node.items() if k not in ('examples', 'default', 'description')}
              values = node.get('examples', []) + ([node['default']] if 'default' in node else [])
              for value in values:
                  checked += 1
                  errors = list(jsonschema.Draft202012Validator(sub).iter_errors(value))
                  if errors: bad.append(path + ': ' + json.dumps(value) + ': ' + errors[0].message)
              for k, v in node.items(): walk(v, path + '/' + k)
          elif isinstance(node, list):
              for i, v in enumerate(node): walk(v, path + '/' + str(i))
      walk(json.load(open(sys.argv[1])), '')
      print(checked)
      for line in bad: print(line)
      sys.exit(1 if bad or checked < 100 else 0)
      """
    let result = try PythonJSONSchema.run(["-c", script, schema])
    #expect(result.status == 0, "\(result.output)")
  }
}
