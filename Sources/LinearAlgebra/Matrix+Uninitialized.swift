#if canImport(Glibc)
  import Glibc
#endif

extension Matrix {
  /// A `rows x columns` matrix whose elements `initialize` writes, every one exactly once, into
  /// fresh storage (no zero-fill first).
  ///
  /// For a large market every such matrix is tens of megabytes, and on Linux its storage comes
  /// straight from the kernel: touched in 4 KiB pages, the page faults cost more than the
  /// writes. Storage of `hugePageThreshold` bytes or more is therefore advised for transparent
  /// huge pages (`madvise(MADV_HUGEPAGE)` on its 2 MiB-aligned interior) before it is touched,
  /// as numpy does for its large arrays. Where the advice is not supported it is ignored; the
  /// values are the same either way.
  public init(
    rows: Int, columns: Int,
    unsafeUninitialized initialize: (UnsafeMutableBufferPointer<Double>) -> Void
  ) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    let count = rows * columns
    let elements = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      Matrix.adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
      initialize(buffer)
      initialized = count
    }
    self.init(rows: rows, columns: columns, elements: elements)
  }

  /// Storage from this size on is advised for huge pages (8 MiB: four 2 MiB pages).
  public static let hugePageThreshold = 8 << 20

  /// Advises the kernel to back the 2 MiB-aligned interior of `buffer` with huge pages.
  static func adviseHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
    #if os(Linux)
      let hugePage = 2 << 20
      guard buffer.count >= hugePageThreshold, let base = buffer.baseAddress else { return }
      let start = (UInt(bitPattern: base) + UInt(hugePage - 1)) & ~UInt(hugePage - 1)
      let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~UInt(hugePage - 1)
      guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
      _ = madvise(pointer, Int(end - start), MADV_HUGEPAGE)
    #endif
  }
}

extension Matrix {
  /// `count` matrices of `rows x columns` written together: `initialize` gets the base of each
  /// one's storage and must write every element of every matrix. For work that fills several
  /// matrices from one read of a shared input. Matrix `k` is written in `storages[k]` when that
  /// buffer is large enough (as `init(rows:columns:reusing:unsafeUninitialized:)` does), else in
  /// fresh storage advised for huge pages.
  public static func batch(
    count: Int, rows: Int, columns: Int, reusing storages: consuming [[Double]] = [],
    unsafeUninitialized initialize: ([UnsafeMutablePointer<Double>]) -> Void
  ) -> [Matrix] {
    precondition(rows >= 0 && columns >= 0 && count >= 0, "counts must be non-negative")
    let elements = rows * columns
    guard elements > 0 else {
      initialize([])
      return (0..<count).map { _ in Matrix(rows: rows, columns: columns) }
    }
    var spare = consume storages
    var built: [[Double]] = []
    func open(_ pointers: [UnsafeMutablePointer<Double>]) {
      guard pointers.count < count else {
        initialize(pointers)
        return
      }
      let k = pointers.count
      if k < spare.count, spare[k].capacity >= elements {
        var storage = spare[k]
        spare[k] = []  // the only reference now: rewritten in place
        if storage.count > elements {
          storage.removeLast(storage.count - elements)
        } else if storage.count < elements {
          storage.append(contentsOf: repeatElement(0, count: elements - storage.count))
        }
        storage.withUnsafeMutableBufferPointer { open(pointers + [$0.baseAddress!]) }
        built.append(storage)
        return
      }
      let storage = [Double](unsafeUninitializedCapacity: elements) { buffer, initialized in
        adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
        open(pointers + [buffer.baseAddress!])
        initialized = elements
      }
      built.append(storage)  // innermost (the last matrix) first
    }
    open([])
    return built.reversed().map { Matrix(rows: rows, columns: columns, elements: $0) }
  }
}
