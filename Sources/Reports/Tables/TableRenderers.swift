import Foundation
import JSONWriting

/// Renders ``ReportTable``s as terminal text, Markdown, CSV, JSON and LaTeX (booktabs).
public enum TableRenderer {
  /// Aligned plain text for terminals: numbers right-aligned, two spaces between columns.
  public static func text(_ table: ReportTable) -> String {
    let cells = table.rows.map { $0.map(\.display) }
    let widths = table.columns.indices.map { j in
      max(table.columns[j].count, cells.map { $0[j].count }.max() ?? 0)
    }
    let numeric = table.columns.indices.map { table.isNumericColumn($0) }
    func line(_ values: [String]) -> String {
      values.indices.map { j in
        let pad = String(repeating: " ", count: widths[j] - values[j].count)
        return numeric[j] ? pad + values[j] : values[j] + pad
      }.joined(separator: "  ").replacingOccurrences(
        of: "\\s+$", with: "", options: .regularExpression)
    }
    var lines = [
      table.title, line(table.columns),
      widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "),
    ]
    lines += cells.map(line)
    if let note = table.note { lines.append(note) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A GitHub-flavoured Markdown table with its title as a bold line above.
  public static func markdown(_ table: ReportTable) -> String {
    func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
    var lines = ["**\(escape(table.title))**", ""]
    lines.append("| " + table.columns.map(escape).joined(separator: " | ") + " |")
    lines.append(
      "|"
        + table.columns.indices.map { table.isNumericColumn($0) ? "---:" : "---" }.joined(
          separator: "|") + "|")
    for row in table.rows {
      lines.append("| " + row.map { escape($0.display) }.joined(separator: " | ") + " |")
    }
    if let note = table.note { lines += ["", "_\(escape(note))_"] }
    return lines.joined(separator: "\n") + "\n"
  }

  /// RFC 4180 CSV: a header row, numbers in full precision (shortest round-trip form).
  public static func csv(_ table: ReportTable) -> String {
    func field(_ text: String) -> String {
      text.contains(where: { ",\"\n\r".contains($0) })
        ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    func value(_ cell: ReportTable.Cell) -> String {
      switch cell {
      case .number(let v): v.isFinite ? "\(v)" : ""
      case .integer(let v): String(v)
      case .text(let t): field(t)
      case .empty: ""
      }
    }
    var lines = [table.columns.map(field).joined(separator: ",")]
    lines += table.rows.map { $0.map(value).joined(separator: ",") }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// A JSON object `{"id", "title", "columns", "rows", "note"}`; numbers in full precision,
  /// non-finite numbers as null. Keys in a fixed order for byte-stable output.
  public static func json(_ table: ReportTable, indent: String = "") -> String {
    func value(_ cell: ReportTable.Cell) -> String {
      switch cell {
      case .number(let v): v.isFinite ? "\(v)" : "null"
      case .integer(let v): String(v)
      case .text(let t): JSONText.string(t)
      case .empty: "null"
      }
    }
    let inner = indent + "  "
    var parts = [
      "\(inner)\"id\": \(JSONText.string(table.id))",
      "\(inner)\"title\": \(JSONText.string(table.title))",
      "\(inner)\"columns\": [" + table.columns.map(JSONText.string).joined(separator: ", ") + "]",
      "\(inner)\"rows\": [\n"
        + table.rows.map { "\(inner)  [" + $0.map(value).joined(separator: ", ") + "]" }
        .joined(separator: ",\n") + "\n\(inner)]",
    ]
    parts.append("\(inner)\"note\": " + (table.note.map(JSONText.string) ?? "null"))
    return "\(indent){\n" + parts.joined(separator: ",\n") + "\n\(indent)}"
  }

  /// A LaTeX `table` float with a booktabs `tabular` (needs `\usepackage{booktabs}`).
  public static func latex(_ table: ReportTable) -> String {
    let alignment = table.columns.indices.map { table.isNumericColumn($0) ? "r" : "l" }.joined()
    var lines = [
      "\\begin{table}[htbp]", "\\centering", "\\small",
      "\\caption{\(LaTeXText.escape(table.title))}",
      "\\label{tab:\(table.id)}",
      // Scaled down to the text width when wider (never up): needs graphicx.
      "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%",
      "\\begin{tabular}{\(alignment)}", "\\toprule",
      table.columns.map(LaTeXText.escape).joined(separator: " & ") + " \\\\", "\\midrule",
    ]
    for row in table.rows {
      lines.append(row.map { LaTeXText.escape($0.display) }.joined(separator: " & ") + " \\\\")
    }
    lines.append("\\bottomrule")
    lines.append("\\end{tabular}}")
    if let note = table.note {
      lines.append("\\par\\smallskip\\footnotesize \(LaTeXText.escape(note))")
    }
    lines.append("\\end{table}")
    return lines.joined(separator: "\n") + "\n"
  }
}

/// LaTeX text escaping for table cells and captions.
enum LaTeXText {
  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "\\": out += "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": out += "\\\(character)"
      case "~": out += "\\textasciitilde{}"
      case "^": out += "\\textasciicircum{}"
      case "±": out += "$\\pm$"
      case "–": out += "--"
      case "≤": out += "$\\le$"
      case "ρ": out += "$\\rho$"
      case "−": out += "$-$"
      case "·": out += "$\\cdot$"
      case "√": out += "$\\surd$"
      case "×": out += "$\\times$"
      case "≥": out += "$\\ge$"
      case "…": out += "\\ldots{}"
      case "²": out += "$^2$"
      default: out.append(character)
      }
    }
    return out
  }
}
