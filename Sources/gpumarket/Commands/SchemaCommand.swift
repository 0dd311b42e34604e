import ArgumentParser
import ScenarioFormat

/// `gpumarket schema`: the JSON Schema (or reference tables) of gpumarket's file formats.
struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "Print the JSON Schema of a file format, for editors and validators.",
    discussion: CommandHelp.discussion(
      """
      The schema and the reference tables in docs/ are generated from the same field descriptions \
      the loader checks files against.
      """,
      examples: [
        "gpumarket schema",
        "gpumarket schema --for market",
      ])
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json, markdown
  }

  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case scenario, market
  }

  @Option(
    help: "Which format: scenario (the input of `run` and `validate`) or market (of `clear`).")
  var `for`: Kind = .scenario

  @Option(help: "json (a JSON Schema, draft 2020-12) or markdown (the reference tables).")
  var format: Format = .json

  func run() {
    let fields: [FieldSpec]
    let schema: JSONValue
    switch self.for {
    case .scenario:
      fields = ScenarioFields.top
      schema = ScenarioFields.jsonSchema
    case .market:
      fields = MarketFile.fields
      schema = MarketFile.jsonSchema
    }
    switch format {
    case .json: print(schema.serialized())
    case .markdown: print(markdownReference(fields: fields))
    }
  }
}
