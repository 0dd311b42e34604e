import Experiments

/// Builds a report from a sweep database: the plan, outcome statistics (mean and Student-t 95%
/// interval over replicates), sensitivity (Sobol indices for Sobol designs, Spearman rank
/// correlation otherwise), outcome-against-parameter charts, series charts and failures.
///
/// Without --outcome it reports the headline outcomes (``SweepReportOptions/headlinePatterns``)
/// that vary, and says how many outcomes it left out. Outcomes are read in one scan.
public struct SweepReportSource: ReportSource {
  public var path: String
  public var options: SweepReportOptions

  public init(path: String, options: SweepReportOptions = SweepReportOptions()) {
    self.path = path
    self.options = options
  }

  public func makeDocument() throws -> ReportDocument {
    let database = try SweepDatabase(path: path)
    let plan = database.plan
    let statistics = try database.outcomeStatistics()
    let all = statistics.names
    var focus: [String] = []
    for pattern in options.focusOutcomes {
      let matches = all.filter { Self.matches(pattern, $0) }
      guard !matches.isEmpty else { throw ReportError.unknownOutcome(pattern, available: all) }
      focus += matches.filter { !focus.contains($0) }
    }
    // An outcome that takes one value in every run says nothing about the sweep.
    let constant = all.filter { name in
      let (low, high) = statistics.range(name) ?? (0, 0)
      return high - low <= 1e-12 * max(abs(low), abs(high))
    }
    let constantSet = Set(constant)
    let varying = all.filter { !constantSet.contains($0) }
    let chosen =
      !focus.isEmpty
      ? focus
      : varying.filter { name in
        SweepReportOptions.headlinePatterns.contains { Self.matches($0, name) }
      }
    let outcomes = chosen.isEmpty ? Array(varying.prefix(12)) : chosen
    var context = Context(
      database: database, options: options, outcomes: outcomes, focus: focus)
    context.points = try database.pointValues()
    for name in outcomes { context.byPoint[name] = statistics.byPoint(name) }
    context.leftOut = (all.count - outcomes.count, constant.count)
    context.headline = focus.isEmpty && !chosen.isEmpty

    var document = ReportDocument(title: "Sweep of \(plan.scenario)")
    document.sections.append(try context.planSection())
    document.sections.append(context.outcomeSection())
    if let sensitivity = context.sensitivitySection() { document.sections.append(sensitivity) }
    if let response = context.responseSection() { document.sections.append(response) }
    if let series = try context.seriesSection() { document.sections.append(series) }
    if let failures = try context.failureSection() { document.sections.append(failures) }
    return document
  }

  /// A name, or a prefix ending in `*`.
  static func matches(_ pattern: String, _ name: String) -> Bool {
    pattern.hasSuffix("*") ? name.hasPrefix(pattern.dropLast()) : name == pattern
  }

  /// What the section builders share.
  struct Context {
    let database: SweepDatabase
    let options: SweepReportOptions
    let outcomes: [String]
    /// The outcomes asked for (patterns expanded); empty when none were.
    let focus: [String]
    var points: [Int: [Double]] = [:]
    var byPoint: [String: [Int: SampleStatistics]] = [:]
    /// Outcomes of the database not reported, and how many of them do not vary.
    var leftOut = (total: 0, constant: 0)

    var plan: SweepDatabase.StoredPlan { database.plan }

    /// Whether the outcomes are the headline ones (no --outcome, and the model has some).
    var headline = false

    /// The outcome charted against each parameter: the first asked for; else, among headline
    /// outcomes, the one the sweep moves most (largest spread of point means relative to their
    /// mean); else the model's first outcome.
    var primaryOutcome: String? {
      if let first = focus.first { return first }
      guard headline else { return outcomes.first }
      return outcomes.max { relativeSpread($0) < relativeSpread($1) }
    }

    func relativeSpread(_ name: String) -> Double {
      let means = SampleStatistics((byPoint[name] ?? [:]).values.map(\.mean))
      let spread = means.standardDeviation / abs(means.mean)
      return spread.isFinite ? spread : 0
    }

    func label(_ name: String) -> String {
      options.unit(for: name).map { "\(name) (\($0))" } ?? name
    }
  }
}
