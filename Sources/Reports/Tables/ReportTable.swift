/// A table of a report, independent of output format.
///
/// Cells keep their numbers (CSV and JSON write them in full precision); text renderers format
/// them with ``NumberFormat``.
public struct ReportTable: Sendable, Equatable {
  public enum Cell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case integer(Int)
    case empty

    /// The cell as people read it.
    public var display: String {
      switch self {
      case .text(let text): text
      case .number(let value): NumberFormat.format(value)
      case .integer(let value): String(value)
      case .empty: ""
      }
    }

    var isNumeric: Bool {
      switch self {
      case .number, .integer: true
      default: false
      }
    }
  }

  /// A stable identifier (used for file names and anchors), e.g. `outcomes-by-point`.
  public var id: String
  public var title: String
  public var columns: [String]
  public var rows: [[Cell]]
  /// A sentence under the table: units, method, truncation.
  public var note: String?

  public init(id: String, title: String, columns: [String], rows: [[Cell]], note: String? = nil) {
    precondition(rows.allSatisfy { $0.count == columns.count }, "row width must match columns")
    self.id = id
    self.title = title
    self.columns = columns
    self.rows = rows
    self.note = note
  }

  /// Whether column `j` holds numbers (right-aligned in text formats).
  public func isNumericColumn(_ j: Int) -> Bool {
    let filled = rows.map { $0[j] }.filter { $0 != .empty }
    return !filled.isEmpty && filled.allSatisfy(\.isNumeric)
  }
}

extension ReportTable {
  /// The table cut to its first `limit` rows, with a note saying so; unchanged when shorter.
  public func truncated(to limit: Int) -> ReportTable {
    guard rows.count > limit else { return self }
    var table = self
    table.rows = Array(rows.prefix(limit))
    table.note =
      (note.map { $0 + " " } ?? "")
      + "First \(limit) of \(rows.count) rows (CSV and JSON output hold all)."
    return table
  }
}
