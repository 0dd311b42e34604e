import LocatedYAML

extension SweepFile {
  /// The keys of a `{low, high, count}` range.
  static let rangeKeys = ["low", "high", "count"]

  /// The `vary` mapping: parameter key paths to a range text, a list or a `{low, high, count}`
  /// mapping. Every parameter is read, so that all their problems are reported together.
  static func parameters(_ vary: DocumentNode, log: DiagnosticLog) -> [ParameterSpec]? {
    guard case .mapping(let entries) = vary.value, !entries.isEmpty else {
      let got = vary.value.isEmptyMapping ? "an empty mapping" : vary.kindDescription
      log.error(
        "expected a mapping from parameter key paths to values or ranges, got \(got)", at: vary)
      return nil
    }
    let parameters = entries.map { parameter($0.key, $0.node, log: log) }
    return parameters.contains { $0 == nil } ? nil : parameters.compactMap { $0 }
  }

  private static func parameter(_ name: String, _ node: DocumentNode, log: DiagnosticLog)
    -> ParameterSpec?
  {
    switch node.value {
    case .scalar(let text, _):
      do {
        return try VarySyntax.parse("\(name)=\(text)")
      } catch {
        log.error(
          "expected V1,V2,... or LOW..HIGH[:COUNT] (numbers; COUNT a positive integer), "
            + "got \(node.kindDescription)", at: node)
        return nil
      }
    case .sequence(let items):
      let values = items.map { $0.number(log) }
      guard !values.contains(where: { $0 == nil }) else { return nil }
      return ParameterSpec(keyPath: name, domain: .values(values.compactMap { $0 }))
    case .mapping:
      guard let range = node.mapping(log, allowedKeys: rangeKeys) else { return nil }
      let low = range.required("low")?.number(log)
      let high = range.required("high")?.number(log)
      let count = range.optional("count").map { $0.integer(log, min: 1) }
      guard let low, let high, count != .some(nil) else { return nil }
      return ParameterSpec(
        keyPath: name, domain: .range(lower: low, upper: high, count: count ?? nil))
    case .null:
      log.error("expected a list, a range text or a {low, high, count} mapping, got null", at: node)
      return nil
    }
  }
}

extension DocumentNode.Value {
  fileprivate var isEmptyMapping: Bool {
    if case .mapping(let entries) = self { return entries.isEmpty }
    return false
  }
}
