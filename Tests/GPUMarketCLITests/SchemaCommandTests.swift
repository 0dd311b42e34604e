import Foundation
import Testing

/// `gpumarket schema`: the reference docs match it, and an independent validator accepts valid files
/// and rejects broken ones with it.
@Suite struct SchemaCommandTests {
  /// Replaces the text between the markers of `docs/NAME` with `generated` when re-recording
  /// (`GPUMARKET_RECORD=1`), otherwise checks that it is there unchanged.
  func checkGeneratedSection(doc name: String, marker: String, generated: String) throws {
    let url = CLIRunner.packageRoot.appendingPathComponent("docs/\(name)")
    let text = try String(contentsOf: url, encoding: .utf8)
    let begin = try #require(text.range(of: "<!-- \(marker):begin"))
    let beginLineEnd = try #require(text[begin.upperBound...].range(of: "-->\n"))
    let end = try #require(text.range(of: "<!-- \(marker):end -->"))
    let current = String(text[beginLineEnd.upperBound..<end.lowerBound])
    let expected = generated.hasSuffix("\n") ? generated : generated + "\n"
    if ProcessInfo.processInfo.environment["GPUMARKET_RECORD"] == "1" {
      let updated = text.replacingCharacters(
        in: beginLineEnd.upperBound..<end.lowerBound, with: expected)
      try updated.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(
      current == expected,
      "docs/\(name) is out of date: run GPUMARKET_RECORD=1 swift test --filter SchemaCommandTests")
  }

  @Test func marketFileReferenceMatchesTheCode() throws {
    let result = try CLIRunner.run(["schema", "--for", "market", "--format", "markdown"])
    #expect(result.status == 0)
    try checkGeneratedSection(doc: "market-file.md", marker: "fields", generated: result.stdout)
  }

  @Test func schemaIsValidJSON() throws {
    let result = try CLIRunner.run(["schema", "--for", "market"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
    // The matrix is inline (`valuations`) or in a file beside it (`valuationsFile`): neither is
    // required on its own.
    let required = try #require(object["required"] as? [String])
    #expect(Set(required) == ["sigma", "buyers", "products"])
    let properties = try #require(object["properties"] as? [String: Any])
    for key in ["valuations", "valuationsFile", "budgetSets"] {
      #expect(properties[key] != nil, "missing \(key)")
    }
  }

  @Test func independentValidatorAgreesOnMarketFiles() throws {
    guard PythonJSONSchema.available else {
      Issue.record("python3 with jsonschema and PyYAML is needed for this test")
      return
    }
    let schema = try CLIRunner.run(["schema", "--for", "market"]).stdout
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-schema-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let schemaPath = directory.appendingPathComponent("schema.json")
    try Data(schema.utf8).write(to: schemaPath)
    let good = ["examples/market-small.json", "examples/market-2026-05.yaml"].map {
      CLIRunner.packageRoot.appendingPathComponent($0).path
    }
    let broken = [
      "{\"sigma\": 0.5, \"buyers\": [{\"name\": \"a\", \"budget\": 1}], \"products\": [{\"name\": \"p\", \"supply\": 1}], \"valuations\": [[1]]}",
      "{\"sigma\": 2, \"buyers\": [{\"name\": \"a\", \"budgt\": 1}], \"products\": [{\"name\": \"p\", \"supply\": 1}], \"valuations\": [[1]]}",
      "{\"sigma\": 2, \"buyers\": [], \"products\": [{\"name\": \"p\", \"supply\": 1}], \"valuations\": [[1]]}",
      "{\"sigma\": 2, \"buyers\": [{\"name\": \"a\", \"budget\": -1}], \"products\": [{\"name\": \"p\", \"supply\": 1}], \"valuations\": [[1]]}",
    ].enumerated().map { index, text -> String in
      let url = directory.appendingPathComponent("broken\(index).json")
      try! Data(text.utf8).write(to: url)
      return url.path
    }
    for file in good {
      let (ok, message) = try PythonJSONSchema.validate(schema: schemaPath.path, document: file)
      #expect(ok, "\(file) should validate: \(message)")
    }
    for file in broken {
      let (ok, _) = try PythonJSONSchema.validate(schema: schemaPath.path, document: file)
      #expect(!ok, "\(file) should be rejected")
    }
  }
}

/// Python's `jsonschema`, an implementation independent of gpumarket, as a test helper.
enum PythonJSONSchema {
  static let script = """
    import json, re, sys, yaml, jsonschema
    # YAML 1.1 (PyYAML) reads 1e9 as a string; YAML 1.2 and gpumarket read it as a number.
    class Loader(yaml.SafeLoader): pass
    Loader.add_implicit_resolver('tag:yaml.org,2002:float',
        re.compile(r'^[-+]?([0-9][0-9_]*)?\\.?[0-9]+([eE][-+]?[0-9]+)?$'), list('-+0123456789.'))
    schema = json.load(open(sys.argv[1]))
    document = yaml.load(open(sys.argv[2]), Loader=Loader)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    for e in errors: print('/'.join(map(str, e.path)) + ': ' + e.message)
    sys.exit(1 if errors else 0)
    """

  static var available: Bool {
    (try? run(["-c", "import jsonschema, yaml"]).status) == 0
  }

  static func validate(schema: String, document: String) throws -> (Bool, String) {
    let result = try run(["-c", script, schema, document])
    return (result.status == 0, result.output)
  }

  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
