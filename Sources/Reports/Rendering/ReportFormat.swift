/// The output formats of `gpumarket report`.
public enum ReportFormat: String, Sendable, CaseIterable {
  case text, markdown, csv, json, latex, html
}

/// The files a rendered report consists of: the main file's contents, and companion files
/// (SVG charts of a Markdown report, further tables of a CSV report) by path relative to the
/// main file's folder.
public struct RenderedReport: Sendable {
  public var main: String
  public var companions: [(path: String, contents: String)]

  public init(main: String, companions: [(path: String, contents: String)] = []) {
    self.main = main
    self.companions = companions
  }
}

extension ReportDocument {
  /// Renders the report. `stem` names companion files (`STEM-charts/ID.svg`, `STEM-ID.csv`).
  public func render(_ format: ReportFormat, stem: String = "report") -> RenderedReport {
    switch format {
    case .text: RenderedReport(main: TextReportRenderer.render(self))
    case .markdown: MarkdownReportRenderer.render(self, stem: stem)
    case .csv: CSVReportRenderer.render(self, stem: stem)
    case .json: RenderedReport(main: JSONReportRenderer.render(self))
    case .latex: RenderedReport(main: LaTeXReportRenderer.render(self))
    case .html: RenderedReport(main: HTMLReportRenderer.render(self))
    }
  }
}
