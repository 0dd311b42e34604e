/// What the entity part of an outcome name refers to.
public enum OutcomeEntity: String, Sendable, CaseIterable {
  case chip = "chip"
  case provider = "provider"
  case providerOrWorld = "provider or `world`"
  case providerKind = "provider kind"
  case chipOrVendor = "chip or vendor"
  case vendor = "vendor"
  /// A region that some provider is in (`china`, `us`).
  case region = "region"
  case buyerOrGenerator = "buyer or generator"
  /// A named buyer (generated buyers hold no sited contracts).
  case namedBuyer = "named buyer"
  /// A chip and a contract tenor in months: `h100.12`.
  case chipAndTenor = "chip and tenor in months (`h100.12`)"
  /// A buyer and a provider: `anthropic.coreweave`.
  case buyerAndProvider =
    "buyer and provider (`anthropic.coreweave`; `anthropic.all`: every provider)"
  /// No entity part: `hhi.2026`.
  case none = "(none: `hhi.2026`)"
}

/// How an outcome turns the steps of its period (a month, or every step of a year) into one
/// value. Every kind accepts a month (`2026-04`) or a year (`2026`).
public enum OutcomeAggregation: String, Sendable {
  /// A stock, read at the period's last step.
  case lastStep = "at the period's last month"
  /// A flow, summed over the period.
  case sum = "summed over the period"
  /// A price, averaged over the period's traded months.
  case mean = "mean over traded months"
  /// A ratio of flows summed over the period.
  case ratioOfSums = "from sums over the period"
  /// From the month-to-month changes within the period.
  case logChanges = "from monthly changes within the period"
  /// A stock's largest value over the period.
  case largest = "largest over the period"
  /// A price or rate averaged over the period's months (months without a value skipped).
  case monthMean = "mean over the period's months"
}

/// One kind of named outcome (`price`, `share`, ...): its unit, what its entity and period
/// are, a doc line, and how a run's series give its value.
///
/// Every kind is declared once, as a static constant in `OutcomeKind+Catalog.swift`, and listed
/// in `OutcomeKind.all`; parsing, `docs/model.md`'s table and evaluation all read that
/// declaration.
public struct OutcomeKind: Sendable, Hashable, CustomStringConvertible {
  /// The first part of an outcome name.
  public let name: String
  public let unit: String
  public let entity: OutcomeEntity
  public let aggregation: OutcomeAggregation
  /// One line for the docs: what the value is.
  public let doc: String
  /// The value for an entity (`nil` when the kind has none) over the selected steps.
  let evaluate: @Sendable (RunResult, _ entity: String?, _ steps: [Int]) -> Double?

  init(
    _ name: String, unit: String, entity: OutcomeEntity, aggregation: OutcomeAggregation,
    doc: String,
    evaluate: @escaping @Sendable (RunResult, String?, [Int]) -> Double?
  ) {
    self.name = name
    self.unit = unit
    self.entity = entity
    self.aggregation = aggregation
    self.doc = doc
    self.evaluate = evaluate
  }

  public var description: String { name }
  public static func == (a: Self, b: Self) -> Bool { a.name == b.name }
  public func hash(into hasher: inout Hasher) { hasher.combine(name) }

  /// The kind called `name`, if any.
  public static func named(_ name: String) -> OutcomeKind? { byName[name] }

  private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
