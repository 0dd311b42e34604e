import Foundation
import LinearAlgebra
import LocatedYAML

#if canImport(Glibc)
  import Glibc
#endif

/// A valuation matrix kept beside a market file instead of inside it: a `.f64` file of raw
/// little-endian IEEE-754 doubles (`n · m · 8` bytes, row-major: buyer 0's `m` values, then
/// buyer 1's, ...) or a `.csv` file (one line per buyer, `m` comma-separated numbers).
///
/// The file is read in 1 MiB pieces straight into the matrix, so memory stays at the matrix
/// size (8 bytes a value) however the file is written. Every value is checked (finite, ≥ 0);
/// problems are reported with the file and, for CSV, the line and column, and for both the
/// buyer and product the value belongs to. At most `maxReported` value errors are listed.
enum ValuationsFile {
  /// Value errors listed before the rest are only counted.
  static let maxReported = 20
  /// Bytes read at a time.
  static let pieceBytes = 1 << 20

  /// Where the matrix is and what it must be.
  struct Request {
    /// The path as written in the market file (for messages) and as opened.
    let shownPath: String
    let openPath: String
    let buyerNames: [String]
    let productNames: [String]
    let maxBytes: Int
    /// The `valuationsFile` entry (errors about the reference itself are reported there).
    let node: DocumentNode
  }

  static func read(_ request: Request, log: DiagnosticLog) -> Matrix? {
    let path = request.shownPath
    let rows = request.buyerNames.count
    let columns = request.productNames.count
    let isBinary = path.hasSuffix(".f64")
    guard isBinary || path.hasSuffix(".csv") else {
      log.error(
        "expected a file ending in .f64 (raw little-endian float64) or .csv, got '\(path)'",
        at: request.node)
      return nil
    }
    var status = stat()
    guard stat(request.openPath, &status) == 0 else {
      log.error("cannot read \(path): no such file", at: request.node)
      return nil
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      log.error("cannot read \(path): not a regular file", at: request.node)
      return nil
    }
    let size = Int(status.st_size)
    guard size <= request.maxBytes else {
      log.error(
        "\(path) is \(size) bytes; the limit is \(request.maxBytes) bytes "
          + "(\(Document.byteCount(request.maxBytes))); raise it with --max-file-size",
        at: request.node)
      return nil
    }
    if isBinary {
      let (expected, overflow) = rows.multipliedReportingOverflow(by: columns * 8)
      guard !overflow, size == expected else {
        log.error(
          "\(path) is \(size) bytes; expected \(rows) x \(columns) x 8 = \(expected) bytes "
            + "(one float64 per buyer and product, row-major)", at: request.node)
        return nil
      }
    }
    guard let handle = FileHandle(forReadingAtPath: request.openPath) else {
      log.error("cannot read \(path): permission denied", at: request.node)
      return nil
    }
    defer { try? handle.close() }
    var checker = ValueChecker(request: request, log: log)
    let matrix: Matrix?
    if isBinary {
      matrix = readBinary(handle, rows: rows, columns: columns, checker: &checker)
    } else {
      matrix = readCSV(handle, rows: rows, columns: columns, checker: &checker)
    }
    checker.finish()
    return checker.failed ? nil : matrix
  }

  /// Checks values and reports the first `maxReported` bad ones.
  struct ValueChecker {
    let request: Request
    let log: DiagnosticLog
    private(set) var errors = 0
    private(set) var failed = false

    init(request: Request, log: DiagnosticLog) {
      self.request = request
      self.log = log
    }

    mutating func fail(_ message: String, line: Int = 0, column: Int = 0) {
      failed = true
      errors += 1
      guard errors <= ValuationsFile.maxReported else { return }
      log.error(
        message, keyPath: KeyPath(parsing: "valuationsFile") ?? .root,
        location: SourceLocation(file: request.shownPath, line: line, column: column))
    }

    /// Whether `value` at (row, column) is a valuation; reports it when not.
    mutating func check(_ value: Double, row: Int, column: Int, line: Int = 0, at: Int = 0) {
      guard !(value.isFinite && value >= 0) else { return }
      fail(
        "valuation of buyer '\(request.buyerNames[row])' for product "
          + "'\(request.productNames[column])' (row \(row), column \(column)): expected a finite "
          + "number >= 0, got \(value)", line: line, column: at)
    }

    mutating func finish() {
      if errors > ValuationsFile.maxReported {
        log.error(
          "\(errors - ValuationsFile.maxReported) more errors in this file",
          keyPath: KeyPath(parsing: "valuationsFile") ?? .root,
          location: SourceLocation(file: request.shownPath, line: 0, column: 0))
      }
    }
  }

  private static func readBinary(
    _ handle: FileHandle, rows: Int, columns: Int, checker: inout ValueChecker
  ) -> Matrix? {
    let count = rows * columns
    var filled = 0
    var shortRead = false
    let matrix = Matrix(rows: rows, columns: columns) { out in
      while filled < count {
        let want = min(pieceBytes / 8, count - filled)
        guard let data = try? handle.read(upToCount: want * 8), data.count == want * 8 else {
          shortRead = true
          for index in filled..<count { out[index] = 0 }
          break
        }
        data.withUnsafeBytes { raw in
          for k in 0..<want {
            let bits = UInt64(
              littleEndian: raw.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))
            let value = Double(bitPattern: bits)
            out[filled + k] = value
            if !(value.isFinite && value >= 0) {
              let index = filled + k
              checker.check(value, row: index / columns, column: index % columns)
            }
          }
        }
        filled += want
      }
    }
    if shortRead { checker.fail("the file ended early (it changed while being read?)") }
    return matrix
  }

  private static func readCSV(
    _ handle: FileHandle, rows: Int, columns: Int, checker: inout ValueChecker
  ) -> Matrix? {
    var matrix = Matrix(rows: rows, columns: columns)
    var line = 1
    var row = 0
    var column = 0
    var lineColumn = 1
    var field: [UInt8] = []
    var fieldStart = 1
    var lineHasContent = false
    var tooManyRows = false

    func endField() {
      defer {
        field.removeAll(keepingCapacity: true)
        column += 1
      }
      let text = field.filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }
      guard row < rows else { return }
      guard column < columns else { return }
      var value = Double.nan
      let parsed: Bool = text.withUnsafeBufferPointer { bytes in
        guard !bytes.isEmpty else { return false }
        var cString = Array(bytes) + [0]
        return cString.withUnsafeMutableBufferPointer { c in
          var end: UnsafeMutablePointer<CChar>?
          let start = UnsafeMutableRawPointer(c.baseAddress!).assumingMemoryBound(to: CChar.self)
          value = strtod(start, &end)
          return end == start + bytes.count
        }
      }
      guard parsed, text.count <= 400 else {
        let shown = String(decoding: text.prefix(40), as: UTF8.self)
        checker.fail("expected a number >= 0, got '\(shown)'", line: line, column: fieldStart)
        return
      }
      matrix.elements[row * columns + column] = value
      checker.check(value, row: row, column: column, line: line, at: fieldStart)
    }

    func endLine() {
      guard lineHasContent else { return }
      endField()
      if row < rows, column != columns {
        checker.fail(
          "expected \(columns) values (one per product), got \(column)", line: line, column: 1)
      }
      if row >= rows { tooManyRows = true }
      row += 1
    }

    while let data = try? handle.read(upToCount: pieceBytes), !data.isEmpty {
      for byte in data {
        switch byte {
        case 0x0A:
          endLine()
          line += 1
          column = 0
          lineColumn = 1
          fieldStart = 1
          lineHasContent = false
          continue
        case 0x2C:
          lineHasContent = true
          endField()
          fieldStart = lineColumn + 1
        default:
          if byte != 0x20 && byte != 0x09 && byte != 0x0D { lineHasContent = true }
          if field.count <= 400 { field.append(byte) }  // longer is reported, not parsed
        }
        lineColumn += 1
      }
    }
    endLine()
    if tooManyRows || row != rows {
      checker.fail("expected \(rows) lines (one per buyer), got \(row)", line: 0, column: 0)
    }
    return matrix
  }
}
