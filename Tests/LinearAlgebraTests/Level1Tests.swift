import LinearAlgebra
import Testing

@Suite struct Level1Tests {
  static let lengths = [0, 1, 2, 7, 100, 1001]

  @Test(arguments: lengths)
  func dotMatchesLoop(_ count: Int) {
    var rng = SeededGenerator(seed: 200 + UInt64(count))
    let x = rng.vector(count)
    let y = rng.vector(count)
    var expected = 0.0
    for k in 0..<count { expected += x[k] * y[k] }
    expectClose([BLAS.dot(x, y)], [expected], scale: Double(count), "dot n=\(count)")
  }

  @Test(arguments: [(1, 1), (2, 3), (3, 1), (4, -2), (-1, 2)])
  func stridedDotMatchesLoop(_ incx: Int, _ incy: Int) {
    let count = 9
    var rng = SeededGenerator(seed: 210)
    let xStorage = rng.vector(count * abs(incx))
    let yStorage = rng.vector(count * abs(incy))
    // BLAS: element k of a vector with negative stride sits at (count - 1 - k) · |inc|.
    func element(_ storage: [Double], _ inc: Int, _ k: Int) -> Double {
      storage[(inc > 0 ? k : count - 1 - k) * abs(inc)]
    }
    var expected = 0.0
    for k in 0..<count { expected += element(xStorage, incx, k) * element(yStorage, incy, k) }
    let actual = BLAS.dot(count: count, xStorage, incx: incx, yStorage, incy: incy)
    expectClose([actual], [expected], scale: Double(count), "dot incx=\(incx) incy=\(incy)")
    #expect(BLAS.dot(count: 0, xStorage, incx: incx, yStorage, incy: incy) == 0)
  }

  @Test(arguments: lengths)
  func axpyMatchesLoop(_ count: Int) {
    var rng = SeededGenerator(seed: 220 + UInt64(count))
    let x = rng.vector(count)
    for alpha in [0.0, 1, -2.5] {
      var y = rng.vector(count)
      let expected = (0..<count).map { alpha * x[$0] + y[$0] }
      BLAS.axpy(alpha: alpha, x, &y)
      expectClose(y, expected, scale: 1, "axpy n=\(count) alpha=\(alpha)")
    }
  }

  @Test(arguments: lengths)
  func scalMatchesLoop(_ count: Int) {
    var rng = SeededGenerator(seed: 230 + UInt64(count))
    for alpha in [1.0, -3, 0.125] {
      var x = rng.vector(count)
      let expected = x.map { alpha * $0 }
      BLAS.scal(alpha, &x)
      expectClose(x, expected, scale: 1, "scal n=\(count) alpha=\(alpha)")
    }
  }

  @Test(arguments: lengths)
  func normsMatchLoops(_ count: Int) {
    var rng = SeededGenerator(seed: 240 + UInt64(count))
    let x = rng.vector(count)
    var squares = 0.0
    var absolute = 0.0
    for v in x {
      squares += v * v
      absolute += abs(v)
    }
    expectClose([BLAS.nrm2(x)], [squares.squareRoot()], scale: 1, "nrm2 n=\(count)")
    expectClose([BLAS.asum(x)], [absolute], scale: Double(count), "asum n=\(count)")
  }

  @Test func nrm2DoesNotOverflowOrUnderflow() {
    // The naive sqrt(Σx²) would give inf and 0 here.
    let big = BLAS.nrm2([3e200, -4e200])
    #expect(abs(big / 5e200 - 1) < 1e-15)
    let small = BLAS.nrm2([3e-200, 4e-200])
    #expect(abs(small / 5e-200 - 1) < 1e-15)
  }
}
