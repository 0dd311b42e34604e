/// A data centre: its grid power over time limits how many chips its owner can install.
///
/// Chips of kind `c` fit while `Σ_c n_c · kWPerChip_c · pue ≤ 1000 · powerMW(t)`.
public struct Site: Sendable, Equatable {
  public var id: String
  /// The owner (a `Provider.id`).
  public var provider: String
  /// Grid power available, MW (build-out as a dated path; 0 before the site opens).
  public var powerMW: DatedPath
  /// Power usage effectiveness (facility power / IT power), ≥ 1.
  public var pue: Double
  /// Whether the site's chips share one network (a block a training run can use).
  public var interconnect: Interconnect

  /// How a site's chips are connected.
  public enum Interconnect: String, Sendable, CaseIterable {
    /// One campus: its chips can run one job, so they make a block.
    case campus
    /// Many data centres counted together: no block.
    case fleet
  }

  /// The PUE of a site that gives none (the scenario format's documented default).
  public static let defaultPUE = 1.2

  public init(
    id: String, provider: String, powerMW: DatedPath, pue: Double = defaultPUE,
    interconnect: Interconnect = .campus
  ) {
    self.interconnect = interconnect
    self.id = id
    self.provider = provider
    self.powerMW = powerMW
    self.pue = pue
  }

  /// IT power the site offers in `month`, kW: `max(0, powerMW(month)) · 1000 / pue`, and 0
  /// before `opening` (the month a `newSite` event adds it; `nil`: from the start). The engine's
  /// installation limit and the validator's contract check both use this.
  public func itPowerKW(at month: YearMonth, opening: YearMonth? = nil) -> Double {
    if let opening, month < opening { return 0 }
    return max(0, powerMW.value(at: month)) * 1000 / pue
  }
}
