import Dispatch

/// Runs work over the rows of a matrix in fixed chunks, concurrently where allowed.
///
/// The chunks depend only on the row count and `chunkRows`, never on the number of cores, so
/// work whose chunks write disjoint rows (or keep per-chunk partial results combined in chunk
/// order) gives the same bits on any machine.
public enum RowChunks {
  /// Rows per chunk when none is given: 1,024 rows of a 1,000-column matrix are 8 MB of work.
  public static let defaultChunkRows = 1024

  /// The number of chunks `rows` rows fall into.
  public static func count(rows: Int, chunkRows: Int = defaultChunkRows) -> Int {
    (rows + max(1, chunkRows) - 1) / max(1, chunkRows)
  }

  /// Calls `body(chunk, rowRange)` for each chunk: concurrently when `parallel` is set and there
  /// is more than one chunk, otherwise in chunk order on the calling thread.
  public static func forEach(
    rows: Int, chunkRows: Int = defaultChunkRows, parallel: Bool = true,
    _ body: @Sendable (_ chunk: Int, _ rows: Range<Int>) -> Void
  ) {
    let size = max(1, chunkRows)
    let chunks = count(rows: rows, chunkRows: size)
    if parallel && chunks > 1 {
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        body(chunk, (chunk * size)..<min(rows, (chunk + 1) * size))
      }
    } else {
      for chunk in 0..<chunks { body(chunk, (chunk * size)..<min(rows, (chunk + 1) * size)) }
    }
  }

  /// Column totals of per-row contributions: `body(rows, partial)` adds the contributions of
  /// `rows` into `partial` (`columns` elements, zero on entry); the partials of the chunks are
  /// then added in chunk order. The sum is the same bit for bit on any number of cores (not the
  /// same as adding all rows in one running sum, which would serialise the work).
  public static func sumColumns(
    rows: Int, columns: Int, chunkRows: Int = defaultChunkRows, parallel: Bool = true,
    _ body: @Sendable (_ rows: Range<Int>, _ partial: UnsafeMutableBufferPointer<Double>) -> Void
  ) -> [Double] {
    let chunks = count(rows: rows, chunkRows: chunkRows)
    guard chunks > 0, columns > 0 else { return [Double](repeating: 0, count: max(0, columns)) }
    var partials = [Double](repeating: 0, count: chunks * columns)
    partials.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let base = buffer.baseAddress!
      forEach(rows: rows, chunkRows: chunkRows, parallel: parallel) { chunk, range in
        body(range, UnsafeMutableBufferPointer(start: base + chunk * columns, count: columns))
      }
    }
    var totals = [Double](repeating: 0, count: columns)
    for chunk in 0..<chunks {
      for column in 0..<columns { totals[column] += partials[chunk * columns + column] }
    }
    return totals
  }
}
