import Experiments
import Foundation

/// A report of the folder `gpumarket compare --out DIR` wrote: the provenance, the paired
/// differences with their intervals per outcome (table and chart), and fan charts of the chosen
/// series for each scenario (median, 50% and 90% bands over replicates, the scenario's dated
/// events marked), with a fan of the paired difference per month.
public struct CompareFolderReportSource: ReportSource {
  public let path: String
  public var options: SweepReportOptions

  /// The series charted when no --outcome names one.
  public static let defaultSeries = ["price.h100", "compute.anthropic"]

  public init(path: String, options: SweepReportOptions = SweepReportOptions()) {
    self.path = path
    self.options = options
  }

  /// Whether `folder` holds a comparison (rather than a run).
  public static func isComparison(_ folder: String) -> Bool {
    FileManager.default.fileExists(atPath: folder + "/replicates.csv")
  }

  public func makeDocument() throws -> ReportDocument {
    let data = try CompareData(folder: path)
    let labels = data.labels
    var document = ReportDocument(
      title: "Comparison of " + labels.joined(separator: " and ")
        + " (\(data.replicateCount) replicate\(data.replicateCount == 1 ? "" : "s") each)")
    var about: [ReportDocument.Item] = []
    if let provenance = data.provenance { about.append(.paragraph(provenance.sentence)) }
    about.append(
      .paragraph(
        "Replicate k of every scenario used the same seed (common random numbers), so each "
          + "difference is paired: the mean over k of (scenario_k − \(labels[0])_k) with its "
          + "Student-t 95% interval."))
    document.sections.append(ReportDocument.Section(id: "about", title: "About", items: about))

    let table = ComparisonTable.make(
      scenarios: labels.map { ($0, data.values[$0] ?? [:]) }, outcomes: data.outcomes,
      title: "Outcomes and paired differences")
    var differences: [ReportDocument.Item] = [.table(table)]
    if labels.count > 1, let chart = differenceChart(data) { differences.append(.chart(chart)) }
    document.sections.append(
      ReportDocument.Section(id: "differences", title: "Differences", items: differences))

    let chosen = try chosenSeries(data)
    var fans: [ReportDocument.Item] = []
    for name in chosen {
      for label in labels {
        if let chart = fanChart(data, series: name, scenario: label) { fans.append(.chart(chart)) }
      }
      for label in labels.dropFirst() {
        if let chart = differenceFanChart(data, series: name, scenario: label) {
          fans.append(.chart(chart))
        }
      }
    }
    if !fans.isEmpty {
      document.sections.append(
        ReportDocument.Section(id: "fans", title: "Monthly series over replicates", items: fans))
    }
    return document
  }

  /// The series named by --outcome (exact, or a prefix ending in *), else the defaults present.
  func chosenSeries(_ data: CompareData) throws -> [String] {
    let available = data.seriesNames
    guard !options.focusOutcomes.isEmpty else {
      let defaults = Self.defaultSeries.filter(available.contains)
      return defaults.isEmpty ? Array(available.prefix(1)) : defaults
    }
    var names: [String] = []
    for pattern in options.focusOutcomes {
      let matches =
        pattern.hasSuffix("*")
        ? available.filter { $0.hasPrefix(pattern.dropLast()) } : available.filter { $0 == pattern }
      // Outcome names (price.h100.2026) are reported in the table; only series are charted.
      if matches.isEmpty, !data.outcomes.contains(pattern) {
        throw ReportError.unknownOutcome(pattern, available: available + data.outcomes)
      }
      names += matches.filter { !names.contains($0) }
    }
    return names
  }

  func unitLabel(_ name: String) -> String {
    options.unit(for: name).map { "\(name) (\($0))" } ?? name
  }
}
