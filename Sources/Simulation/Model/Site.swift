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

  public init(id: String, provider: String, powerMW: DatedPath, pue: Double = 1.2) {
    self.id = id
    self.provider = provider
    self.powerMW = powerMW
    self.pue = pue
  }
}
