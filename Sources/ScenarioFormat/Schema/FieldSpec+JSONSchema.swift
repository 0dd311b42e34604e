import LocatedYAML

extension FieldType {
  /// This type as a JSON Schema (draft 2020-12) fragment.
  public var jsonSchema: JSONValue {
    switch self {
    case .number(let rule): return .object([("type", .string("number"))] + rule.jsonSchemaBounds)
    case .integer(let min, let max):
      var entries: [(String, JSONValue)] = [("type", .string("integer"))]
      if let min { entries.append(("minimum", .integer(min))) }
      if let max { entries.append(("maximum", .integer(max))) }
      return .object(entries)
    case .string: return .object([("type", .string("string"))])
    case .boolean: return .object([("type", .string("boolean"))])
    case .month: return Self.monthSchema
    case .choice(let options): return .object([("enum", .array(options.map { .string($0) }))])
    case .object(let fields): return Self.objectSchema(fields)
    case .dictionary(_, let value):
      return .object([
        ("type", .string("object")),
        (
          "additionalProperties",
          .object([("anyOf", .array([value.jsonSchema, .object([("type", .string("null"))])]))])
        ),
      ])
    case .list(let item, let minItems):
      var entries: [(String, JSONValue)] = [("type", .string("array")), ("items", item.jsonSchema)]
      if minItems > 0 { entries.append(("minItems", .integer(minItems))) }
      return .object(entries)
    case .timePath(let rule):
      let number = JSONValue.object([("type", .string("number"))] + rule.jsonSchemaBounds)
      return .object([
        (
          "anyOf",
          .array([
            number,
            .object([
              ("type", .string("object")), ("minProperties", .integer(1)),
              ("propertyNames", Self.monthSchema), ("additionalProperties", number),
            ]),
          ])
        )
      ])
    case .tagged(let tagKey, let variants):
      return .object([
        (
          "oneOf",
          .array(
            variants.map { variant in
              let tag = FieldSpec(tagKey, .choice([variant.tag]), required: true, doc: variant.doc)
              return Self.objectSchema([tag] + variant.fields)
            })
        )
      ])
    }
  }

  /// A default or example, written as YAML, as a JSON value (nil if it does not parse).
  static func yamlValue(_ text: String) -> JSONValue? {
    (try? Document.parse(text, file: "<field description>"))?.json
  }

  static let monthSchema: JSONValue = .object([
    ("type", .string("string")), ("pattern", .string("^[1-9][0-9]{3}-(0[1-9]|1[0-2])$")),
  ])

  static func objectSchema(_ fields: [FieldSpec]) -> JSONValue {
    var properties: [(String, JSONValue)] = []
    for field in fields {
      guard case .object(var entries) = field.type.jsonSchema else { continue }
      let description = field.unit.isEmpty ? field.doc : "\(field.doc) Unit: \(field.unit)."
      entries.insert(("description", .string(description)), at: 0)
      if let value = field.defaultValue, !value.hasPrefix("("), let json = Self.yamlValue(value) {
        entries.append(("default", json))
      }
      if let example = field.example, let json = Self.yamlValue(example) {
        entries.append(("examples", .array([json])))
      }
      properties.append((field.name, .object(entries)))
    }
    var entries: [(String, JSONValue)] = [
      ("type", .string("object")), ("properties", .object(properties)),
      ("additionalProperties", .bool(false)),
    ]
    let required = fields.filter(\.required).map { JSONValue.string($0.name) }
    if !required.isEmpty { entries.append(("required", .array(required))) }
    return .object(entries)
  }
}

extension NumberRule {
  var jsonSchemaBounds: [(String, JSONValue)] {
    switch self {
    case .finite: return []
    case .nonNegative: return [("minimum", .integer(0))]
    case .positive: return [("exclusiveMinimum", .integer(0))]
    case .atLeast(let bound): return [("minimum", .number(bound))]
    case .fraction: return [("minimum", .integer(0)), ("maximum", .integer(1))]
    case .range(let range):
      return [("minimum", .number(range.lowerBound)), ("maximum", .number(range.upperBound))]
    }
  }
}

/// A whole file format as a JSON Schema document.
public func jsonSchemaDocument(title: String, description: String, fields: [FieldSpec]) -> JSONValue
{
  guard case .object(let body) = FieldType.objectSchema(fields) else { return .null }
  return .object(
    [
      ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
      ("title", .string(title)), ("description", .string(description)),
    ] + body)
}
