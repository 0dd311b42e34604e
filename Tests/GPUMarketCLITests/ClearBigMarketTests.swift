import Foundation
import Testing

/// `gpumarket clear` with a compact valuation matrix beside the market file, budget sets, and the
/// file-size bound.
@Suite struct ClearBigMarketTests {
  /// A fresh folder holding `files` (name → bytes); returns its URL.
  func folder(_ files: [String: Data]) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-big-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    for (name, data) in files { try data.write(to: directory.appendingPathComponent(name)) }
    return directory
  }

  /// A 3 x 4 market with deterministic numbers; `valuations` decides how the matrix is given.
  static let values: [[Double]] = [
    [1.0, 1.3, 0, 0.7], [0.8, 1.0, 1.2, 0.5], [2.0, 0.1, 0.9, 1.1],
  ]
  static func marketJSON(valuations: String, extra: String = "") -> Data {
    Data(
      """
      {"sigma": 2.5,
       "buyers": [{"name": "a", "budget": 1e6}, {"name": "b", "budget": 2e6}, {"name": "c", "budget": 5e5}],
       "products": [{"name": "p", "supply": 1e5}, {"name": "q", "supply": 2e5, "reservePrice": 3},
                    {"name": "r", "supply": 5e4}, {"name": "s", "supply": 1e5}],
       \(valuations)\(extra)}
      """.utf8)
  }
  static func float64(_ rows: [[Double]]) -> Data {
    var data = Data()
    for value in rows.flatMap({ $0 }) {
      withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }
    return data
  }
  static var csv: Data {
    Data(values.map { $0.map { "\($0)" }.joined(separator: ", ") }.joined(separator: "\n").utf8)
  }

  func prices(_ result: CLIRunner.Result) throws -> [Double] {
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    return try #require(object["prices"] as? [Double])
  }

  @Test func aFloat64OrCSVMatrixGivesTheInlineAnswer() throws {
    let inline = "\"valuations\": \(Self.values)"
    let dir = try folder([
      "inline.json": Self.marketJSON(valuations: inline),
      "binary.json": Self.marketJSON(valuations: "\"valuationsFile\": \"v.f64\""),
      "text.json": Self.marketJSON(valuations: "\"valuationsFile\": \"v.csv\""),
      "v.f64": Self.float64(Self.values), "v.csv": Self.csv,
    ])
    let expected = try prices(
      CLIRunner.run(["clear", dir.appendingPathComponent("inline.json").path, "--format", "json"]))
    for name in ["binary.json", "text.json"] {
      let result = try CLIRunner.run(
        ["clear", dir.appendingPathComponent(name).path, "--format", "json", "--verify"])
      #expect(result.status == 0, "\(name): \(result.stderr)")
      let got = try prices(result)
      #expect(got.count == 4)
      for (a, b) in zip(got, expected) { #expect(abs(a - b) <= 1e-12 * b, "\(name)") }
    }
  }

  @Test func aMatrixOfTheWrongSizeNaNOrNegativeIsLocated() throws {
    var bad = Self.values
    bad[1][2] = .nan
    bad[2][0] = -1
    let dir = try folder([
      "short.json": Self.marketJSON(valuations: "\"valuationsFile\": \"short.f64\""),
      "short.f64": Self.float64([[1, 2, 3]]),
      "bad.json": Self.marketJSON(valuations: "\"valuationsFile\": \"bad.f64\""),
      "bad.f64": Self.float64(bad),
      "badcsv.json": Self.marketJSON(valuations: "\"valuationsFile\": \"bad.csv\""),
      "bad.csv": Data("1,2,3,4\n1,x,3,4\n1,2,3\n".utf8),
      "kind.json": Self.marketJSON(valuations: "\"valuationsFile\": \"v.bin\""),
      "missing.json": Self.marketJSON(valuations: "\"valuationsFile\": \"none.f64\""),
      "both.json": Self.marketJSON(
        valuations: "\"valuations\": \(Self.values), \"valuationsFile\": \"short.f64\""),
    ])
    func run(_ name: String) throws -> CLIRunner.Result {
      try CLIRunner.run(["clear", dir.appendingPathComponent(name).path])
    }
    let short = try run("short.json")
    #expect(short.status == 2 && short.stdout.isEmpty)
    #expect(
      short.stderr.contains("short.f64 is 24 bytes; expected 3 x 4 x 8 = 96 bytes"),
      "\(short.stderr)")
    #expect(short.stderr.contains("short.json:5:"), "located at the valuationsFile entry")
    let values = try run("bad.json")
    #expect(values.status == 2)
    #expect(
      values.stderr.contains(
        "bad.f64: error: valuationsFile: valuation of buyer 'b' for product 'r' (row 1, column 2): "
          + "expected a finite number >= 0, got nan"), "\(values.stderr)")
    #expect(values.stderr.contains("buyer 'c' for product 'p' (row 2, column 0)"))
    let csv = try run("badcsv.json")
    #expect(csv.status == 2)
    #expect(
      csv.stderr.contains("bad.csv:2:3: error: valuationsFile: expected a number >= 0, got 'x'"),
      "\(csv.stderr)")
    #expect(
      csv.stderr.contains(
        "bad.csv:3:1: error: valuationsFile: expected 4 values (one per product), got 3"))
    let kind = try run("kind.json")
    #expect(kind.status == 2 && kind.stderr.contains("expected a file ending in .f64"))
    let missing = try run("missing.json")
    #expect(missing.status == 2 && missing.stderr.contains("none.f64: no such file"))
    let both = try run("both.json")
    #expect(both.status == 2 && both.stderr.contains("either valuations or valuationsFile"))
  }

  @Test func theFileSizeBoundIsAnOption() throws {
    let json = Self.marketJSON(valuations: "\"valuationsFile\": \"v.csv\"")
    // A CSV larger than the JSON (spaces are allowed around numbers).
    let padded = Self.csv + Data(String(repeating: " ", count: json.count + 200).utf8)
    let dir = try folder(["m.json": json, "v.csv": padded])
    let path = dir.appendingPathComponent("m.json").path
    let small = try CLIRunner.run(["clear", path, "--max-file-size", "64"])
    #expect(small.status == 2)
    #expect(small.stderr.contains("the limit is 64 bytes"), "\(small.stderr)")
    let matrix = try CLIRunner.run(["clear", path, "--max-file-size", "\(json.count + 10)"])
    #expect(matrix.status == 2)
    #expect(
      matrix.stderr.contains(
        "v.csv is \(padded.count) bytes; the limit is \(json.count + 10) bytes"),
      "\(matrix.stderr)")
    #expect(matrix.stderr.contains("raise it with --max-file-size"))
    let enough = try CLIRunner.run(["clear", path, "--max-file-size", "1.5KiB"])
    #expect(enough.status == 0, "\(enough.stderr)")
    let nonsense = try CLIRunner.run(["clear", path, "--max-file-size", "lots"])
    #expect(nonsense.status == 64 && nonsense.stderr.contains("--max-file-size must be a size"))
  }

  @Test func budgetSetsPrintOneEquilibriumPerSet() throws {
    let sets = [[1e6, 2e6, 5e5], [3e6, 1e5, 5e5], [1e6, 1e6, 1e6]]
    var files: [String: Data] = [
      "batch.json": Self.marketJSON(
        valuations: "\"valuations\": \(Self.values)", extra: ", \"budgetSets\": \(sets)")
    ]
    for (k, set) in sets.enumerated() {
      var text = String(
        decoding: Self.marketJSON(valuations: "\"valuations\": \(Self.values)"), as: UTF8.self)
      text = text.replacingOccurrences(
        of:
          "\"budget\": 1e6}, {\"name\": \"b\", \"budget\": 2e6}, {\"name\": \"c\", \"budget\": 5e5}",
        with:
          "\"budget\": \(set[0])}, {\"name\": \"b\", \"budget\": \(set[1])}, {\"name\": \"c\", \"budget\": \(set[2])}"
      )
      files["alone\(k).json"] = Data(text.utf8)
    }
    let dir = try folder(files)
    let result = try CLIRunner.run(
      ["clear", dir.appendingPathComponent("batch.json").path, "--format", "json", "--verify"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["solveSeconds"] is Double)
    let equilibria = try #require(object["equilibria"] as? [[String: Any]])
    #expect(equilibria.count == 3)
    for k in sets.indices {
      let alone = try prices(
        CLIRunner.run([
          "clear", dir.appendingPathComponent("alone\(k).json").path, "--format", "json",
        ]))
      let together = try #require(equilibria[k]["prices"] as? [Double])
      for (a, b) in zip(together, alone) { #expect(abs(a - b) <= 1e-8 * b, "set \(k)") }
      #expect(equilibria[k]["budgets"] as? [Double] == sets[k])
    }
    let table = try CLIRunner.run(["clear", dir.appendingPathComponent("batch.json").path])
    #expect(table.status == 0 && table.stdout.contains("== budgetSets[2] =="))
    let wrong = try folder([
      "w.json": Self.marketJSON(
        valuations: "\"valuations\": \(Self.values)",
        extra: ", \"budgetSets\": [[1, 2], [1, 2, -3]]")
    ])
    let refused = try CLIRunner.run(["clear", wrong.appendingPathComponent("w.json").path])
    #expect(refused.status == 2)
    #expect(
      refused.stderr.contains("expected 3 budgets (one per buyer), got 2"), "\(refused.stderr)")
    #expect(refused.stderr.contains("budgetSets[1][2]: expected a number > 0, got -3"))
  }
}
