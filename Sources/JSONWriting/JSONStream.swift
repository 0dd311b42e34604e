#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Compact JSON text written piece by piece through a buffer, so that a large document (the
/// 10-million-value allocation of a 10,000 x 1,000 market) never exists as one string or as a
/// tree of boxed values. Pieces use `JSONText`'s forms (numbers in shortest round-trip form,
/// `null` for NaN and infinities).
///
/// The caller writes keys in the order it wants them (`gpumarket` writes them sorted, as
/// `JSONEncoder`'s `.sortedKeys` does) and is responsible for the document being well formed;
/// `object(_:)` and `array(_:_:)` take care of braces and commas.
public final class JSONStream {
  private var buffer: [UInt8] = []
  private let capacity: Int
  private let sink: (UnsafeRawBufferPointer) -> Void

  /// A stream into `sink`, called with at most `capacity` bytes at a time and at `flush()`.
  public init(capacity: Int = 1 << 20, sink: @escaping (UnsafeRawBufferPointer) -> Void) {
    self.capacity = max(1, capacity)
    self.sink = sink
    buffer.reserveCapacity(self.capacity)
  }

  /// A stream into the process's standard output (file descriptor 1). C streams are flushed
  /// first, so anything `print` wrote earlier stays ahead of this text. A failed write (a
  /// closed pipe) drops the rest silently, as `print` does.
  public static func standardOutput() -> JSONStream {
    fflush(nil)
    return JSONStream { bytes in
      guard var next = bytes.baseAddress else { return }
      var left = bytes.count
      while left > 0 {
        let written = write(1, next, left)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        left -= written
        next += written
      }
    }
  }

  deinit { flush() }

  /// Hands what is buffered to the sink.
  public func flush() {
    guard !buffer.isEmpty else { return }
    buffer.withUnsafeBytes { sink($0) }
    buffer.removeAll(keepingCapacity: true)
  }

  /// Appends text as it is (punctuation, or a literal already written).
  public func raw(_ text: String) {
    var text = text
    text.withUTF8 { buffer.append(contentsOf: $0) }
    if buffer.count >= capacity { flush() }
  }

  /// A number (`null` when not finite).
  public func number(_ x: Double) { raw(JSONText.number(x)) }

  /// An integer.
  public func integer(_ n: Int) { raw(String(n)) }

  /// `true` or `false`.
  public func bool(_ b: Bool) { raw(b ? "true" : "false") }

  /// A string literal.
  public func string(_ s: String) { raw(JSONText.string(s)) }

  /// `[e0,e1,...]`, writing each element with `element`.
  public func array<S: Sequence>(_ elements: S, _ element: (S.Element) -> Void) {
    raw("[")
    var first = true
    for item in elements {
      if !first { raw(",") }
      first = false
      element(item)
    }
    raw("]")
  }

  /// `[x0,x1,...]` of numbers.
  public func numbers<S: Sequence<Double>>(_ xs: S) { array(xs) { number($0) } }

  /// `[s0,s1,...]` of strings.
  public func strings<S: Sequence<String>>(_ ss: S) { array(ss) { string($0) } }

  /// `{"k0":v0,...}` in the order given; each value is written by its closure.
  public func object(_ members: [(key: String, value: () -> Void)]) {
    raw("{")
    for (index, member) in members.enumerated() {
      if index > 0 { raw(",") }
      string(member.key)
      raw(":")
      member.value()
    }
    raw("}")
  }
}
