extension Document {
  /// `child` laid over `base`: mappings merge key by key (recursively), a `null` in the child
  /// deletes the key, anything else in the child replaces the base's value.
  static func merge(_ child: DocumentNode, over base: DocumentNode, log: DiagnosticLog)
    -> DocumentNode
  {
    guard case .mapping(let childEntries) = child.value, case .mapping(var entries) = base.value
    else {
      return child
    }
    for entry in childEntries {
      let existing = entries.firstIndex { $0.key == entry.key }
      if entry.node.isNull {
        if let existing {
          entries.remove(at: existing)
        } else {
          log.error(
            "cannot delete '\(entry.key)': the extended file has no such key",
            keyPath: entry.node.keyPath,
            location: entry.keyLocation,
            hint: NameSuggestion.hint(for: entry.key, among: entries.map(\.key)))
        }
      } else if let existing {
        entries[existing].node = merge(entry.node, over: entries[existing].node, log: log)
        entries[existing].keyLocation = entry.keyLocation
      } else {
        entries.append(entry)
      }
    }
    var merged = child
    merged.value = .mapping(entries)
    return merged
  }

  /// Replaces (or adds) the value at `keyPath` with `text` parsed as YAML; `null` deletes a key.
  static func applyOverride(
    _ root: inout DocumentNode, keyPath: KeyPath, text: String, log: DiagnosticLog
  ) {
    let valueLog = DiagnosticLog()
    let parsed =
      text.isEmpty
      ? DocumentNode(value: .scalar("", quoted: true), keyPath: keyPath, location: .commandLine)
      : parse(text, file: SourceLocation.commandLine.file, log: valueLog)
    guard var value = parsed, !valueLog.hasErrors else {
      log.error(
        "cannot parse the value '\(text)' given with --set", keyPath: keyPath,
        location: .commandLine)
      return
    }
    value = value.rebased(at: keyPath)
    value = relocated(value)
    set(&root, path: keyPath.components[...], value: value, log: log, fullPath: keyPath)
  }

  /// Marks every node of a command-line value as coming from the command line.
  private static func relocated(_ node: DocumentNode) -> DocumentNode {
    var copy = node
    copy.location = .commandLine
    switch node.value {
    case .null, .scalar: break
    case .mapping(let entries):
      copy.value = .mapping(
        entries.map { .init(key: $0.key, keyLocation: .commandLine, node: relocated($0.node)) })
    case .sequence(let items): copy.value = .sequence(items.map(relocated))
    }
    return copy
  }

  private static func set(
    _ node: inout DocumentNode, path: ArraySlice<KeyPath.Component>, value: DocumentNode,
    log: DiagnosticLog,
    fullPath: KeyPath
  ) {
    guard let first = path.first else {
      node = value
      return
    }
    let rest = path.dropFirst()
    switch (first, node.value) {
    case (.key(let key), .mapping(var entries)) where rest.isEmpty && value.isNull:
      // `null` deletes the key, as it does in a file that extends another.
      guard let index = entries.firstIndex(where: { $0.key == key }) else {
        log.error(
          "--set: cannot delete '\(key)': there is no such key", keyPath: fullPath,
          location: .commandLine, hint: NameSuggestion.hint(for: key, among: entries.map(\.key)))
        return
      }
      entries.remove(at: index)
      node.value = .mapping(entries)
    case (.key(let key), .mapping(var entries)):
      if let index = entries.firstIndex(where: { $0.key == key }) {
        set(&entries[index].node, path: rest, value: value, log: log, fullPath: fullPath)
      } else {
        var child = DocumentNode(
          value: .mapping([]), keyPath: node.keyPath.appending(key), location: .commandLine)
        set(&child, path: rest, value: value, log: log, fullPath: fullPath)
        entries.append(.init(key: key, keyLocation: .commandLine, node: child))
      }
      node.value = .mapping(entries)
    case (.key, .null):
      node.value = .mapping([])
      set(&node, path: path, value: value, log: log, fullPath: fullPath)
    case (.index(let index), .sequence(var items)):
      guard index < items.count else {
        log.error(
          "--set: index \(index) is out of range: \(node.keyPath) has \(items.count) items",
          keyPath: fullPath,
          location: .commandLine)
        return
      }
      set(&items[index], path: rest, value: value, log: log, fullPath: fullPath)
      node.value = .sequence(items)
    default:
      log.error(
        "--set: \(node.keyPath) is \(node.kindDescription), so it has no \(first.textForMessage)",
        keyPath: fullPath, location: .commandLine)
    }
  }
}

extension KeyPath.Component {
  var textForMessage: String {
    switch self {
    case .key(let key): return "key '\(key)'"
    case .index(let index): return "item [\(index)]"
    }
  }
}

extension DocumentNode {
  /// This tree with `overrides` applied in order (as `--set` does); every problem is in the error.
  public func applying(_ overrides: [(KeyPath, String)]) throws(DiagnosticsError) -> DocumentNode {
    let log = DiagnosticLog()
    var node = self
    for (keyPath, text) in overrides {
      Document.applyOverride(&node, keyPath: keyPath, text: text, log: log)
    }
    try log.throwIfErrors()
    return node
  }
}

extension Document {
  /// Applies one `--set` text (`key.path=value`) to an already loaded document, as `load` does.
  public static func applyingOverride(_ text: String, to root: DocumentNode)
    throws(DiagnosticsError) -> DocumentNode
  {
    let (keyPath, value) = try parseOverride(text)
    let log = DiagnosticLog()
    var result = root
    applyOverride(&result, keyPath: keyPath, text: value, log: log)
    try log.throwIfErrors()
    return result
  }
}
