/// A dated shock or deal. Multipliers and bans last `months` months from `at` (`nil`: to the end).
public struct Event: Sendable, Equatable {
  public var at: YearMonth
  public var months: Int?
  public var kind: EventKind
  /// Free text shown in reports.
  public var note: String

  public init(at: YearMonth, months: Int? = nil, kind: EventKind, note: String = "") {
    self.at = at
    self.months = months
    self.kind = kind
    self.note = note
  }

  /// Whether the event is in force in `month`.
  public func isActive(in month: YearMonth) -> Bool {
    guard month >= at else { return false }
    guard let months else { return true }
    return month.index < at.index + months
  }
}

/// What an event does.
public enum EventKind: Sendable, Equatable {
  /// Multiplies chip output (of one input, vendor or chip, or all) by `factor` ≥ 0.
  case supplyMultiplier(target: SupplyTarget, factor: Double)
  /// Multiplies the budget of one buyer (`nil`: every buyer) by `factor` ≥ 0.
  case demandMultiplier(buyer: String?, factor: Double)
  /// Providers in `region` receive none of the listed chips (empty list: every chip); with
  /// `cloud`, buyers in `region` also cannot rent GPU-hours of them from providers elsewhere.
  /// With `leakage` λ > 0, the share λ of each step's output of a banned merchant chip still
  /// reaches the region's providers (smuggled), at `(1 + markup)` times the vendor's price.
  case exportBan(
    region: String, chips: [String], cloud: Bool, leakage: Double = 0, markup: Double = 0)
  /// Spot GPU-hours of `chip` sell for at most this price (never below the reserve price).
  case priceCap(chip: String, usdPerGPUHour: Double)
  /// Moves a chip's first month `months` later (negative: earlier), whatever the event's date.
  case chipDelay(chip: String, months: Int)
  /// A site whose power counts from the event's month.
  case newSite(Site)
  /// Moves a site's power path `months` later (negative: earlier), whatever the event's date:
  /// the site has in month t the power its path gives for t − months.
  case siteDelay(site: String, months: Int)
  /// A contract signed at the event's month (its own start and length apply).
  case newContract(Contract)
}

/// What a supply multiplier applies to.
public enum SupplyTarget: Sendable, Equatable {
  case all
  case input(String)
  case vendor(String)
  case chip(String)
}
