import Experiments

/// Builds a report from a sweep database: the plan, outcome statistics (mean and Student-t 95%
/// interval over replicates), sensitivity (Sobol indices for Sobol designs, Spearman rank
/// correlation otherwise), outcome-against-parameter charts, series charts and failures.
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
    let outcomes = try database.outcomeNames()
    var focus: [String] = []
    for pattern in options.focusOutcomes {
      let matches =
        pattern.hasSuffix("*")
        ? outcomes.filter { $0.hasPrefix(pattern.dropLast()) } : outcomes.filter { $0 == pattern }
      guard !matches.isEmpty else { throw ReportError.unknownOutcome(pattern, available: outcomes) }
      focus += matches.filter { !focus.contains($0) }
    }
    var context = Context(database: database, options: options, outcomes: outcomes, focus: focus)
    context.points = try database.pointValues()
    for name in outcomes { context.byPoint[name] = try database.outcomeByPoint(name) }

    var document = ReportDocument(title: "Sweep of \(plan.scenario)")
    document.sections.append(try context.planSection())
    document.sections.append(context.outcomeSection())
    if let sensitivity = context.sensitivitySection() { document.sections.append(sensitivity) }
    if let response = context.responseSection() { document.sections.append(response) }
    if let series = try context.seriesSection() { document.sections.append(series) }
    if let failures = try context.failureSection() { document.sections.append(failures) }
    return document
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

    var plan: SweepDatabase.StoredPlan { database.plan }

    var primaryOutcome: String? { focus.first ?? outcomes.first }

    func label(_ name: String) -> String {
      options.unit(for: name).map { "\(name) (\($0))" } ?? name
    }
  }
}
