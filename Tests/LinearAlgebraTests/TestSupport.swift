import LinearAlgebra
import Randomness
import Testing

/// A seeded SplitMix64, so that every run tests the same numbers.
typealias SeededGenerator = SplitMix64

extension SplitMix64 {
  /// Uniform in [-1, 1).
  mutating func nextSigned() -> Double {
    Double(next() >> 11) * 0x1p-52 - 1
  }

  mutating func vector(_ count: Int) -> [Double] {
    (0..<count).map { _ in nextSigned() }
  }

  mutating func matrix(_ rows: Int, _ columns: Int) -> Matrix {
    Matrix(rows: rows, columns: columns, elements: vector(rows * columns))
  }
}

/// Shapes every routine is tried on: a row, a column, empty in either direction, square and not.
let oddShapes: [(rows: Int, columns: Int)] = [
  (1, 1), (1, 7), (7, 1), (0, 5), (5, 0), (0, 0), (3, 5), (5, 3), (17, 4), (33, 64),
]

/// Checks `actual ≈ expected` element by element.
///
/// The bound is `tolerance · (1 + scale)`: `scale` is the size of the sums that produced the
/// values (the number of terms for entries in [-1, 1]), so rounding in a different summation
/// order passes and a wrong term does not.
func expectClose(
  _ actual: [Double], _ expected: [Double], scale: Double, tolerance: Double = 1e-13,
  _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    actual.count == expected.count, "\(label): \(actual.count) values, expected \(expected.count)",
    sourceLocation: sourceLocation)
  guard actual.count == expected.count else { return }
  let bound = tolerance * (1 + scale)
  for k in actual.indices {
    let error = abs(actual[k] - expected[k])
    if !(error <= bound) {
      Issue.record(
        "\(label): element \(k) is \(actual[k]), expected \(expected[k]) (error \(error) > \(bound))",
        sourceLocation: sourceLocation)
      return
    }
  }
}

/// Reference `op(A)`: a plain transpose loop, independent of `Matrix.transposed`.
func referenceOp(_ a: Matrix, _ trans: Transpose) -> Matrix {
  guard trans == .transposed else { return a }
  var elements = [Double](repeating: 0, count: a.rows * a.columns)
  for i in 0..<a.rows {
    for j in 0..<a.columns { elements[j * a.rows + i] = a.elements[i * a.columns + j] }
  }
  return Matrix(rows: a.columns, columns: a.rows, elements: elements)
}

/// Reference `alpha · op(A) · x + beta · y` (`beta == 0` ignores `y`, as BLAS specifies).
func referenceGemv(
  _ trans: Transpose, alpha: Double, _ a: Matrix, _ x: [Double], beta: Double, _ y: [Double]
) -> [Double] {
  let op = referenceOp(a, trans)
  return (0..<op.rows).map { i in
    var sum = 0.0
    for j in 0..<op.columns { sum += op.elements[i * op.columns + j] * x[j] }
    return alpha * sum + (beta == 0 ? 0 : beta * y[i])
  }
}

/// Reference `alpha · op(A) · op(B) + beta · C`.
func referenceGemm(
  _ transA: Transpose, _ transB: Transpose, alpha: Double, _ a: Matrix, _ b: Matrix,
  beta: Double, _ c: Matrix
) -> Matrix {
  let opA = referenceOp(a, transA)
  let opB = referenceOp(b, transB)
  var result = Matrix(rows: opA.rows, columns: opB.columns)
  for i in 0..<opA.rows {
    for j in 0..<opB.columns {
      var sum = 0.0
      for k in 0..<opA.columns {
        sum += opA.elements[i * opA.columns + k] * opB.elements[k * opB.columns + j]
      }
      result.elements[i * opB.columns + j] =
        alpha * sum + (beta == 0 ? 0 : beta * c.elements[i * opB.columns + j])
    }
  }
  return result
}

extension Transpose: CustomStringConvertible {
  public var description: String { self == .none ? "N" : "T" }
}
