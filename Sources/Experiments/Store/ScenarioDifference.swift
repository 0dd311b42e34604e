import Foundation

/// The key paths at which two resolved scenarios (JSON text) differ, for messages such as
/// "the database holds runs of another scenario: market.sigma is 8 there and 6 here".
public enum ScenarioDifference {
  /// Up to `limit` lines `key.path: OLD → NEW` (`(absent)` where a side lacks the key), in key
  /// order; empty when the two texts hold the same values.
  public static func describe(stored: String, current: String, limit: Int = 8) -> [String] {
    let old = flatten(stored)
    let new = flatten(current)
    let keys = Set(old.keys).union(new.keys).sorted()
    var lines: [String] = []
    for key in keys where old[key] != new[key] {
      lines.append("\(key): \(old[key] ?? "(absent)") → \(new[key] ?? "(absent)")")
    }
    if lines.count > limit {
      let rest = lines.count - limit
      return Array(lines.prefix(limit)) + ["… and \(rest) more"]
    }
    return lines
  }

  /// Leaf values by dotted key path (array elements by index).
  static func flatten(_ text: String) -> [String: String] {
    guard let data = text.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return [:] }
    var result: [String: String] = [:]
    func walk(_ value: Any, _ path: String) {
      if let dictionary = value as? [String: Any] {
        for (key, child) in dictionary { walk(child, path.isEmpty ? key : "\(path).\(key)") }
      } else if let array = value as? [Any] {
        for (k, child) in array.enumerated() { walk(child, "\(path).\(k)") }
      } else if value is NSNull {
        result[path] = "null"
      } else {
        result[path] = "\(value)"
      }
    }
    walk(object, "")
    return result
  }
}
