import Foundation
import LinearAlgebra
import Testing

@Suite struct FusedGemmPairTests {
  /// (rows, columns, right-hand sides, cacheBytes, chunkRows).
  static let configurations: [(rows: Int, columns: Int, k: Int, cacheBytes: Int, chunkRows: Int)] =
    [
      (1, 1, 1, 256 * 1024, 1024),
      (9, 1, 3, 8, 1),
      (1, 9, 4, 8, 1),
      (0, 5, 2, 256 * 1024, 1024),
      (5, 3, 0, 256 * 1024, 1024),
      (37, 11, 5, 8 * 11 * 3, 7),
      (100, 13, 32, 8 * 13 * 8, 3),
      (3000, 40, 7, 64 * 1024, 256),
    ]

  /// Column `c` of the answer is `FusedGemvPair`'s reference on column `c` of `X`, with the test
  /// transform seeing the right global row.
  @Test(arguments: 0..<configurations.count)
  func matchesTheReferenceColumnByColumn(_ index: Int) {
    let c = Self.configurations[index]
    var rng = SeededGenerator(seed: 900 + UInt64(index))
    let w = rng.matrix(c.rows, c.columns)
    let x = rng.matrix(c.columns, c.k)
    let label =
      "gemm pair \(c.rows)x\(c.columns) K=\(c.k) cache=\(c.cacheBytes) chunk=\(c.chunkRows)"
    var answers: [[UInt64]] = []
    for parallel in [false, true] {
      let fused = FusedGemmPair(
        columns: c.columns, parallel: parallel, cacheBytes: c.cacheBytes, chunkRows: c.chunkRows)
      var z = Matrix(rows: c.columns, columns: c.k, repeating: .nan)  // must be overwritten
      let k = c.k
      fused.apply(w, x: x, into: &z) { first, values in
        for index in values.indices {
          values[index] = testTransform(first + index / k, values[index])
        }
      }
      for column in 0..<c.k {
        let expected = referenceFused(w, (0..<c.columns).map { x[$0, column] })
        expectClose(
          (0..<c.columns).map { z[$0, column] }, expected, scale: Double(c.rows * c.columns),
          "\(label) parallel=\(parallel) column \(column)")
      }
      answers.append(z.elements.map(\.bitPattern))
    }
    #expect(answers[0] == answers[1], "\(label): serial and parallel bits differ")
  }
}

@Suite struct MatrixReusingTests {
  @Test func reusesALargeEnoughBufferAndWritesEveryElement() {
    let old = [Double](repeating: 7, count: 40)
    let oldAddress = old.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
    let shrunk = Matrix(rows: 3, columns: 4, reusing: consume old) { buffer in
      for k in buffer.indices { buffer[k] = Double(k) }
    }
    #expect(shrunk.elements == (0..<12).map(Double.init))
    #expect(
      shrunk.elements.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } == oldAddress)
    var small = [Double](repeating: 1, count: 2)
    small.reserveCapacity(30)
    let grown = Matrix(rows: 5, columns: 5, reusing: consume small) { buffer in
      for k in buffer.indices { buffer[k] = -Double(k) }
    }
    #expect(grown.elements == (0..<25).map { -Double($0) })
    let fresh = Matrix(rows: 2, columns: 3, reusing: [1, 2]) { buffer in
      for k in buffer.indices { buffer[k] = 2 * Double(k) }
    }
    #expect(fresh.rows == 2 && fresh.columns == 3 && fresh.elements == [0, 2, 4, 6, 8, 10])
    let empty = Matrix(rows: 0, columns: 3, reusing: [1, 2, 3]) { _ in }
    #expect(empty.elements.isEmpty)
  }
}
