/// The period part of an outcome name: a month (`2026-04`), a half year (`2026-H2`: July to
/// December) or a calendar year (`2026`).
public enum OutcomePeriod: Sendable, Hashable, CustomStringConvertible {
  /// "YYYY-MM".
  case month(String)
  /// "YYYY-H1" (January to June) or "YYYY-H2" (July to December).
  case half(String)
  /// "YYYY".
  case year(String)

  /// Parses "YYYY", "YYYY-H1", "YYYY-H2" or "YYYY-MM" (month 01...12).
  public init?(_ text: String) {
    let digits = text.utf8.map { $0 >= 48 && $0 <= 57 }
    if text.utf8.count == 4, digits.allSatisfy({ $0 }) {
      self = .year(text)
    } else if text.utf8.count == 7, digits.prefix(4).allSatisfy({ $0 }),
      text.hasSuffix("-H1") || text.hasSuffix("-H2")
    {
      self = .half(text)
    } else if text.utf8.count == 7, Array(text.utf8)[4] == UInt8(ascii: "-"),
      digits.enumerated().allSatisfy({ $0.offset == 4 || $0.element }),
      let month = Int(text.suffix(2)), (1...12).contains(month)
    {
      self = .month(text)
    } else {
      return nil
    }
  }

  public var description: String {
    switch self {
    case .month(let text), .half(let text), .year(let text): text
    }
  }
}

/// A typed outcome name, `kind.entity.period` (`share.anthropic.2026`, `hhi.2026`).
///
/// Parsed once where names come in (command-line options, sweep databases, the calibration
/// table) and printed back identically by `description`.
public struct OutcomeName: Sendable, Hashable, CustomStringConvertible {
  public let kind: OutcomeKind
  /// `nil` for kinds without an entity (`hhi`). May contain dots.
  public let entity: String?
  public let period: OutcomePeriod

  public init(_ kind: OutcomeKind, _ entity: String?, _ period: OutcomePeriod) {
    self.kind = kind
    self.entity = entity
    self.period = period
  }

  /// Parses `kind.entity.period`; the error says which part is wrong.
  public init(parsing text: String) throws(OutcomeNameError) {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard parts.count >= 2 else { throw .malformed(text) }
    guard let kind = OutcomeKind.named(parts[0]) else {
      throw .unknownKind(text, parts[0])
    }
    guard let period = OutcomePeriod(parts[parts.count - 1]) else {
      throw .badPeriod(text, parts[parts.count - 1])
    }
    let entity = parts.dropFirst().dropLast().joined(separator: ".")
    switch (kind.entity, entity.isEmpty) {
    case (.none, false): throw .unexpectedEntity(text, kind)
    case (.none, true): self.init(kind, nil, period)
    case (_, true): throw .missingEntity(text, kind)
    case (_, false): self.init(kind, entity, period)
    }
  }

  public var description: String {
    if let entity { "\(kind.name).\(entity).\(period)" } else { "\(kind.name).\(period)" }
  }
}

/// Why text is not an outcome name.
public enum OutcomeNameError: Error, Sendable, CustomStringConvertible {
  case malformed(String)
  case unknownKind(String, String)
  case badPeriod(String, String)
  case missingEntity(String, OutcomeKind)
  case unexpectedEntity(String, OutcomeKind)

  public var description: String {
    switch self {
    case .malformed(let text):
      "'\(text)' is not an outcome name (expected kind.entity.period, e.g. share.anthropic.2026)"
    case .unknownKind(let text, let kind):
      "'\(text)': unknown outcome kind '\(kind)' (kinds: "
        + OutcomeKind.all.map(\.name).joined(separator: ", ") + ")"
    case .badPeriod(let text, let period):
      "'\(text)': '\(period)' is not a period (expected a year YYYY, a half year YYYY-H1 or YYYY-H2, or a month YYYY-MM)"
    case .missingEntity(let text, let kind):
      "'\(text)': \(kind.name) needs a \(kind.entity.rawValue) between kind and period"
    case .unexpectedEntity(let text, let kind):
      "'\(text)': \(kind.name) takes no entity (e.g. \(kind.name).2026)"
    }
  }
}
