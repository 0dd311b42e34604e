import Foundation
import ScenarioFormat
import Testing

/// docs/scenario-format.md holds the field reference generated from `ScenarioFields`.
@Suite struct ScenarioFormatDocTests {
  @Test func referenceTablesMatchTheFieldDescriptions() throws {
    let url = ScenarioDecoderTests.root.appendingPathComponent("docs/scenario-format.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let begin = try #require(text.range(of: "<!-- fields:begin"))
    let beginLineEnd = try #require(text[begin.upperBound...].range(of: "-->\n"))
    let end = try #require(text.range(of: "<!-- fields:end -->"))
    let current = String(text[beginLineEnd.upperBound..<end.lowerBound])
    var generated = markdownReference(fields: ScenarioFields.top)
    if !generated.hasSuffix("\n") { generated += "\n" }
    if ProcessInfo.processInfo.environment["GPUMARKET_RECORD"] == "1" {
      let updated = text.replacingCharacters(
        in: beginLineEnd.upperBound..<end.lowerBound, with: generated)
      try updated.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(
      current == generated,
      "docs/scenario-format.md is out of date: run GPUMARKET_RECORD=1 swift test --filter ScenarioFormatDocTests"
    )
  }

  /// Every field of every object, with its dotted path (`chips.<chip>.kWPerChip`).
  static func allFields(_ fields: [FieldSpec], path: String = "") -> [(String, FieldSpec)] {
    var out: [(String, FieldSpec)] = []
    func inner(_ type: FieldType, _ key: String) -> [(String, FieldSpec)] {
      switch type {
      case .object(let fields): return allFields(fields, path: key)
      case .dictionary(let idName, let value): return inner(value, "\(key).<\(idName)>")
      case .list(let item, _): return inner(item, "\(key)[]")
      case .tagged(let tagKey, let variants):
        return variants.flatMap { allFields($0.fields, path: "\(key)[\(tagKey)=\($0.tag)]") }
      default: return []
      }
    }
    for field in fields {
      let key = path.isEmpty ? field.name : "\(path).\(field.name)"
      out.append((key, field))
      out += inner(field.type, key)
    }
    return out
  }

  /// A field without a meaning, an example, or (when optional) a default fails here, and so
  /// cannot reach the reference tables or the JSON Schema undocumented.
  @Test func everyFieldHasDocExampleAndDefault() {
    let fields = Self.allFields(ScenarioFields.top)
    #expect(fields.count > 90)
    for (path, field) in fields {
      #expect(!field.doc.isEmpty, "\(path) has no doc")
      #expect(field.example?.isEmpty == false, "\(path) has no example")
      #expect(field.required || field.defaultValue != nil, "\(path) is optional without a default")
      #expect(!field.required || field.defaultValue == nil, "\(path) is required with a default")
    }
  }

  /// Quantities with a unit in their name state the unit.
  @Test func fieldsNamedWithAUnitStateIt() {
    let unitWords = ["USD", "MW", "kW", "GB", "TFLOPS", "Months", "tdpW", "PerMonth"]
    for (path, field) in Self.allFields(ScenarioFields.top) {
      guard case .object = field.type else {
        if unitWords.contains(where: { field.name.contains($0) }),
          !field.name.hasPrefix("valueFactor")
        {
          #expect(!field.unit.isEmpty, "\(path) has a unit in its name but none stated")
        }
        continue
      }
    }
  }

  /// The example at the top of the page is a valid scenario.
  @Test func exampleInTheDocDecodes() throws {
    let url = ScenarioDecoderTests.root.appendingPathComponent("docs/scenario-format.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let start = try #require(text.range(of: "```yaml\n"))
    let stop = try #require(text[start.upperBound...].range(of: "```"))
    let dir = TemporaryDirectory()
    let path = dir.write("example.yaml", String(text[start.upperBound..<stop.lowerBound]))
    let scenario = try ScenarioLoader.load(path: path)
    #expect(scenario.name == "tiny")
  }
}
