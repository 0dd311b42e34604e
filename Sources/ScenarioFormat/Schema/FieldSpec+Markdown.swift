extension FieldType {
  /// A short name of the type for the reference tables.
  public var summary: String {
    switch self {
    case .number(let rule):
      return rule.expectation.replacingOccurrences(of: "a ", with: "", options: .anchored)
    case .integer(let min, let max):
      switch (min, max) {
      case (let lo?, let hi?): return "integer \(lo)...\(hi)"
      case (let lo?, nil): return "integer >= \(lo)"
      default: return "integer"
      }
    case .string: return "string"
    case .boolean: return "true/false"
    case .month: return "month YYYY-MM"
    case .choice(let options): return "one of " + options.map { "`\($0)`" }.joined(separator: ", ")
    case .object: return "mapping"
    case .dictionary(let idName, _): return "mapping of \(idName) to entries"
    case .list(let item, let minItems):
      return "list of \(item.summary)" + (minItems > 0 ? " (at least \(minItems))" : "")
    case .timePath(let rule):
      return
        "\(rule.expectation.replacingOccurrences(of: "a ", with: "", options: .anchored)), or {YYYY-MM: value}"
    case .tagged(let tagKey, _): return "mapping, by `\(tagKey)`"
    }
  }
}

/// Reference tables for a format: one table per object, fields in order, nested objects after.
public func markdownReference(fields: [FieldSpec], path: String = "") -> String {
  var sections: [String] = []
  var nested: [(String, [FieldSpec])] = []
  var lines = [
    "| key | type | unit | default | meaning |", "|---|---|---|---|---|",
  ]
  func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
  for field in fields {
    let key = path.isEmpty ? field.name : "\(path).\(field.name)"
    // A default in parentheses says what absence means ("(every chip)"); others are values.
    let defaultText =
      field.required
      ? "required"
      : (field.defaultValue.map {
        $0.hasPrefix("(") ? String($0.dropFirst().dropLast()) : "`\($0)`"
      }
        ?? "—")
    var meaning = field.doc
    if let example = field.example { meaning += " Example: `\(example)`." }
    lines.append(
      "| `\(key)` | \(cell(field.type.summary)) | \(cell(field.unit)) | \(cell(defaultText)) | \(cell(meaning)) |"
    )
    switch field.type {
    case .object(let inner): nested.append((key, inner))
    case .dictionary(let idName, .object(let inner)): nested.append(("\(key).<\(idName)>", inner))
    case .list(.object(let inner), _): nested.append(("\(key)[]", inner))
    case .tagged(let tagKey, let variants):
      for variant in variants {
        nested.append(("\(key)[] with \(tagKey): \(variant.tag)", variant.fields))
      }
    default: break
    }
  }
  sections.append(lines.joined(separator: "\n"))
  for (nestedPath, inner) in nested {
    sections.append("### `\(nestedPath)`\n\n" + markdownReference(fields: inner, path: nestedPath))
  }
  return sections.joined(separator: "\n\n")
}
