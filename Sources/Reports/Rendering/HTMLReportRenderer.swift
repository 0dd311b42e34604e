/// One self-contained HTML file: inline CSS and SVG, no scripts, no network. On screen long
/// tables scroll in boxes; the print stylesheet lets them run over pages (header repeated) so a
/// printed report keeps every row.
enum HTMLReportRenderer {
  static let style = """
    body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 1100px;
      margin: 2em auto; padding: 0 1em; line-height: 1.45; }
    h1 { font-size: 1.7em; margin-bottom: 0.2em; }
    h2 { font-size: 1.3em; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
    nav ul { padding-left: 1.2em; margin: 0.3em 0 1.5em; }
    table { border-collapse: collapse; margin: 0.6em 0 0.3em; font-size: 0.88em; }
    caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
    th, td { padding: 0.25em 0.7em; border-bottom: 1px solid #e3e3e3; }
    thead th { border-bottom: 2px solid #444; text-align: left; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    p.note { font-size: 0.85em; color: #555; margin-top: 0.2em; }
    figure { margin: 1.2em 0; }
    figcaption { font-size: 0.88em; color: #444; }
    .scroll { overflow-x: auto; max-height: 32em; overflow-y: auto; }
    @media print {
      body { max-width: none; margin: 0; padding: 0; font-size: 9pt; }
      .scroll { max-height: none; overflow: visible; }
      table { font-size: 7pt; }
      thead { display: table-header-group; }
      tr, figure { break-inside: avoid; }
      svg { max-width: 100%; height: auto; }
    }
    """

  static func render(_ document: ReportDocument) -> String {
    var out = [
      "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>\(escape(document.title))</title>", "<style>", style, "</style>", "</head>", "<body>",
      "<h1>\(escape(document.title))</h1>", "<nav><ul>",
    ]
    for section in document.sections {
      out.append("<li><a href=\"#\(section.id)\">\(escape(section.title))</a></li>")
    }
    out.append("</ul></nav>")
    for section in document.sections {
      out.append("<section id=\"\(section.id)\">")
      out.append("<h2>\(escape(section.title))</h2>")
      for item in section.items {
        switch item {
        case .paragraph(let text): out.append("<p>\(escape(text))</p>")
        case .table(let table): out.append(self.table(table.truncated(to: 500)))
        case .chart(let chart):
          out.append("<figure id=\"\(chart.id)\">")
          out.append(chart.svg.trimmingTrailingNewlines)
          out.append("<figcaption>\(escape(chart.caption))</figcaption>")
          out.append("</figure>")
        }
      }
      out.append("</section>")
    }
    out += ["</body>", "</html>", ""]
    return out.joined(separator: "\n")
  }

  static func table(_ table: ReportTable) -> String {
    let numeric = table.columns.indices.map { table.isNumericColumn($0) }
    var out = [
      "<div class=\"scroll\">", "<table id=\"\(table.id)\">",
      "<caption>\(escape(table.title))</caption>", "<thead><tr>",
    ]
    for (j, column) in table.columns.enumerated() {
      out.append("<th\(numeric[j] ? " class=\"num\"" : "")>\(escape(column))</th>")
    }
    out.append("</tr></thead>")
    out.append("<tbody>")
    for row in table.rows {
      let cells = row.enumerated().map { j, cell in
        "<td\(numeric[j] ? " class=\"num\"" : "")>\(escape(cell.display))</td>"
      }
      out.append("<tr>" + cells.joined() + "</tr>")
    }
    out.append("</tbody></table>")
    out.append("</div>")
    if let note = table.note { out.append("<p class=\"note\">\(escape(note))</p>") }
    return out.joined(separator: "\n")
  }

  static func escape(_ text: String) -> String { SVGWriter.escape(text) }
}

extension String {
  var trimmingTrailingNewlines: String {
    var text = self
    while text.hasSuffix("\n") { text.removeLast() }
    return text
  }
}
