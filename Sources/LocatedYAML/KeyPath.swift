/// The path of a value inside a document: `buyers.anthropic.affinity.amazon`, `events[2].at`.
///
/// The same paths name values in error messages, in `--set key.path=value` and in sweeps.
public struct KeyPath: Sendable, Hashable, CustomStringConvertible {
  /// One step: a mapping key or a sequence index.
  public enum Component: Sendable, Hashable {
    case key(String)
    case index(Int)
  }

  public var components: [Component]

  public init(_ components: [Component] = []) { self.components = components }

  /// The document root.
  public static let root = KeyPath()

  public func appending(_ key: String) -> KeyPath { KeyPath(components + [.key(key)]) }
  public func appending(index: Int) -> KeyPath { KeyPath(components + [.index(index)]) }

  /// The last mapping key, if the path ends in one.
  public var lastKey: String? {
    if case .key(let key)? = components.last { return key }
    return nil
  }

  /// `a.b[2].c`; keys that are not plain identifiers are quoted: `a["x.y"]`.
  public var description: String {
    guard !components.isEmpty else { return "(root)" }
    var text = ""
    for component in components {
      switch component {
      case .index(let index):
        text += "[\(index)]"
      case .key(let key):
        if key.isPlainKeyPathKey {
          text += text.isEmpty ? key : ".\(key)"
        } else {
          text += "[\"\(key)\"]"
        }
      }
    }
    return text
  }

  /// Parses `a.b[2].c` or `a["x.y"]`; nil for malformed text.
  public init?(parsing text: String) {
    var components: [Component] = []
    var rest = Substring(text)
    var expectKey = true
    while !rest.isEmpty {
      if rest.first == "[" {
        rest = rest.dropFirst()
        if rest.first == "\"" {
          rest = rest.dropFirst()
          guard let close = rest.firstIndex(of: "\"") else { return nil }
          components.append(.key(String(rest[..<close])))
          rest = rest[rest.index(after: close)...]
        } else {
          guard let close = rest.firstIndex(of: "]"), let index = Int(rest[..<close]), index >= 0
          else {
            return nil
          }
          components.append(.index(index))
          rest = rest[close...]
        }
        guard rest.first == "]" else { return nil }
        rest = rest.dropFirst()
        expectKey = false
      } else if rest.first == "." {
        guard !components.isEmpty, !expectKey else { return nil }
        rest = rest.dropFirst()
        expectKey = true
      } else {
        guard expectKey else { return nil }
        let end = rest.firstIndex { $0 == "." || $0 == "[" } ?? rest.endIndex
        let key = rest[..<end]
        guard !key.isEmpty else { return nil }
        components.append(.key(String(key)))
        rest = rest[end...]
        expectKey = false
      }
    }
    guard !components.isEmpty, !expectKey || rest.isEmpty else { return nil }
    if expectKey && text.hasSuffix(".") { return nil }
    self.components = components
  }
}

extension String {
  /// Letters, digits, `_`, `-` and `/`, not starting with a digit-only look: printable without quotes.
  var isPlainKeyPathKey: Bool {
    !isEmpty && allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "/" }
  }
}
