/// A dense, row-major matrix of `Double`.
///
/// Element `(i, j)` lives at `elements[i * columns + j]`: the leading dimension is `columns`.
/// Row-major matches how markets are written (one row per buyer) and lets a block of rows
/// be handed to BLAS as a contiguous sub-matrix.
public struct Matrix: Sendable, Equatable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns (also the leading dimension of `elements`).
  public let columns: Int
  /// The elements in row-major order; `count == rows * columns`.
  public var elements: [Double]

  /// A `rows x columns` matrix filled with `value`.
  public init(rows: Int, columns: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    self.elements = Array(repeating: value, count: rows * columns)
  }

  /// A matrix over existing row-major elements.
  public init(rows: Int, columns: Int, elements: [Double]) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    precondition(
      elements.count == rows * columns, "expected \(rows * columns) elements, got \(elements.count)"
    )
    self.rows = rows
    self.columns = columns
    self.elements = elements
  }

  /// A matrix from nested rows, which must all have the same length.
  public init(_ rowArrays: [[Double]]) {
    let columns = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == columns }, "rows must have equal length")
    self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
  }

  /// The element at row `row`, column `column`.
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    get { elements[row * columns + column] }
    set { elements[row * columns + column] = newValue }
  }

  /// Row `i` as an array.
  public func row(_ i: Int) -> [Double] {
    Array(elements[(i * columns)..<((i + 1) * columns)])
  }

  /// The rows as nested arrays.
  public var rowArrays: [[Double]] {
    (0..<rows).map(row)
  }

  /// The transpose, as a new row-major matrix.
  public var transposed: Matrix {
    var result = Matrix(rows: columns, columns: rows)
    for i in 0..<rows {
      for j in 0..<columns {
        result.elements[j * rows + i] = elements[i * columns + j]
      }
    }
    return result
  }
}
