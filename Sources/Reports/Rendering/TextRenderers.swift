import JSONWriting

/// Plain text for terminals: titles, paragraphs and aligned tables; charts are left out.
enum TextReportRenderer {
  static func render(_ document: ReportDocument) -> String {
    var out = [document.title, String(repeating: "=", count: document.title.count), ""]
    for section in document.sections {
      out += [section.title, String(repeating: "-", count: section.title.count), ""]
      for item in section.items {
        switch item {
        case .paragraph(let text): out += [text, ""]
        case .table(let table): out += [TableRenderer.text(table.truncated(to: 200))]
        case .chart: continue
        }
      }
    }
    return out.joined(separator: "\n")
  }
}

/// Markdown with charts as SVG files in `STEM-charts/`.
enum MarkdownReportRenderer {
  static func render(_ document: ReportDocument, stem: String) -> RenderedReport {
    var out = ["# \(document.title)", ""]
    var companions: [(String, String)] = []
    for section in document.sections {
      out += ["## \(section.title)", ""]
      for item in section.items {
        switch item {
        case .paragraph(let text): out += [text, ""]
        case .table(let table): out += [TableRenderer.markdown(table.truncated(to: 200))]
        case .chart(let chart):
          let path = "\(stem)-charts/\(chart.id).svg"
          companions.append((path, chart.svg))
          out += ["![\(chart.caption)](\(path))", "", "_\(chart.caption)_", ""]
        }
      }
    }
    return RenderedReport(main: out.joined(separator: "\n"), companions: companions)
  }
}

/// CSV: the first table is the main file, the others `STEM-ID.csv` beside it.
enum CSVReportRenderer {
  static func render(_ document: ReportDocument, stem: String) -> RenderedReport {
    let tables = document.tables
    guard let first = tables.first else { return RenderedReport(main: "") }
    return RenderedReport(
      main: TableRenderer.csv(first),
      companions: tables.dropFirst().map { ("\(stem)-\($0.id).csv", TableRenderer.csv($0)) })
  }
}

/// JSON: `{"title", "tables": [...], "charts": [{"id", "caption"}]}`.
enum JSONReportRenderer {
  static func render(_ document: ReportDocument) -> String {
    let tables = document.tables.map { TableRenderer.json($0, indent: "    ") }.joined(
      separator: ",\n")
    let charts = document.charts.map {
      "    {\"id\": \(JSONText.string($0.id)), \"caption\": \(JSONText.string($0.caption))}"
    }.joined(separator: ",\n")
    return """
      {
        "title": \(JSONText.string(document.title)),
        "tables": [
      \(tables)
        ],
        "charts": [
      \(charts)
        ]
      }

      """
  }
}

/// A complete LaTeX article with every table (booktabs); charts are listed by caption, since
/// SVG needs conversion before LaTeX can include it (the Markdown and HTML reports carry them).
enum LaTeXReportRenderer {
  /// The document; with `stem`, each chart becomes a figure that includes `STEM-charts/ID.pdf`
  /// (the command converts the SVG companions with rsvg-convert); without, charts are left out.
  static func render(_ document: ReportDocument, stem: String? = nil) -> RenderedReport {
    var companions: [(path: String, contents: String)] = []
    var out = [
      "\\documentclass[11pt]{article}",
      "\\usepackage{graphicx}",
      "\\usepackage[T1]{fontenc}",
      "\\usepackage[utf8]{inputenc}",
      "\\usepackage{booktabs}",
      "\\usepackage[margin=2cm,landscape]{geometry}",
      "\\title{\(LaTeXText.escape(document.title))}",
      "\\author{gpumarket}",
      "\\date{}",
      "\\begin{document}",
      "\\maketitle",
      "",
    ]
    for section in document.sections {
      let tables = section.items.filter { if case .chart = $0 { stem != nil } else { true } }
      guard !tables.isEmpty else { continue }
      out.append("\\section{\(LaTeXText.escape(section.title))}")
      for item in section.items {
        switch item {
        case .paragraph(let text): out += [LaTeXText.escape(text), ""]
        case .table(let table):
          // A float holds one page: long tables are split into parts of 24 rows (the first 200
          // rows; CSV and JSON hold them all).
          out += Self.pages(of: table.truncated(to: 200)).map(TableRenderer.latex)
        case .chart(let chart):
          guard let stem else { continue }
          companions.append(("\(stem)-charts/\(chart.id).svg", chart.svg))
          out += [
            "\\begin{figure}[htbp]", "\\centering",
            "\\includegraphics[width=\\linewidth,height=0.8\\textheight,keepaspectratio]"
              + "{\(stem)-charts/\(chart.id).pdf}",
            "\\caption{\(LaTeXText.escape(chart.caption))}", "\\end{figure}", "",
          ]
        }
      }
      out.append("\\clearpage")
    }
    out.append("\\end{document}")
    return RenderedReport(main: out.joined(separator: "\n") + "\n", companions: companions)
  }

  /// `table` in parts of at most `rows` rows, titled "(part k of n)" when there is more than one.
  static func pages(of table: ReportTable, rows: Int = 24) -> [ReportTable] {
    guard table.rows.count > rows else { return [table] }
    let count = (table.rows.count + rows - 1) / rows
    return (0..<count).map { k in
      var part = table
      part.rows = Array(table.rows[(k * rows)..<min((k + 1) * rows, table.rows.count)])
      part.title = "\(table.title) (part \(k + 1) of \(count))"
      part.id = "\(table.id)-\(k + 1)"
      if k < count - 1 { part.note = nil }
      return part
    }
  }
}
