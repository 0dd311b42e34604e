import CBLAS

/// Thin, checked wrappers over the CBLAS routines gpumarket uses.
///
/// Two layers: `unsafe` entry points that take pointers, leading dimensions and strides exactly as
/// CBLAS does (for sub-matrices and strided vectors), and safe entry points over `Matrix` and
/// `[Double]` that check shapes with `precondition`. Everything is row-major.
public enum BLAS {
  /// Fixes the number of OpenBLAS threads.
  ///
  /// gpumarket calls this with 1 at start-up: a threaded BLAS reduction splits sums differently for
  /// different thread counts, and results must not depend on the machine. Parallelism comes from
  /// the callers instead, over work split in a fixed way.
  public static func setThreadCount(_ count: Int) {
    openblas_set_num_threads(Int32(max(1, count)))
  }

  /// Pins OpenBLAS to one thread, once per process. Kernels that parallelise do so over a fixed
  /// split of their own (see `FusedGemvPair`), so results never depend on the core count.
  public static let singleThreaded: Void = setThreadCount(1)

  /// The number of threads OpenBLAS will use.
  public static var threadCount: Int { Int(openblas_get_num_threads()) }

  /// The OpenBLAS build and the CPU kernel it chose, e.g. "OpenBLAS 0.3.29 DYNAMIC_ARCH … (Zen)".
  public static var configuration: String {
    "\(String(cString: openblas_get_config())) (\(String(cString: openblas_get_corename())))"
  }

  // MARK: Level 2

  /// `y ← alpha · op(A) · x + beta · y` on raw storage.
  ///
  /// - Parameters:
  ///   - rows, columns: the shape of `A` as stored (before `op`).
  ///   - a: first element of `A`; `lda >= max(1, columns)` is the distance between rows.
  ///   - x, incx: `op(A)`'s right operand and its stride (non-zero).
  ///   - y, incy: the result and its stride (non-zero).
  @inlinable
  public static func gemv(
    _ trans: Transpose, rows: Int, columns: Int, alpha: Double,
    a: UnsafePointer<Double>, lda: Int, x: UnsafePointer<Double>, incx: Int,
    beta: Double, y: UnsafeMutablePointer<Double>, incy: Int
  ) {
    precondition(lda >= max(1, columns), "lda must be at least max(1, columns)")
    precondition(incx != 0 && incy != 0, "strides must be non-zero")
    guard rows > 0, columns > 0 else {
      // BLAS quick-returns on an empty A without applying beta; do it here so that
      // `y = beta * y` holds for every shape. As in BLAS, beta = 0 sets y to 0 (y need not
      // be set on input: NaN there must not survive as 0 · NaN).
      let outLength = trans == .none ? rows : columns
      for k in 0..<outLength { y[k * abs(incy)] = beta == 0 ? 0 : beta * y[k * abs(incy)] }
      return
    }
    cblas_dgemv(
      CblasRowMajor, trans.cblas, Int32(rows), Int32(columns), alpha, a, Int32(lda), x,
      Int32(incx), beta, y, Int32(incy))
  }

  /// `y ← alpha · op(A) · x + beta · y`.
  public static func gemv(
    _ trans: Transpose = .none, alpha: Double = 1, _ a: Matrix, _ x: [Double],
    beta: Double = 0, into y: inout [Double]
  ) {
    let (inLength, outLength) = trans == .none ? (a.columns, a.rows) : (a.rows, a.columns)
    precondition(
      x.count == inLength, "gemv: x has \(x.count) elements, op(A) has \(inLength) columns")
    precondition(
      y.count == outLength, "gemv: y has \(y.count) elements, op(A) has \(outLength) rows")
    a.elements.withUnsafeBufferPointer { aBuffer in
      x.withUnsafeBufferPointer { xBuffer in
        y.withUnsafeMutableBufferPointer { yBuffer in
          guard let yBase = yBuffer.baseAddress else { return }
          gemv(
            trans, rows: a.rows, columns: a.columns, alpha: alpha,
            a: aBuffer.baseAddress ?? emptyPointer, lda: max(1, a.columns),
            x: xBuffer.baseAddress ?? emptyPointer, incx: 1, beta: beta, y: yBase, incy: 1)
        }
      }
    }
  }

  /// `op(A) · x` as a new vector.
  public static func gemv(_ trans: Transpose = .none, _ a: Matrix, _ x: [Double]) -> [Double] {
    var y = [Double](repeating: 0, count: trans == .none ? a.rows : a.columns)
    gemv(trans, a, x, into: &y)
    return y
  }

  // MARK: Level 3

  /// `C ← alpha · op(A) · op(B) + beta · C` on raw row-major storage.
  ///
  /// - Parameters:
  ///   - rows, columns: the shape of `C` (`op(A)` is `rows x inner`, `op(B)` is `inner x columns`).
  ///   - a, lda; b, ldb; c, ldc: first elements and distances between stored rows.
  @inlinable
  public static func gemm(
    _ transA: Transpose, _ transB: Transpose, rows: Int, columns: Int, inner: Int,
    alpha: Double, a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
    beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    guard rows > 0, columns > 0 else { return }
    guard inner > 0 else {
      // BLAS semantics: beta = 0 sets C to 0 (C need not be set on input).
      for i in 0..<rows {
        for j in 0..<columns { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] }
      }
      return
    }
    cblas_dgemm(
      CblasRowMajor, transA.cblas, transB.cblas, Int32(rows), Int32(columns), Int32(inner),
      alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// `C ← alpha · op(A) · op(B) + beta · C`.
  public static func gemm(
    _ transA: Transpose = .none, _ transB: Transpose = .none, alpha: Double = 1,
    _ a: Matrix, _ b: Matrix, beta: Double = 0, into c: inout Matrix
  ) {
    let (m, k) = transA == .none ? (a.rows, a.columns) : (a.columns, a.rows)
    let (kB, n) = transB == .none ? (b.rows, b.columns) : (b.columns, b.rows)
    precondition(k == kB, "gemm: inner dimensions differ (\(k) vs \(kB))")
    precondition(
      c.rows == m && c.columns == n, "gemm: C is \(c.rows)x\(c.columns), expected \(m)x\(n)")
    guard m > 0, n > 0 else { return }
    guard k > 0 else {
      // BLAS semantics: beta = 0 sets C to 0 (C need not be set on input).
      for index in c.elements.indices {
        c.elements[index] = beta == 0 ? 0 : beta * c.elements[index]
      }
      return
    }
    a.elements.withUnsafeBufferPointer { aBuffer in
      b.elements.withUnsafeBufferPointer { bBuffer in
        c.elements.withUnsafeMutableBufferPointer { cBuffer in
          cblas_dgemm(
            CblasRowMajor, transA.cblas, transB.cblas, Int32(m), Int32(n), Int32(k), alpha,
            aBuffer.baseAddress, Int32(max(1, a.columns)), bBuffer.baseAddress,
            Int32(max(1, b.columns)), beta, cBuffer.baseAddress, Int32(max(1, n)))
        }
      }
    }
  }

  /// `op(A) · op(B)` as a new matrix.
  public static func gemm(
    _ transA: Transpose = .none, _ transB: Transpose = .none, _ a: Matrix, _ b: Matrix
  ) -> Matrix {
    let m = transA == .none ? a.rows : a.columns
    let n = transB == .none ? b.columns : b.rows
    var c = Matrix(rows: m, columns: n)
    gemm(transA, transB, a, b, into: &c)
    return c
  }

  // MARK: Level 1

  /// `xᵀ y` over `count` elements with strides `incx`, `incy`.
  @inlinable
  public static func dot(
    count: Int, _ x: UnsafePointer<Double>, incx: Int, _ y: UnsafePointer<Double>, incy: Int
  ) -> Double {
    guard count > 0 else { return 0 }
    return cblas_ddot(Int32(count), x, Int32(incx), y, Int32(incy))
  }

  /// `xᵀ y`.
  public static func dot(_ x: [Double], _ y: [Double]) -> Double {
    precondition(x.count == y.count, "dot: lengths differ (\(x.count) vs \(y.count))")
    return x.withUnsafeBufferPointer { xb in
      y.withUnsafeBufferPointer { yb in
        dot(
          count: x.count, xb.baseAddress ?? emptyPointer, incx: 1, yb.baseAddress ?? emptyPointer,
          incy: 1)
      }
    }
  }

  /// `y ← alpha · x + y`.
  public static func axpy(alpha: Double, _ x: [Double], _ y: inout [Double]) {
    precondition(x.count == y.count, "axpy: lengths differ (\(x.count) vs \(y.count))")
    guard !x.isEmpty else { return }
    x.withUnsafeBufferPointer { xb in
      y.withUnsafeMutableBufferPointer { yb in
        cblas_daxpy(Int32(x.count), alpha, xb.baseAddress, 1, yb.baseAddress, 1)
      }
    }
  }

  /// `x ← alpha · x`.
  public static func scal(_ alpha: Double, _ x: inout [Double]) {
    guard !x.isEmpty else { return }
    x.withUnsafeMutableBufferPointer { xb in
      cblas_dscal(Int32(xb.count), alpha, xb.baseAddress, 1)
    }
  }

  /// Euclidean norm `‖x‖₂` (computed by BLAS without overflow for large elements).
  public static func nrm2(_ x: [Double]) -> Double {
    guard !x.isEmpty else { return 0 }
    return x.withUnsafeBufferPointer { cblas_dnrm2(Int32($0.count), $0.baseAddress, 1) }
  }

  /// `Σ |x_i|`.
  public static func asum(_ x: [Double]) -> Double {
    guard !x.isEmpty else { return 0 }
    return x.withUnsafeBufferPointer { cblas_dasum(Int32($0.count), $0.baseAddress, 1) }
  }

  /// A valid pointer for empty operands (BLAS never reads it when a dimension is zero).
  @usableFromInline
  nonisolated(unsafe) static let emptyPointer: UnsafePointer<Double> = {
    let storage = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    storage.initialize(to: 0)
    return UnsafePointer(storage)
  }()
}

extension Transpose {
  @usableFromInline
  var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}
