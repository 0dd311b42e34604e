import Dispatch

/// `Z = Wᵀ · f(W · X)` for `K` right-hand sides at once, with one pass over `W`.
///
/// The matrix form of `FusedGemvPair`: `X` is `m x K` (one column per problem), and for each
/// cache-sized block of `W`'s rows, `Y_b = W_b · X` (a `rows x K` gemm), then `f` rewrites `Y_b`
/// in place, then `Z += W_bᵀ · Y_b` (a second gemm, over the block still in cache). Memory traffic
/// is one read of `W` for all `K` problems; the arithmetic, `4 · n · m · K` flops, is what bounds
/// a pass once `K` is large.
///
/// Rows are grouped into fixed chunks that may run on different threads, each summing into its own
/// partial `Z`; partials are added in chunk order. The split depends only on the shapes, so the
/// result is the same bit for bit on any number of cores (OpenBLAS itself runs on one thread).
public struct FusedGemmPair: Sendable {
  /// Rows per cache block.
  public let blockRows: Int
  /// Rows per chunk (the unit of parallel work).
  public let chunkRows: Int
  /// Whether chunks may run concurrently.
  public let parallel: Bool

  /// - Parameters:
  ///   - columns: the width `m` of `W`; sets the cache block (`cacheBytes / (8 m)` rows).
  ///   - parallel: run chunks on several threads (results do not change).
  ///   - cacheBytes, chunkRows: as for `FusedGemvPair`.
  public init(
    columns: Int, parallel: Bool = true, cacheBytes: Int = 256 * 1024, chunkRows: Int = 1024
  ) {
    self.blockRows = max(1, cacheBytes / (8 * max(1, columns)))
    self.chunkRows = max(chunkRows, self.blockRows)
    self.parallel = parallel
    BLAS.singleThreaded
  }

  /// Computes `Z = Wᵀ · f(W · X)`.
  ///
  /// - Parameters:
  ///   - w: the `n x m` matrix.
  ///   - x: `m x K`, row-major.
  ///   - z: receives `m x K` (overwritten).
  ///   - transform: called once per block with the block's first row and `W_b · X` (`count x K`,
  ///     row-major); replaces the values by `f`. Called concurrently for different blocks when
  ///     `parallel` is set.
  public func apply(
    _ w: Matrix, x: Matrix, into z: inout Matrix,
    transform: @Sendable (_ firstRow: Int, _ values: UnsafeMutableBufferPointer<Double>) -> Void
  ) {
    let n = w.rows
    let m = w.columns
    let k = x.columns
    precondition(x.rows == m, "FusedGemmPair: X has \(x.rows) rows, W has \(m) columns")
    precondition(
      z.rows == m && z.columns == k,
      "FusedGemmPair: Z is \(z.rows)x\(z.columns), expected \(m)x\(k)"
    )
    guard n > 0, m > 0, k > 0 else {
      for index in z.elements.indices { z.elements[index] = 0 }
      return
    }
    let blockRows = self.blockRows
    z.elements = w.elements.withUnsafeBufferPointer { wBuffer in
      x.elements.withUnsafeBufferPointer { xBuffer in
        nonisolated(unsafe) let wBase = wBuffer.baseAddress!
        nonisolated(unsafe) let xBase = xBuffer.baseAddress!
        return RowChunks.sumColumns(
          rows: n, columns: m * k, chunkRows: chunkRows, parallel: parallel
        ) { rows, zChunk in
          withUnsafeTemporaryAllocation(of: Double.self, capacity: blockRows * k) { yBlock in
            var first = rows.lowerBound
            while first < rows.upperBound {
              let count = min(blockRows, rows.upperBound - first)
              let wBlock = wBase + first * m
              let y = UnsafeMutableBufferPointer(rebasing: yBlock[0..<(count * k)])
              cblasGemm(
                .none, rows: count, columns: k, inner: m, a: wBlock, lda: m, b: xBase, ldb: k,
                beta: 0, c: y.baseAddress!, ldc: k)
              transform(first, y)
              cblasGemm(
                .transposed, rows: m, columns: k, inner: count, a: wBlock, lda: m,
                b: UnsafePointer(y.baseAddress!), ldb: k, beta: 1, c: zChunk.baseAddress!, ldc: k)
              first += count
            }
          }
        }
      }
    }
  }
}

/// `C ← op(A) · B + beta · C` on raw row-major storage, `op(A)` being `rows x inner`.
@inline(__always)
private func cblasGemm(
  _ transA: Transpose, rows: Int, columns: Int, inner: Int, a: UnsafePointer<Double>, lda: Int,
  b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
) {
  BLAS.gemm(
    transA, .none, rows: rows, columns: columns, inner: inner, alpha: 1, a: a, lda: lda, b: b,
    ldb: ldb, beta: beta, c: c, ldc: ldc)
}
