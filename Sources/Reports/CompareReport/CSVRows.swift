import Foundation

/// Rows of a CSV file as written by gpumarket (RFC 4180: fields quoted when they hold a comma,
/// quote or line break; `""` inside quotes is a quote). The header row is dropped after its
/// columns are checked.
enum CSVRows {
  /// The data rows of `path`, whose header must be `header`.
  static func read(_ path: String, header: [String]) throws -> [[String]] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ReportError.unsupported(path, "cannot read the file")
    }
    let rows = parse(String(decoding: data, as: UTF8.self))
    guard rows.first == header else {
      throw ReportError.unsupported(
        path,
        "expected the header \(header.joined(separator: ",")), found "
          + (rows.first?.joined(separator: ",") ?? "an empty file"))
    }
    return Array(rows.dropFirst()).filter { $0.count == header.count }
  }

  static func parse(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var iterator = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func next() -> Unicode.Scalar? {
      if let p = pending {
        pending = nil
        return p
      }
      return iterator.next()
    }
    while let c = next() {
      if quoted {
        if c == "\"" {
          if let after = next() {
            if after == "\"" {
              field.unicodeScalars.append("\"")
            } else {
              quoted = false
              pending = after
            }
          } else {
            quoted = false
          }
        } else {
          field.unicodeScalars.append(c)
        }
        continue
      }
      switch c {
      case "\"": quoted = true
      case ",":
        row.append(field)
        field = ""
      case "\r": break
      case "\n":
        row.append(field)
        rows.append(row)
        row = []
        field = ""
      default: field.unicodeScalars.append(c)
      }
    }
    if !field.isEmpty || !row.isEmpty {
      row.append(field)
      rows.append(row)
    }
    return rows
  }
}
