/// One value of a YAML or JSON document, with its key path and where it was written.
///
/// Scalars keep their text: typing happens when a reader asks for a number, a date or a string,
/// so that the error can say what was expected at that key path.
public struct DocumentNode: Sendable {
  /// A mapping entry, keeping where the key was written.
  public struct Entry: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var node: DocumentNode
  }

  /// The value.
  public enum Value: Sendable {
    /// `null`, `~` or an empty value.
    case null
    /// A scalar's text; `quoted` when it was written in quotes (and so is a string, never a number).
    case scalar(String, quoted: Bool)
    /// Entries in document order.
    case mapping([Entry])
    case sequence([DocumentNode])
  }

  public var value: Value
  public var keyPath: KeyPath
  public var location: SourceLocation

  public init(value: Value, keyPath: KeyPath, location: SourceLocation) {
    self.value = value
    self.keyPath = keyPath
    self.location = location
  }

  /// Whether this is `null`.
  public var isNull: Bool {
    if case .null = value { return true }
    return false
  }

  /// The entry for `key` in a mapping.
  public subscript(key: String) -> DocumentNode? {
    guard case .mapping(let entries) = value else { return nil }
    return entries.first { $0.key == key }?.node
  }

  /// A short description of the value's kind, for messages ("a mapping", "the number 3").
  public var kindDescription: String {
    switch value {
    case .null: return "null"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let text, let quoted):
      let shown = text.count > 40 ? String(text.prefix(37)) + "..." : text
      return quoted ? "the string \"\(shown)\"" : "'\(shown)'"
    }
  }

  /// The same tree with every key path recomputed below `path` (after moving a subtree).
  func rebased(at path: KeyPath) -> DocumentNode {
    var copy = self
    copy.keyPath = path
    switch value {
    case .null, .scalar: break
    case .mapping(let entries):
      copy.value = .mapping(
        entries.map {
          Entry(
            key: $0.key, keyLocation: $0.keyLocation,
            node: $0.node.rebased(at: path.appending($0.key)))
        })
    case .sequence(let items):
      copy.value = .sequence(items.enumerated().map { $1.rebased(at: path.appending(index: $0)) })
    }
    return copy
  }
}
