import Foundation

/// What a number must satisfy.
public enum NumberRule: Sendable {
  /// Any finite number.
  case finite
  /// ≥ 0.
  case nonNegative
  /// > 0.
  case positive
  /// ≥ the bound.
  case atLeast(Double)
  /// In [0, 1].
  case fraction
  /// In the closed range.
  case range(ClosedRange<Double>)

  /// Whether `x` satisfies the rule.
  public func accepts(_ x: Double) -> Bool {
    switch self {
    case .finite: return true
    case .nonNegative: return x >= 0
    case .positive: return x > 0
    case .atLeast(let bound): return x >= bound
    case .fraction: return (0...1).contains(x)
    case .range(let range): return range.contains(x)
    }
  }

  public var expectation: String {
    switch self {
    case .finite: return "a finite number"
    case .nonNegative: return "a number >= 0"
    case .positive: return "a number > 0"
    case .atLeast(let bound): return "a number >= \(bound.compactDescription)"
    case .fraction: return "a fraction between 0 and 1"
    case .range(let range):
      return
        "a number between \(range.lowerBound.compactDescription) and \(range.upperBound.compactDescription)"
    }
  }
}

extension Double {
  /// `3` rather than `3.0`; otherwise Swift's shortest round-trip form.
  var compactDescription: String {
    if self == rounded(), abs(self) < 1e15 { return String(Int(self)) }
    return "\(self)"
  }
}

/// Reads the entries of a mapping whose keys are fixed field names.
public struct MappingReader {
  public let node: DocumentNode
  let log: DiagnosticLog

  /// The value of `key`, or nil (recording an error) when it is missing or null.
  public func required(_ key: String) -> DocumentNode? {
    guard let value = node[key], !value.isNull else {
      log.error("missing required key '\(key)'", at: node)
      return nil
    }
    return value
  }

  /// The value of `key`, or nil when it is absent or null.
  public func optional(_ key: String) -> DocumentNode? {
    guard let value = node[key], !value.isNull else { return nil }
    return value
  }

  /// Whether `key` is present (even as null).
  public func contains(_ key: String) -> Bool { node[key] != nil }
}

extension DocumentNode {
  /// Reads this node as a mapping with the given field names; unknown keys are errors with the
  /// nearest valid name as a hint. Nil (with an error) when this is not a mapping.
  public func mapping(_ log: DiagnosticLog, allowedKeys: [String]) -> MappingReader? {
    guard case .mapping(let entries) = value else {
      log.error("expected a mapping, got \(kindDescription)", at: self)
      return nil
    }
    for entry in entries where !allowedKeys.contains(entry.key) {
      log.error(
        "unknown key '\(entry.key)'", keyPath: entry.node.keyPath, location: entry.keyLocation,
        hint: NameSuggestion.hint(for: entry.key, among: allowedKeys)
          ?? "expected one of: \(allowedKeys.joined(separator: ", "))")
    }
    return MappingReader(node: self, log: log)
  }

  /// Reads this node as a mapping keyed by ids (document order kept); nil with an error otherwise.
  public func entries(_ log: DiagnosticLog) -> [(key: String, node: DocumentNode)]? {
    switch value {
    case .mapping(let entries): return entries.map { ($0.key, $0.node) }
    case .null: return []
    default:
      log.error("expected a mapping of ids to values, got \(kindDescription)", at: self)
      return nil
    }
  }

  /// Reads this node as a list; nil with an error otherwise.
  public func sequence(_ log: DiagnosticLog) -> [DocumentNode]? {
    switch value {
    case .sequence(let items): return items
    case .null: return []
    default:
      log.error("expected a list, got \(kindDescription)", at: self)
      return nil
    }
  }

  /// Reads an unquoted number satisfying `rule`; nil with an error otherwise.
  ///
  /// Numbers too large for a double (`1e400`) and `nan`/`inf` spellings are errors, not infinities.
  public func number(_ log: DiagnosticLog, _ rule: NumberRule = .finite) -> Double? {
    guard case .scalar(let text, let quoted) = value, !quoted,
      let x = Double(text.replacingOccurrences(of: "_", with: "")),
      text.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true
    else {
      log.error("expected \(rule.expectation), got \(kindDescription)", at: self)
      return nil
    }
    guard x.isFinite else {
      log.error(
        "expected \(rule.expectation), got \(text) (out of the range of a double)", at: self)
      return nil
    }
    guard rule.accepts(x) else {
      log.error("expected \(rule.expectation), got \(text)", at: self)
      return nil
    }
    return x
  }

  /// Reads an unquoted integer, optionally with a lower bound.
  public func integer(_ log: DiagnosticLog, min: Int? = nil, max: Int? = nil) -> Int? {
    let expectation =
      switch (min, max) {
      case (let lo?, let hi?): "an integer between \(lo) and \(hi)"
      case (let lo?, nil): "an integer >= \(lo)"
      case (nil, let hi?): "an integer <= \(hi)"
      default: "an integer"
      }
    guard case .scalar(let text, let quoted) = value, !quoted, let n = Int(text) else {
      log.error("expected \(expectation), got \(kindDescription)", at: self)
      return nil
    }
    if let min, n < min {
      log.error("expected \(expectation), got \(n)", at: self)
      return nil
    }
    if let max, n > max {
      log.error("expected \(expectation), got \(n)", at: self)
      return nil
    }
    return n
  }

  /// Reads an unquoted integer from 0 to 2^64 - 1 (a seed: the command line's `--seed` takes the
  /// same range).
  public func unsignedInteger(_ log: DiagnosticLog) -> UInt64? {
    guard case .scalar(let text, let quoted) = value, !quoted, let n = UInt64(text) else {
      log.error("expected an integer from 0 to \(UInt64.max), got \(kindDescription)", at: self)
      return nil
    }
    return n
  }

  /// Reads a string (quoted or plain scalar).
  public func string(_ log: DiagnosticLog) -> String? {
    guard case .scalar(let text, _) = value else {
      log.error("expected a string, got \(kindDescription)", at: self)
      return nil
    }
    return text
  }

  /// Reads `true` or `false`.
  public func bool(_ log: DiagnosticLog) -> Bool? {
    if case .scalar(let text, false) = value {
      switch text {
      case "true", "True", "TRUE": return true
      case "false", "False", "FALSE": return false
      default: break
      }
    }
    log.error("expected true or false, got \(kindDescription)", at: self)
    return nil
  }

  /// Reads one of a fixed set of words, with a hint for near misses.
  public func choice(_ log: DiagnosticLog, among options: [String]) -> String? {
    guard case .scalar(let text, _) = value, options.contains(text) else {
      let given = if case .scalar(let text, _) = value { text } else { "" }
      log.error(
        "expected one of \(options.joined(separator: ", ")), got \(kindDescription)", at: self,
        hint: NameSuggestion.hint(for: given, among: options))
      return nil
    }
    return text
  }

  /// Years a month may have: four digits, so that every month prints as `YYYY-MM`.
  public static let years = 1000...9999

  /// Reads a month written `YYYY-MM`, with a year in `years`.
  public func yearMonth(_ log: DiagnosticLog) -> (year: Int, month: Int)? {
    if case .scalar(let text, _) = value, let parsed = Self.parseYearMonth(text) { return parsed }
    log.error(
      "expected a month written YYYY-MM with a year from \(Self.years.lowerBound) to "
        + "\(Self.years.upperBound) (e.g. 2026-05), got \(kindDescription)", at: self)
    return nil
  }

  /// Parses `YYYY-MM`: four digits for a year in `years`, two for a month in 1...12.
  public static func parseYearMonth(_ text: String) -> (year: Int, month: Int)? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
      parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
      let year = Int(parts[0]), let month = Int(parts[1]), years.contains(year),
      (1...12).contains(month)
    else { return nil }
    return (year, month)
  }
}
