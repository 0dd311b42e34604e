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
