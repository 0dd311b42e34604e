/// A plain-text table with aligned columns, for terminal output.
struct TextTable {
  enum Alignment { case left, right }

  var headers: [String]
  var alignments: [Alignment]
  var rows: [[String]] = []

  init(_ headers: [String], alignments: [Alignment]? = nil) {
    self.headers = headers
    self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
  }

  mutating func append(_ row: [String]) { rows.append(row) }

  /// The table with two spaces between columns and a rule under the header.
  var rendered: String {
    let all = [headers] + rows
    let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.indices.map { column in
        let cell = cells[column]
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return alignments[column] == .left ? cell + pad : pad + cell
      }.joined(separator: "  ").trailingSpacesTrimmed
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
  }
}

extension String {
  var trailingSpacesTrimmed: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
