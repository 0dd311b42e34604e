/// Choices for a sweep report.
public struct SweepReportOptions: Sendable {
  /// The outcome charted against each parameter; the first stored outcome when nil.
  public var primaryOutcome: String?
  /// At most this many outcomes get a sensitivity table and chart.
  public var sensitivityOutcomes = 4
  /// At most this many rows in the by-point table (CSV and JSON get them all).
  public var maximumDisplayRows = 200
  /// Bootstrap resamples for sensitivity intervals.
  public var bootstrapResamples = 1000
  /// Units by series or outcome prefix (the part before the first dot), for axis labels.
  public var units: [String: String] = [
    "price": "$/GPU-hour", "compute": "GPU-hours", "share": "fraction", "spend": "$",
  ]

  public init() {}

  func unit(for name: String) -> String? {
    units[String(name.prefix { $0 != "." })]
  }
}
