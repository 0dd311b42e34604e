/// A table over two index spaces, `installed[site, chip]`, stored row-major in one flat array.
///
/// `installed[chip, site]` does not compile. Element `[r, c]` sits at `r · columnCount + c`, the
/// layout of the hand-indexed arrays this replaces, so loops over rows then columns visit memory
/// in the same order and sums come out bit for bit the same. This is the only place in the
/// engine that computes a flat position.
struct Table<Row, Column, Element> {
  let rowCount: Int
  let columnCount: Int
  /// The values, row by row.
  private(set) var elements: [Element]

  init(rows: Int, columns: Int, repeating value: Element) {
    rowCount = rows
    columnCount = columns
    elements = Array(repeating: value, count: rows * columns)
  }

  /// A table over existing row-major storage (`elements.count == rows · columns`).
  init(rows: Int, columns: Int, elements: [Element]) {
    precondition(elements.count == rows * columns, "table storage does not match its shape")
    rowCount = rows
    columnCount = columns
    self.elements = elements
  }

  /// One value per cell, computed row by row.
  init(rows: Int, columns: Int, _ value: (Index<Row>, Index<Column>) throws -> Element) rethrows {
    rowCount = rows
    columnCount = columns
    elements = []
    elements.reserveCapacity(rows * columns)
    for r in Index<Row>.all(rows) {
      for c in Index<Column>.all(columns) { elements.append(try value(r, c)) }
    }
  }

  var rows: Range<Index<Row>> { Index.all(rowCount) }
  var columns: Range<Index<Column>> { Index.all(columnCount) }

  @inline(__always) private func position(_ r: Index<Row>, _ c: Index<Column>) -> Int {
    r.position * columnCount + c.position
  }

  subscript(r: Index<Row>, c: Index<Column>) -> Element {
    _read { yield elements[position(r, c)] }
    _modify { yield &elements[position(r, c)] }
  }

  /// The values of one row, in column order.
  func row(_ r: Index<Row>) -> IndexedArray<Column, Element> {
    IndexedArray(Array(elements[position(r, Index(0))..<position(r, Index(columnCount))]))
  }

  /// The values of one column, in row order (for a table over steps: that entity's series).
  func column(_ c: Index<Column>) -> [Element] {
    rows.map { self[$0, c] }
  }

  /// The first cell, row by row, whose value satisfies `predicate`.
  func firstCell(where predicate: (Element) -> Bool) -> (row: Index<Row>, column: Index<Column>)? {
    for r in rows {
      for c in columns where predicate(self[r, c]) { return (r, c) }
    }
    return nil
  }
}

extension Table: Sendable where Element: Sendable {}
