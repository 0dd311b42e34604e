import JSONWriting
import LocatedYAML

/// A JSON value with ordered object keys, written deterministically.
public indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case integer(Int)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    a.serialized() == b.serialized()
  }

  /// The JSON text; `indent` spaces per level (0 = one line).
  public func serialized(indent: Int = 2) -> String {
    var output = ""
    write(into: &output, indent: indent, level: 0)
    return output
  }

  private func write(into output: inout String, indent: Int, level: Int) {
    let newline = indent > 0 ? "\n" : ""
    let pad = String(repeating: " ", count: indent * (level + 1))
    let closePad = String(repeating: " ", count: indent * level)
    switch self {
    case .null: output += "null"
    case .bool(let b): output += b ? "true" : "false"
    case .integer(let n): output += String(n)
    case .number(let x):
      if !x.isFinite {
        output += "null"
      } else if x == x.rounded(), abs(x) < 1e15 {
        output += String(Int(x))
      } else {
        output += "\(x)"
      }
    case .string(let s): output += Self.quoted(s)
    case .array(let items):
      guard !items.isEmpty else {
        output += "[]"
        return
      }
      output += "[" + newline
      for (k, item) in items.enumerated() {
        output += pad
        item.write(into: &output, indent: indent, level: level + 1)
        output += (k + 1 < items.count ? "," : "") + newline
      }
      output += closePad + "]"
    case .object(let entries):
      guard !entries.isEmpty else {
        output += "{}"
        return
      }
      output += "{" + newline
      for (k, (key, value)) in entries.enumerated() {
        output += pad + Self.quoted(key) + (indent > 0 ? ": " : ":")
        value.write(into: &output, indent: indent, level: level + 1)
        output += (k + 1 < entries.count ? "," : "") + newline
      }
      output += closePad + "}"
    }
  }

  /// A JSON string literal.
  public static func quoted(_ s: String) -> String { JSONText.string(s) }

}

extension DocumentNode {
  /// The document as JSON: scalars that read as numbers or booleans (unquoted) become numbers and
  /// booleans, everything else a string. Used to hand resolved scenarios to other tools.
  public var json: JSONValue {
    switch value {
    case .null: return .null
    case .scalar(let text, let quoted):
      if !quoted {
        if let n = Int(text) { return .integer(n) }
        if let x = Double(text), x.isFinite,
          text.first.map({ $0.isNumber || $0 == "-" || $0 == "." || $0 == "+" }) == true
        {
          return .number(x)
        }
        if ["true", "True", "TRUE"].contains(text) { return .bool(true) }
        if ["false", "False", "FALSE"].contains(text) { return .bool(false) }
      }
      return .string(text)
    case .sequence(let items): return .array(items.map(\.json))
    case .mapping(let entries): return .object(entries.map { ($0.key, $0.node.json) })
    }
  }
}
