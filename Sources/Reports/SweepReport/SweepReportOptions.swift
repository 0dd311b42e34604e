/// Choices for a sweep report.
public struct SweepReportOptions: Sendable {
  /// The outcomes to report on, by name or by prefix ending in `*` (`share.anthropic.*`). When
  /// given, the by-point and sensitivity tables cover these only, and the first is charted against
  /// each parameter; when empty, the headline outcomes (``headlinePatterns``) that vary.
  public var focusOutcomes: [String] = []
  /// For a run folder: the months (`YYYY-MM`) at which the forward curve is drawn; empty: June
  /// of every year.
  public var forwardMonths: [String] = []

  /// The outcome charted against each parameter: the first of ``focusOutcomes``.
  public var primaryOutcome: String? {
    get { focusOutcomes.first }
    set { focusOutcomes = newValue.map { [$0] } ?? [] }
  }
  /// The headline outcomes a report covers when no --outcome is given, as patterns (`*` at the
  /// end matches any rest): each buyer's share of compute, the H100 spot price, the HHI of
  /// compute and the contract market's share of rented GPU-hours, every year. Documented in
  /// docs/reports.md; outcomes that do not vary are left out.
  public static let headlinePatterns = ["share.*", "price.h100.*", "hhi.*", "contractedShare.*"]
  /// At most this many outcomes get a sensitivity table and chart.
  public var sensitivityOutcomes = 4
  /// At most this many series per chart (the largest by mean magnitude are kept).
  public var seriesPerChart = 8
  /// At most this many rows in the by-point table (CSV and JSON get them all).
  public var maximumDisplayRows = 200
  /// How the y axis of every line chart is chosen (``LogAxis``); also used for run and compare
  /// folders.
  public var logAxis = LogAxis.auto
  /// Bootstrap resamples for sensitivity intervals.
  public var bootstrapResamples = 1000
  /// Units by series or outcome prefix (the part before the first dot), for axis labels.
  public var units: [String: String] = [
    "price": "$/GPU-hour", "compute": "H100e GPU-hours", "share": "fraction", "spend": "$",
  ]

  public init() {}

  func unit(for name: String) -> String? {
    units[String(name.prefix { $0 != "." })]
  }
}
