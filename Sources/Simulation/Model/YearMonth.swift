/// A calendar month, stored as months since January of year 0 so that arithmetic is plain integers.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// `year * 12 + (month - 1)`.
  public let index: Int

  /// - Parameters: year (e.g. 2026) and month 1...12.
  public init(year: Int, month: Int) {
    index = year * 12 + (month - 1)
  }

  public init(index: Int) {
    self.index = index
  }

  /// Parses "YYYY-MM"; `nil` for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
    else { return nil }
    self.init(year: year, month: month)
  }

  public var year: Int { index >= 0 ? index / 12 : (index - 11) / 12 }
  public var month: Int { index - year * 12 + 1 }

  /// "YYYY-MM".
  public var description: String {
    let m = month < 10 ? "0\(month)" : "\(month)"
    return "\(year)-\(m)"
  }

  public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }

  /// The month `months` later (earlier when negative).
  public func adding(months: Int) -> YearMonth { YearMonth(index: index + months) }
}
