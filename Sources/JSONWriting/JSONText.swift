/// The pieces of JSON text gpumarket writes itself, so that keys keep a fixed order and the same
/// values always give the same bytes.
///
/// Numbers use Swift's shortest round-trip form (`2.5`, `1e-07`), integral values without a
/// fraction; NaN and infinities become `null`.
public enum JSONText {
  /// A number literal (`null` when not finite).
  public static func number(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }

  /// A string literal with the escapes JSON requires.
  public static func string(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// `[x, y, ...]` of numbers on one line.
  public static func array(_ xs: [Double]) -> String {
    "[" + xs.map(number).joined(separator: ",") + "]"
  }

  /// An object from already-written member values, one member per line.
  public static func object(_ members: [(String, String)], indent: String = "") -> String {
    guard !members.isEmpty else { return "{}" }
    let inner = indent + "  "
    let body = members.map { "\(inner)\(string($0.0)): \($0.1)" }.joined(separator: ",\n")
    return "{\n\(body)\n\(indent)}"
  }
}
