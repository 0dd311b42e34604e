import LinearAlgebra
import Testing

@Suite struct GemmTests {
  /// (m, n, k): C is m x n, the inner dimension is k.
  static let shapes: [(m: Int, n: Int, k: Int)] = [
    (1, 1, 1), (1, 5, 3), (5, 1, 3), (4, 6, 1), (3, 4, 0), (0, 4, 3), (4, 0, 3), (7, 9, 13),
    (32, 17, 40),
  ]
  static let transposes: [(Transpose, Transpose)] = [
    (.none, .none), (.none, .transposed), (.transposed, .none), (.transposed, .transposed),
  ]

  @Test(arguments: 0..<shapes.count, 0..<transposes.count)
  func gemmMatchesLoops(_ shapeIndex: Int, _ transIndex: Int) {
    let (m, n, k) = Self.shapes[shapeIndex]
    let (transA, transB) = Self.transposes[transIndex]
    var rng = SeededGenerator(seed: 400 + UInt64(shapeIndex * 4 + transIndex))
    // Stored shapes: op(A) is m x k, op(B) is k x n.
    let a = transA == .none ? rng.matrix(m, k) : rng.matrix(k, m)
    let b = transB == .none ? rng.matrix(k, n) : rng.matrix(n, k)
    let label = "gemm \(transA)\(transB) m=\(m) n=\(n) k=\(k)"
    for (alpha, beta) in [(1.0, 0.0), (-1.5, 1.0), (0.5, -2.0)] {
      let c0 = rng.matrix(m, n)
      var c = c0
      BLAS.gemm(transA, transB, alpha: alpha, a, b, beta: beta, into: &c)
      let expected = referenceGemm(transA, transB, alpha: alpha, a, b, beta: beta, c0)
      #expect(c.rows == m && c.columns == n, "\(label)")
      expectClose(
        c.elements, expected.elements, scale: Double(k) * abs(alpha) + abs(beta),
        "\(label) alpha=\(alpha) beta=\(beta)")
    }
    let product = BLAS.gemm(transA, transB, a, b)
    let expected = referenceGemm(
      transA, transB, alpha: 1, a, b, beta: 0, Matrix(rows: m, columns: n))
    #expect(product.rows == m && product.columns == n, "\(label) returning")
    expectClose(product.elements, expected.elements, scale: Double(k), "\(label) returning")
  }

  /// With beta = 0, C's old contents (NaN here) must not reach the result, even when k = 0.
  @Test(arguments: 0..<shapes.count)
  func betaZeroIgnoresGarbageInC(_ shapeIndex: Int) {
    let (m, n, k) = Self.shapes[shapeIndex]
    var rng = SeededGenerator(seed: 450 + UInt64(shapeIndex))
    let a = rng.matrix(m, k)
    let b = rng.matrix(k, n)
    var c = Matrix(rows: m, columns: n, repeating: .nan)
    BLAS.gemm(.none, .none, alpha: 1, a, b, beta: 0, into: &c)
    let expected = referenceGemm(.none, .none, alpha: 1, a, b, beta: 0, c)
    expectClose(c.elements, expected.elements, scale: Double(k), "gemm m=\(m) n=\(n) k=\(k) beta=0")
  }
}
