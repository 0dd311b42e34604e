// libyaml, which Yams is built on and whose module it ships, for its events.
internal import CYaml
import Foundation
import Yams

/// Alias bombs ("billion laughs") refused in time proportional to the text, not to what the
/// aliases expand to.
///
/// Yams resolves an alias to a copy of its anchor's node, so a composed tree shares its repeated
/// parts and stays as small as the text; only walking it costs what it expands to. Two walks would:
/// Yams's own check for duplicate keys, which hashes every mapping key whole (a key that is an
/// alias of a nine-times-nested list would take for ever), and `convert`, which builds one
/// `DocumentNode` per value and would build up to its whole budget of values before refusing.
/// `aliasedKeysProblem` reads libyaml's events (the library Yams is built on) before Yams composes
/// anything and refuses keys that expand too far; `expansion(of:memo:)` counts what every part of
/// a composed tree expands to, once per anchor, and `refuseExpansion` finds the value where
/// `convert` would run out of budget without building anything.
extension Document {
  /// What one node of a composed tree expands to, as `convert` walks it.
  struct Expansion {
    /// Values `convert` would build, the node included (saturating at `Expansion.saturation`).
    var values: Int
    /// Levels below the node (0 for a scalar or an empty collection), saturating likewise.
    var height: Int
    /// Whether `convert` would build it without a diagnostic (every key a scalar, none twice).
    var clean: Bool
    /// Whether `convert` would stop in it (a key that is not a scalar, an unresolved alias).
    var fatal: Bool
    /// Children of the node, to check that a memoised entry describes the same node.
    var count: Int

    /// Bound of the counts, far above every budget and far from overflow.
    static let saturation = 1 << 60

    static func sum(_ a: Int, _ b: Int) -> Int { min(a + b, saturation) }
  }

  /// Expansions of the collections of one composed tree, by the identity of their `Tag`: Yams
  /// creates one `Tag` object per node it parses, and an alias copies its anchor's node with it.
  struct ExpansionMemo {
    var expansions: [ObjectIdentifier: Expansion] = [:]
    /// Collections that `refuseExpansion` has walked, their diagnostics recorded (or the walk
    /// stopped, and the parse with it): a copy of one would record the same diagnostics at the
    /// same places, which the log drops.
    var walked = Set<ObjectIdentifier>()
  }

  /// The identity of a collection (nil for a scalar or an alias).
  static func identity(_ node: Node) -> ObjectIdentifier? {
    switch node {
    case .sequence(let sequence): ObjectIdentifier(sequence.tag)
    case .mapping(let mapping): ObjectIdentifier(mapping.tag)
    case .scalar, .alias: nil
    }
  }

  /// Counts what `node` expands to, each anchored part once. The recursion follows the text: an
  /// alias comes after its anchor, whose expansion the walk has then counted already.
  static func expansion(of node: Node, memo: inout ExpansionMemo) -> Expansion {
    let id: ObjectIdentifier
    let count: Int
    switch node {
    case .scalar: return Expansion(values: 1, height: 0, clean: true, fatal: false, count: 0)
    case .alias: return Expansion(values: 1, height: 0, clean: false, fatal: true, count: 0)
    case .sequence(let sequence): (id, count) = (ObjectIdentifier(sequence.tag), sequence.count)
    case .mapping(let mapping): (id, count) = (ObjectIdentifier(mapping.tag), mapping.count)
    }
    if let known = memo.expansions[id], known.count == count { return known }
    var result = Expansion(values: 1, height: 0, clean: true, fatal: false, count: count)
    func add(_ child: Node) {
      let part = expansion(of: child, memo: &memo)
      result.values = Expansion.sum(result.values, part.values)
      result.height = max(result.height, Expansion.sum(part.height, 1))
      result.clean = result.clean && part.clean
      result.fatal = result.fatal || part.fatal
    }
    switch node {
    case .sequence(let sequence):
      for item in sequence { add(item) }
    case .mapping(let mapping):
      var seen = Set<String>()
      for (key, value) in mapping {
        // `convert` stops at a key that is not a scalar and skips the value of a repeated key.
        guard case .scalar(let scalar) = key else {
          result.clean = false
          result.fatal = true
          break
        }
        guard seen.insert(scalar.string).inserted else {
          result.clean = false
          continue
        }
        add(value)
      }
    case .scalar, .alias: break
    }
    memo.expansions[id] = result
    return result
  }

  /// Walks `node` as `convert` does, with the same budget and the same diagnostics, but builds
  /// nothing and steps over every part that fits the remaining budget and depth and that holds
  /// nothing `convert` would report, or only what a walk of the same part reported already.
  /// Returns false after a diagnostic that stops `convert` (too many values, too deep, a key
  /// that is not a scalar), true if `convert` would finish.
  static func refuseExpansion(
    _ node: Node, keyPath: KeyPath, file: String, depth: Int, budget: inout Int,
    log: DiagnosticLog, memo: inout ExpansionMemo
  ) -> Bool {
    guard admit(node, keyPath: keyPath, file: file, depth: depth, budget: &budget, log: log)
    else { return false }
    /// Steps over `child` when `convert` would build all of it without reaching a limit.
    func skipped(_ child: Node) -> Bool {
      let part = expansion(of: child, memo: &memo)
      let reported = !part.fatal && identity(child).map { memo.walked.contains($0) } == true
      guard part.clean || reported, part.values <= budget,
        depth + 1 + part.height <= Limits.maxDepth
      else { return false }
      budget -= part.values
      return true
    }
    defer { if let id = identity(node) { memo.walked.insert(id) } }
    switch node {
    case .scalar:
      return true
    case .sequence(let sequence):
      for (index, item) in sequence.enumerated() where !skipped(item) {
        guard
          refuseExpansion(
            item, keyPath: keyPath.appending(index: index), file: file, depth: depth + 1,
            budget: &budget, log: log, memo: &memo)
        else { return false }
      }
      return true
    case .mapping(let mapping):
      var seen = Set<String>()
      for (keyNode, valueNode) in mapping {
        guard case .scalar(let keyScalar) = keyNode else {
          log.error(notPlainKey, keyPath: keyPath, location: location(keyNode.mark, file: file))
          return false
        }
        let key = keyScalar.string
        guard seen.insert(key).inserted else {
          log.error(
            duplicateKey(key), keyPath: keyPath.appending(key),
            location: location(keyNode.mark, file: file))
          continue
        }
        guard !skipped(valueNode) else { continue }
        guard
          refuseExpansion(
            valueNode, keyPath: keyPath.appending(key), file: file, depth: depth + 1,
            budget: &budget, log: log, memo: &memo)
        else { return false }
      }
      return true
    case .alias(let alias):
      log.error(unresolvedAlias(alias), keyPath: keyPath, location: location(node.mark, file: file))
      return false
    }
  }

  // MARK: - Keys, before composing

  /// Finds, in libyaml's events for `text`, the first mapping key that is not a scalar once the
  /// keys before it expand, through aliases, to more than `limit` values in all: Yams hashes every
  /// key whole while it composes, and `convert` would refuse such a key anyway. Nil when there is
  /// none, and also when the text is not valid YAML (Yams then reports where).
  static func aliasedKeysProblem(_ text: String, file: String, limit: Int) -> Diagnostic? {
    var text = text
    return text.withUTF8 { bytes in
      var scan = KeyScan(file: file, limit: limit)
      var parser = yaml_parser_t()
      guard yaml_parser_initialize(&parser) == 1 else { return nil }
      defer { yaml_parser_delete(&parser) }
      yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
      yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
      var event = yaml_event_t()
      while yaml_parser_parse(&parser, &event) == 1 {
        defer { yaml_event_delete(&event) }
        if event.type == YAML_STREAM_END_EVENT { return nil }
        if let problem = scan.read(event) { return problem }
      }
      return nil
    }
  }

  /// The state of `aliasedKeysProblem` while it reads events.
  private struct KeyScan {
    /// A collection being read.
    struct Open {
      var isMapping: Bool
      var anchor: String?
      var keyPath: KeyPath
      /// Nodes in its expansion so far, keys included (what hashing it touches).
      var nodes = 1
      /// Next index of a sequence.
      var index = 0
      /// Whether a mapping's next node is a key, and the last key read.
      var expectingKey = true
      var key = ""
    }

    let file: String
    let limit: Int
    var open: [Open] = []
    /// Nodes each anchor expands to, and whether it is a scalar.
    var anchors: [String: (nodes: Int, scalar: Bool)] = [:]
    /// Nodes of all mapping keys read so far.
    var keyNodes = 0

    init(file: String, limit: Int) {
      self.file = file
      self.limit = limit
    }

    mutating func read(_ event: yaml_event_t) -> Diagnostic? {
      let mark = SourceLocation(
        file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
      switch event.type {
      case YAML_SCALAR_EVENT:
        let value = Self.string(event.data.scalar.value, length: event.data.scalar.length) ?? ""
        if let anchor = Self.string(event.data.scalar.anchor) { anchors[anchor] = (1, true) }
        return finished(nodes: 1, scalar: true, text: value, at: mark)
      case YAML_ALIAS_EVENT:
        let known = Self.string(event.data.alias.anchor).flatMap { anchors[$0] } ?? (1, true)
        return finished(nodes: known.nodes, scalar: known.scalar, text: "", at: mark)
      case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
        let isMapping = event.type == YAML_MAPPING_START_EVENT
        let anchor = Self.string(
          isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
        open.append(Open(isMapping: isMapping, anchor: anchor, keyPath: childKeyPath()))
        return nil
      case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
        guard let closed = open.popLast() else { return nil }
        if let anchor = closed.anchor { anchors[anchor] = (closed.nodes, false) }
        return finished(nodes: closed.nodes, scalar: false, text: "", at: mark)
      default:
        return nil
      }
    }

    /// The key path of a collection that starts now.
    func childKeyPath() -> KeyPath {
      guard let parent = open.last else { return .root }
      if !parent.isMapping { return parent.keyPath.appending(index: parent.index) }
      return parent.expectingKey ? parent.keyPath : parent.keyPath.appending(parent.key)
    }

    /// Accounts for a node just read in the collection that holds it.
    mutating func finished(nodes: Int, scalar: Bool, text: String, at mark: SourceLocation)
      -> Diagnostic?
    {
      guard var parent = open.popLast() else { return nil }
      defer { open.append(parent) }
      parent.nodes = Expansion.sum(parent.nodes, nodes)
      guard parent.isMapping else {
        parent.index += 1
        return nil
      }
      let isKey = parent.expectingKey
      parent.expectingKey.toggle()
      guard isKey else { return nil }
      parent.key = text
      keyNodes = Expansion.sum(keyNodes, nodes)
      guard !scalar, keyNodes > limit else { return nil }
      return Diagnostic(location: mark, keyPath: parent.keyPath, message: notPlainKey)
    }

    static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil)
      -> String?
    {
      guard let pointer else { return nil }
      let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
      return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }
  }

  // MARK: - Messages shared with `convert`

  static let tooManyValues =
    "the document expands to too many values (aliases expanding it many times over?)"
  static let tooDeep = "nesting is deeper than \(Limits.maxDepth) levels"
  static let notPlainKey = "mapping keys must be plain names"
  static func duplicateKey(_ key: String) -> String { "duplicate key '\(key)'" }
  static func unresolvedAlias(_ alias: Node.Alias) -> String {
    "unresolved alias '\(alias.anchor)'"
  }
}
