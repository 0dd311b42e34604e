/// The output formats of `gpumarket report`. `table` is aligned plain text, the name every
/// command uses for it.
public enum ReportFormat: String, Sendable, CaseIterable {
  case table, markdown, csv, json, latex, html

  /// The format a file extension stands for (`md`, `csv`, `json`, `tex`, `html`/`htm`, `txt`).
  public init?(extension text: String) {
    switch text.lowercased() {
    case "md", "markdown": self = .markdown
    case "csv": self = .csv
    case "json": self = .json
    case "tex": self = .latex
    case "html", "htm": self = .html
    case "txt": self = .table
    default: return nil
    }
  }
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
  /// The document without its charts (for Markdown on standard output, where no chart file
  /// can be written beside it).
  public var withoutCharts: ReportDocument {
    var copy = self
    for k in copy.sections.indices {
      copy.sections[k].items.removeAll { if case .chart = $0 { true } else { false } }
    }
    return copy
  }

  /// Renders the report. `stem` names companion files (`STEM-charts/ID.svg`, `STEM-ID.csv`).
  public func render(_ format: ReportFormat, stem: String = "report") -> RenderedReport {
    switch format {
    case .table: RenderedReport(main: TextReportRenderer.render(self))
    case .markdown: MarkdownReportRenderer.render(self, stem: stem)
    case .csv: CSVReportRenderer.render(self, stem: stem)
    case .json: RenderedReport(main: JSONReportRenderer.render(self))
    case .latex: LaTeXReportRenderer.render(self, stem: stem)
    case .html: RenderedReport(main: HTMLReportRenderer.render(self))
    }
  }
}
