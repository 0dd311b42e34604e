import Foundation

/// One parameter a sweep varies: a scenario key path and the values it may take.
public struct ParameterSpec: Sendable, Hashable {
  /// Where the values come from.
  public enum Domain: Sendable, Hashable {
    /// An explicit list (`key=1,2,4`). Grids use it as is; sampling designs pick an element
    /// uniformly (element ⌊u·count⌋ for u in [0, 1)).
    case values([Double])
    /// A closed range (`key=0.5..2.0:7` or `key=0.5..2.0`). Grids need `count` and use
    /// `count` evenly spaced values including both ends; sampling designs map u in [0, 1) to
    /// `lower + u · (upper − lower)` and ignore `count`.
    case range(lower: Double, upper: Double, count: Int?)
  }

  public let keyPath: String
  public let domain: Domain

  public init(keyPath: String, domain: Domain) {
    self.keyPath = keyPath
    self.domain = domain
  }

  /// The grid values of this parameter, or nil for a range without a count.
  public var gridValues: [Double]? {
    switch domain {
    case .values(let values): return values
    case .range(let lower, let upper, let count):
      guard let count else { return nil }
      if count == 1 { return [lower] }
      return (0..<count).map { i in
        i == count - 1 ? upper : lower + (upper - lower) * Double(i) / Double(count - 1)
      }
    }
  }

  /// The value a sampling design assigns to the unit coordinate `u` in [0, 1).
  public func value(atUnit u: Double) -> Double {
    switch domain {
    case .values(let values):
      return values[min(Int(u * Double(values.count)), values.count - 1)]
    case .range(let lower, let upper, _):
      return lower + u * (upper - lower)
    }
  }

  /// A canonical text form (`key=1,2,4` or `key=0.5..2:7`), used in plan hashes and reports.
  public var canonicalText: String {
    switch domain {
    case .values(let values):
      return keyPath + "=" + values.map(Self.format).joined(separator: ",")
    case .range(let lower, let upper, let count):
      let base = "\(keyPath)=\(Self.format(lower))..\(Self.format(upper))"
      return count.map { base + ":\($0)" } ?? base
    }
  }

  /// Shortest round-tripping decimal form of a double (Swift's `description`).
  static func format(_ value: Double) -> String {
    "\(value)"
  }
}
