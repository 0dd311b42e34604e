import Foundation
import SafeIO
import Yams

/// Reads YAML (or JSON, which is YAML) documents into `DocumentNode` trees, resolving `extends`
/// and applying `--set` overrides.
///
/// Hostile input is refused early and cheaply: files over `Limits.maxBytes`, text that is not UTF-8
/// or holds NUL bytes, nesting deeper than `Limits.maxDepth` (checked on the raw text before the
/// YAML parser sees it), and documents that expand to more than `Limits.maxNodes` values through
/// aliases (the "billion laughs" bomb).
public enum Document {
  /// Bounds on what a document may hold.
  public enum Limits {
    /// Largest file read, in bytes (16 MiB).
    public static let maxBytes = 16 * 1024 * 1024
    /// Deepest nesting of mappings and lists.
    public static let maxDepth = 200
    /// Most values in one document after expanding aliases.
    public static let maxNodes = 2_000_000
    /// Longest `extends` chain.
    public static let maxExtendsDepth = 16
  }

  /// Parses `text` (the contents of `file`) into a tree, without resolving `extends`.
  public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> DocumentNode {
    let log = DiagnosticLog()
    let node = parse(text, file: file, log: log)
    try log.throwIfErrors()
    return node!
  }

  /// Reads the file at `path` (at most `maxBytes`, and never more than `Limits.maxBytes`) into a
  /// tree, without resolving `extends`: for files that have no `extends`, such as sweep files.
  public static func read(
    path: String, maxBytes: Int = Limits.maxBytes
  ) throws(DiagnosticsError) -> DocumentNode {
    let log = DiagnosticLog()
    let node = readFile(path: path, log: log, maxBytes: min(maxBytes, Limits.maxBytes)).flatMap {
      parse($0, file: path, log: log)
    }
    try log.throwIfErrors()
    return node!
  }

  /// Reads the file at `path`, resolves its `extends` chain (deep-merging mappings, `null` deleting
  /// a key, lists replaced whole), then applies `overrides` in order.
  ///
  /// `maxBytes` bounds each file read (default `Limits.maxBytes`).
  public static func load(
    path: String, overrides: [(KeyPath, String)] = [], maxBytes: Int = Limits.maxBytes
  ) throws(DiagnosticsError) -> DocumentNode {
    let log = DiagnosticLog()
    var node = loadResolvingExtends(path: path, chain: [], log: log, maxBytes: maxBytes)
    if var resolved = node {
      for (keyPath, text) in overrides {
        applyOverride(&resolved, keyPath: keyPath, text: text, log: log)
      }
      node = resolved
    }
    try log.throwIfErrors()
    return node!
  }

  /// Splits `key.path=value` from the command line.
  public static func parseOverride(_ text: String) throws(DiagnosticsError) -> (KeyPath, String) {
    guard let equals = text.firstIndex(of: "=") else {
      throw DiagnosticsError([
        Diagnostic(
          location: .commandLine, keyPath: .root,
          message: "expected key.path=value in --set '\(text)'")
      ])
    }
    let pathText = String(text[..<equals])
    guard let keyPath = KeyPath(parsing: pathText) else {
      throw DiagnosticsError([
        Diagnostic(
          location: .commandLine, keyPath: .root,
          message:
            "'\(pathText)' is not a key path (expected e.g. buyers.anthropic.sigma or events[0].at)"
        )
      ])
    }
    return (keyPath, String(text[text.index(after: equals)...]))
  }

  // MARK: - Files

  static func readFile(
    path: String, log: DiagnosticLog, at place: DocumentNode? = nil, maxBytes: Int = Limits.maxBytes
  ) -> String? {
    func fail(_ message: String) -> String? {
      if let place {
        log.error(message, at: place)
      } else {
        log.error(message, keyPath: .root, location: SourceLocation(file: path, line: 0, column: 0))
      }
      return nil
    }
    let data: [UInt8]
    do {
      data = try RegularFile.read(path, limit: maxBytes)
    } catch {
      return fail(error.description)
    }
    guard !data.contains(0) else {
      return fail("\(path) is not a text file (it contains NUL bytes)")
    }
    guard let text = String(validating: data, as: UTF8.self) else {
      return fail("\(path) is not UTF-8 text")
    }
    return text
  }

  /// A byte count as people write it: "16 MiB", "1.5 GiB", "900 bytes".
  public static func byteCount(_ bytes: Int) -> String {
    for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size {
      let value = Double(bytes) / Double(size)
      return value == value.rounded()
        ? "\(Int(value)) \(unit)" : String(format: "%.1f \(unit)", value)
    }
    return "\(bytes) bytes"
  }

  static func loadResolvingExtends(
    path: String, chain: [String], log: DiagnosticLog, extendsNode: DocumentNode? = nil,
    maxBytes: Int = Limits.maxBytes
  ) -> DocumentNode? {
    guard let text = readFile(path: path, log: log, at: extendsNode, maxBytes: maxBytes) else {
      return nil
    }
    guard var node = parse(text, file: path, log: log) else { return nil }
    guard let extendsValue = node["extends"] else { return node }
    if case .mapping(let entries) = node.value {
      node.value = .mapping(entries.filter { $0.key != "extends" })
    }
    guard case .scalar(let baseName, _) = extendsValue.value, !baseName.isEmpty else {
      log.error(
        "expected the file name of a scenario to extend, got \(extendsValue.kindDescription)",
        at: extendsValue)
      return nil
    }
    // Relative to this file, kept relative when this file's path is, so that messages name
    // files the way the user did.
    let directory = (path as NSString).deletingLastPathComponent
    let basePath =
      baseName.hasPrefix("/") || directory.isEmpty
      ? baseName : (directory as NSString).appendingPathComponent(baseName)
    let canonical = URL(fileURLWithPath: basePath).standardizedFileURL.resolvingSymlinksInPath()
      .path
    let selfCanonical = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
      .path
    let fullChain = chain + [selfCanonical]
    if fullChain.contains(canonical) {
      let names = (fullChain + [canonical]).map { URL(fileURLWithPath: $0).lastPathComponent }
      log.error("extends forms a cycle: \(names.joined(separator: " -> "))", at: extendsValue)
      return nil
    }
    guard fullChain.count < Limits.maxExtendsDepth else {
      log.error("extends chain is longer than \(Limits.maxExtendsDepth) files", at: extendsValue)
      return nil
    }
    guard
      let base = loadResolvingExtends(
        path: basePath, chain: fullChain, log: log, extendsNode: extendsValue, maxBytes: maxBytes)
    else { return nil }
    return merge(node, over: base, log: log)
  }

  // MARK: - Parsing

  /// Parses `text` into a tree, recording what is wrong in `log`. `budget` overrides the values
  /// aliases may expand to, and `countingAliases: false` leaves refusing an expansion to
  /// `convert` alone (both for tests that compare the two ways).
  static func parse(
    _ text: String, file: String, log: DiagnosticLog, budget: Int? = nil,
    countingAliases: Bool = true
  ) -> DocumentNode? {
    if let problem = scanNesting(text) {
      log.error(
        problem.message, keyPath: .root,
        location: SourceLocation(file: file, line: problem.line, column: 1))
      return nil
    }
    // A document without aliases has fewer values than bytes; allow aliases to expand it a few
    // times over, and stop a "billion laughs" long before it costs time or memory.
    let textBudget = min(Limits.maxNodes, 4 * text.utf8.count + 100_000)
    let budget = budget ?? textBudget
    // Without an asterisk there is no alias, and nothing can expand.
    let mayHaveAliases = text.utf8.contains(UInt8(ascii: "*"))
    if mayHaveAliases, let problem = aliasedKeysProblem(text, file: file, limit: textBudget) {
      log.record(problem)
      return nil
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      log.record(diagnostic(for: error, file: file))
      return nil
    } catch {
      log.error(
        "cannot parse: \(error)", keyPath: .root,
        location: SourceLocation(file: file, line: 0, column: 0))
      return nil
    }
    guard let root else {
      log.error(
        "the file is empty", keyPath: .root,
        location: SourceLocation(file: file, line: 0, column: 0))
      return nil
    }
    if mayHaveAliases, countingAliases {
      // Refuse a document that expands past the budget before building any of it, with the
      // diagnostic `convert` would give when it ran out.
      var memo = ExpansionMemo()
      if expansion(of: root, memo: &memo).values > budget {
        var remaining = budget
        let scratch = DiagnosticLog()
        let finishes = refuseExpansion(
          root, keyPath: .root, file: file, depth: 0, budget: &remaining, log: scratch, memo: &memo)
        if !finishes {
          for diagnostic in scratch.diagnostics { log.record(diagnostic) }
          return nil
        }
      }
    }
    var remaining = budget
    return convert(root, keyPath: .root, file: file, depth: 0, budget: &remaining, log: log)
  }

  /// Finds nesting deeper than `maxDepth` in the raw text (flow brackets, block indentation and
  /// compact `- - -` lists), so that deep documents never reach a recursive parser.
  static func scanNesting(_ text: String) -> (line: Int, message: String)? {
    let limit = Limits.maxDepth
    let maxIndentation = 2 * limit
    var flowDepth = 0
    var line = 1
    var atLineStart = true
    var indentation = 0
    var quote: UInt8? = nil
    var escaped = false
    var inComment = false
    // A quote opens a quoted scalar only where a token can start (not inside `it's`).
    var previous: UInt8 = UInt8(ascii: " ")
    let tokenStarts: Set<UInt8> = Set(" \t[{,:-?".utf8)
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\n") {
        line += 1
        atLineStart = true
        indentation = 0
        inComment = false
        previous = UInt8(ascii: " ")
        continue
      }
      if let open = quote {
        if escaped {
          escaped = false
        } else if open == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == open {
          quote = nil
        }
        continue
      }
      if inComment { continue }
      if atLineStart {
        if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
          indentation += 1
          if indentation > maxIndentation {
            return (
              line, "nesting is too deep (a line is indented more than \(maxIndentation) columns)"
            )
          }
          previous = byte
          continue
        }
        atLineStart = false
      }
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if tokenStarts.contains(previous) { quote = byte }
      case UInt8(ascii: "#"):
        if previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") { inComment = true }
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        flowDepth += 1
        if flowDepth > limit { return (line, "nesting is deeper than \(limit) levels") }
      case UInt8(ascii: "]"), UInt8(ascii: "}"): flowDepth = max(0, flowDepth - 1)
      default: break
      }
      previous = byte
    }
    return nil
  }

  static func location(_ mark: Mark?, file: String) -> SourceLocation {
    SourceLocation(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0)
  }

  /// Counts `node` against the value budget and checks its depth, reporting the first value
  /// past the budget (once) or a node too deep; false when the walk must stop there.
  static func admit(
    _ node: Node, keyPath: KeyPath, file: String, depth: Int, budget: inout Int, log: DiagnosticLog
  ) -> Bool {
    budget -= 1
    guard budget >= 0 else {
      if budget == -1 {
        log.error(tooManyValues, keyPath: keyPath, location: location(node.mark, file: file))
      }
      return false
    }
    guard depth <= Limits.maxDepth else {
      log.error(tooDeep, keyPath: keyPath, location: location(node.mark, file: file))
      return false
    }
    return true
  }

  static func convert(
    _ node: Node, keyPath: KeyPath, file: String, depth: Int, budget: inout Int, log: DiagnosticLog
  ) -> DocumentNode? {
    guard admit(node, keyPath: keyPath, file: file, depth: depth, budget: &budget, log: log)
    else { return nil }
    let here = location(node.mark, file: file)
    switch node {
    case .scalar(let scalar):
      if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
        return DocumentNode(value: .null, keyPath: keyPath, location: here)
      }
      return DocumentNode(
        value: .scalar(scalar.string, quoted: scalar.style != .plain), keyPath: keyPath,
        location: here)
    case .sequence(let sequence):
      var items: [DocumentNode] = []
      items.reserveCapacity(sequence.count)
      for (index, item) in sequence.enumerated() {
        guard
          let child = convert(
            item, keyPath: keyPath.appending(index: index), file: file, depth: depth + 1,
            budget: &budget, log: log)
        else { return nil }
        items.append(child)
      }
      return DocumentNode(value: .sequence(items), keyPath: keyPath, location: here)
    case .mapping(let mapping):
      var entries: [DocumentNode.Entry] = []
      var seen = Set<String>()
      for (keyNode, valueNode) in mapping {
        guard case .scalar(let keyScalar) = keyNode else {
          log.error(
            notPlainKey, keyPath: keyPath, location: location(keyNode.mark, file: file))
          return nil
        }
        let key = keyScalar.string
        let keyLocation = location(keyNode.mark, file: file)
        guard seen.insert(key).inserted else {
          log.error(duplicateKey(key), keyPath: keyPath.appending(key), location: keyLocation)
          continue
        }
        guard
          let child = convert(
            valueNode, keyPath: keyPath.appending(key), file: file, depth: depth + 1,
            budget: &budget, log: log)
        else { return nil }
        entries.append(DocumentNode.Entry(key: key, keyLocation: keyLocation, node: child))
      }
      return DocumentNode(value: .mapping(entries), keyPath: keyPath, location: here)
    case .alias(let alias):
      log.error(unresolvedAlias(alias), keyPath: keyPath, location: here)
      return nil
    }
  }

  static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
    func at(_ mark: Mark?, _ message: String) -> Diagnostic {
      Diagnostic(location: location(mark, file: file), keyPath: .root, message: message)
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let detail = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
      return at(mark, "invalid YAML: \(problem)\(detail)")
    case .reader(let problem, let offset, _, _):
      return at(nil, "cannot read as text: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return at(
        context.mark,
        "duplicate key \(names) in one mapping (each key may appear once; remove one of them)")
    default:
      return at(nil, "invalid YAML: \(error)")
    }
  }
}
