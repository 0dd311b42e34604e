import Testing

@testable import Simulation

private enum Row {}
private enum Column {}

/// The typed tables keep the row-major layout of the flat arrays they replace, so loops and sums
/// visit values in the same order.
@Suite struct DimensionsTests {
  @Test func tableIsRowMajorLikeTheFlatArrayItReplaces() {
    let (rows, columns) = (3, 4)
    let flat = (0..<(rows * columns)).map { Double($0) * 1.5 }
    let table = Table<Row, Column, Double>(rows: rows, columns: columns, elements: flat)
    for r in 0..<rows {
      for c in 0..<columns {
        #expect(table[Index(r), Index(c)] == flat[r * columns + c], "[\(r), \(c)]")
      }
    }
    let built = Table<Row, Column, Double>(rows: rows, columns: columns) { r, c in
      flat[r.position * columns + c.position]
    }
    #expect(built.elements == flat)
  }

  @Test func rowsColumnsAndSearch() {
    var table = Table<Row, Column, Int>(rows: 2, columns: 3, repeating: 0)
    table[Index(1), Index(2)] = 7
    table[Index(1), Index(0)] += 5
    #expect(table.row(Index(1)).elements == [5, 0, 7])
    #expect(table.column(Index(2)) == [0, 7])
    let first = table.firstCell { $0 > 0 }
    #expect(first?.row == Index(1) && first?.column == Index(0))
    #expect(table.firstCell { $0 > 100 } == nil)
  }

  @Test func indexedArrayIsACollectionOverItsIndexSpace() {
    var values = IndexedArray<Row, Double>(count: 4) { Double($0.position) }
    values[Index(2)] += 10
    #expect(values.elements == [0, 1, 12, 3])
    #expect(values.indices == Index(0)..<Index(4))
    #expect(values.indexed().map(\.0) == [Index(0), Index(1), Index(2), Index(3)])
    #expect(values.reduce(0, +) == 16)
  }
}
