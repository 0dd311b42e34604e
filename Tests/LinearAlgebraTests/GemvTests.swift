import LinearAlgebra
import Testing

@Suite struct GemvTests {
  static let scalings: [(alpha: Double, beta: Double)] = [(1, 0), (-0.5, 1), (2, 2.5), (0, -1)]

  @Test(arguments: 0..<oddShapes.count, [Transpose.none, .transposed])
  func gemvMatchesLoops(_ shapeIndex: Int, _ trans: Transpose) {
    let shape = oddShapes[shapeIndex]
    var rng = SeededGenerator(seed: 300 + UInt64(shapeIndex))
    let a = rng.matrix(shape.rows, shape.columns)
    let (inLength, outLength) =
      trans == .none ? (shape.columns, shape.rows) : (shape.rows, shape.columns)
    let x = rng.vector(inLength)
    for (alpha, beta) in Self.scalings {
      let y0 = rng.vector(outLength)
      var y = y0
      BLAS.gemv(trans, alpha: alpha, a, x, beta: beta, into: &y)
      let expected = referenceGemv(trans, alpha: alpha, a, x, beta: beta, y0)
      expectClose(
        y, expected, scale: Double(inLength) * abs(alpha) + abs(beta),
        "gemv \(trans) \(shape.rows)x\(shape.columns) alpha=\(alpha) beta=\(beta)")
    }
    let plain = BLAS.gemv(trans, a, x)
    let expected = referenceGemv(trans, alpha: 1, a, x, beta: 0, [])
    expectClose(plain, expected, scale: Double(inLength), "gemv \(trans) \(shape) returning")
  }

  /// BLAS: "when beta is zero, y need not be set on input": NaN or ∞ in y must not leak into
  /// the result, whatever the shape.
  @Test(arguments: 0..<oddShapes.count, [Transpose.none, .transposed])
  func betaZeroIgnoresGarbageInY(_ shapeIndex: Int, _ trans: Transpose) {
    let shape = oddShapes[shapeIndex]
    var rng = SeededGenerator(seed: 320 + UInt64(shapeIndex))
    let a = rng.matrix(shape.rows, shape.columns)
    let (inLength, outLength) =
      trans == .none ? (shape.columns, shape.rows) : (shape.rows, shape.columns)
    let x = rng.vector(inLength)
    var y = (0..<outLength).map { $0 % 2 == 0 ? Double.nan : .infinity }
    BLAS.gemv(trans, alpha: 1, a, x, beta: 0, into: &y)
    let expected = referenceGemv(trans, alpha: 1, a, x, beta: 0, [])
    expectClose(y, expected, scale: Double(inLength), "gemv \(trans) \(shape) beta=0, y=NaN")
  }

  /// A sub-matrix inside a larger one (lda > columns), strided and reversed vectors.
  @Test(arguments: [
    (rows: 4, columns: 3, incx: 1, incy: 2),
    (rows: 1, columns: 6, incx: 3, incy: 1),
    (rows: 6, columns: 1, incx: 2, incy: 3),
    (rows: 5, columns: 7, incx: -2, incy: 2),
    (rows: 5, columns: 7, incx: 2, incy: -3),
    (rows: 0, columns: 4, incx: 2, incy: 2),
    (rows: 4, columns: 0, incx: 2, incy: 2),
  ])
  func stridedGemvMatchesLoops(_ rows: Int, _ columns: Int, _ incx: Int, _ incy: Int) {
    var rng = SeededGenerator(seed: 340 + UInt64(rows * 10 + columns))
    // A is the block at row 2, column 1 of a (rows + 3) x (columns + 4) parent.
    let lda = columns + 4
    let parent = rng.matrix(rows + 3, lda)
    let offset = 2 * lda + 1
    var a = Matrix(rows: rows, columns: columns)
    for i in 0..<rows {
      for j in 0..<columns { a[i, j] = parent.elements[offset + i * lda + j] }
    }
    for trans in [Transpose.none, .transposed] {
      let (inLength, outLength) = trans == .none ? (columns, rows) : (rows, columns)
      let xStorage = rng.vector(max(1, inLength * abs(incx)))
      let yStorage = rng.vector(max(1, outLength * abs(incy)))
      func position(_ k: Int, _ length: Int, _ inc: Int) -> Int {
        (inc > 0 ? k : length - 1 - k) * abs(inc)
      }
      let x = (0..<inLength).map { xStorage[position($0, inLength, incx)] }
      let y0 = (0..<outLength).map { yStorage[position($0, outLength, incy)] }
      for (alpha, beta) in Self.scalings {
        var yOut = yStorage
        parent.elements.withUnsafeBufferPointer { p in
          yOut.withUnsafeMutableBufferPointer { yb in
            BLAS.gemv(
              trans, rows: rows, columns: columns, alpha: alpha, a: p.baseAddress! + offset,
              lda: lda, x: xStorage, incx: incx, beta: beta, y: yb.baseAddress!, incy: incy)
          }
        }
        let expected = referenceGemv(trans, alpha: alpha, a, x, beta: beta, y0)
        let actual = (0..<outLength).map { yOut[position($0, outLength, incy)] }
        let label =
          "strided gemv \(trans) \(rows)x\(columns) lda=\(lda) incx=\(incx) incy=\(incy) "
          + "alpha=\(alpha) beta=\(beta)"
        expectClose(
          actual, expected, scale: Double(inLength) * abs(alpha) + abs(beta), label)
        // Elements between the strides are not touched.
        var touched = Set<Int>()
        for k in 0..<outLength { touched.insert(position(k, outLength, incy)) }
        for index in yStorage.indices where !touched.contains(index) {
          #expect(yOut[index] == yStorage[index], "\(label): wrote y storage at \(index)")
        }
      }
    }
  }
}
