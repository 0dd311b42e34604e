/// A report independent of output format: titled sections of paragraphs, tables and charts.
///
/// Every report source (a sweep database today; a `run --out` folder later) produces one of
/// these, and every output format renders one.
public struct ReportDocument: Sendable {
  public var title: String
  public var sections: [Section]

  public init(title: String, sections: [Section] = []) {
    self.title = title
    self.sections = sections
  }

  public struct Section: Sendable {
    public var id: String
    public var title: String
    public var items: [Item]

    public init(id: String, title: String, items: [Item] = []) {
      self.id = id
      self.title = title
      self.items = items
    }
  }

  public enum Item: Sendable {
    case paragraph(String)
    case table(ReportTable)
    case chart(ReportChart)
  }

  /// All tables, in document order.
  public var tables: [ReportTable] {
    sections.flatMap { $0.items }.compactMap { if case .table(let t) = $0 { t } else { nil } }
  }

  /// All charts, in document order.
  public var charts: [ReportChart] {
    sections.flatMap { $0.items }.compactMap { if case .chart(let c) = $0 { c } else { nil } }
  }
}

/// A rendered SVG chart with a stable id (its file name in Markdown output) and a caption.
public struct ReportChart: Sendable {
  public var id: String
  public var caption: String
  public var svg: String

  public init(id: String, caption: String, svg: String) {
    self.id = id
    self.caption = caption
    self.svg = svg
  }
}
