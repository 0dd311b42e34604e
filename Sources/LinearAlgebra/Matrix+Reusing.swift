extension Matrix {
  /// A `rows x columns` matrix written by `initialize` into `storage`'s buffer when it is large
  /// enough, so that a matrix rebuilt for every clear reuses pages that are already mapped.
  ///
  /// A fresh buffer of tens of megabytes comes from the kernel untouched, and its first write
  /// page-faults (and zero-fills) every page; rewriting a buffer that is already resident moves
  /// only the bytes. `initialize` must write every element; the old contents are garbage to it.
  /// When `storage` is too small (or shared), a fresh buffer is used as in
  /// `init(rows:columns:unsafeUninitialized:)`.
  public init(
    rows: Int, columns: Int, reusing storage: consuming [Double],
    unsafeUninitialized initialize: (UnsafeMutableBufferPointer<Double>) -> Void
  ) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    let count = rows * columns
    var elements = consume storage
    guard elements.capacity >= count, count > 0 else {
      self.init(rows: rows, columns: columns, unsafeUninitialized: initialize)
      return
    }
    if elements.count > count {
      elements.removeLast(elements.count - count)  // keeps the capacity
    } else if elements.count < count {
      elements.append(contentsOf: repeatElement(0, count: count - elements.count))
    }
    elements.withUnsafeMutableBufferPointer { initialize($0) }
    self.init(rows: rows, columns: columns, elements: elements)
  }
}
