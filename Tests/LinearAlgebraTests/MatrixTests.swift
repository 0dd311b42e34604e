import LinearAlgebra
import Testing

@Suite struct MatrixTests {
  @Test func constructorsAgreeOnLayout() {
    let nested = Matrix([[1, 2, 3], [4, 5, 6]])
    let flat = Matrix(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    #expect(nested == flat)
    #expect(nested.rows == 2 && nested.columns == 3)
    #expect(nested[1, 0] == 4)  // exact: stored, not computed
    #expect(nested[0, 2] == 3)
    #expect(nested.row(1) == [4, 5, 6])
    #expect(nested.rowArrays == [[1, 2, 3], [4, 5, 6]])
  }

  @Test func repeatingFillsEveryElement() {
    let m = Matrix(rows: 3, columns: 4, repeating: 2.5)
    #expect(m.elements.count == 12)
    #expect(m.elements.allSatisfy { $0 == 2.5 })
    #expect(Matrix(rows: 2, columns: 2).elements == [0, 0, 0, 0])
  }

  @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  func emptyAndOddShapes(_ index: Int) {
    let shape = oddShapes[index]
    var rng = SeededGenerator(seed: UInt64(100 + index))
    let m = rng.matrix(shape.rows, shape.columns)
    let label = "\(shape.rows)x\(shape.columns)"
    #expect(m.elements.count == shape.rows * shape.columns, "\(label)")
    #expect(m.rowArrays.count == shape.rows, "\(label)")
    #expect(m.rowArrays.allSatisfy { $0.count == shape.columns }, "\(label)")
    let t = m.transposed
    #expect(t.rows == shape.columns && t.columns == shape.rows, "\(label)")
    #expect(t == referenceOp(m, .transposed), "\(label): transpose")
    #expect(t.transposed == m, "\(label): transpose twice")
  }

  @Test func emptyNestedRowsGiveZeroByZero() {
    let m = Matrix([])
    #expect(m.rows == 0 && m.columns == 0 && m.elements.isEmpty)
    let emptyRows = Matrix([[], []])
    #expect(emptyRows.rows == 2 && emptyRows.columns == 0)
  }

  @Test func subscriptWritesOneElement() {
    var m = Matrix(rows: 3, columns: 2)
    m[2, 1] = 7
    m[0, 1] = -1
    #expect(m.elements == [0, -1, 0, 0, 0, 7])
    var copy = m
    copy[0, 0] = 9
    #expect(m[0, 0] == 0, "value semantics: the copy's write must not reach the original")
  }
}

@Suite struct UninitializedMatrixTests {
  /// Small, empty, and large enough (16 MiB) for the huge-page advice.
  @Test(arguments: [(0, 0), (0, 3), (3, 0), (2, 3), (1024, 2048)])
  func initializerWritesEveryElementInRowMajorOrder(_ rows: Int, _ columns: Int) {
    let m = Matrix(rows: rows, columns: columns) { buffer in
      #expect(buffer.count == rows * columns)
      for k in buffer.indices { buffer[k] = Double(k) }
    }
    #expect(m.rows == rows && m.columns == columns, "\(rows)x\(columns)")
    #expect(m.elements.count == rows * columns, "\(rows)x\(columns)")
    // Exact: integers below 2^53 are stored, not computed.
    if rows > 1 && columns > 1 {
      #expect(m[1, 0] == Double(columns), "\(rows)x\(columns)")
      #expect(m[rows - 1, columns - 1] == Double(rows * columns - 1), "\(rows)x\(columns)")
    }
    #expect(m.elements.enumerated().allSatisfy { $0.element == Double($0.offset) })
  }
}
