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

  /// A number, as `JSONText.number` writes it (`null` when not finite), without an
  /// intermediate string for integral values.
  public func number(_ x: Double) {
    if x.isFinite, x == x.rounded(), abs(x) < 1e15 {
      integer(Int(x))
    } else {
      raw(JSONText.number(x))
    }
  }

  /// An integer.
  public func integer(_ n: Int) {
    guard n != 0 else {
      buffer.append(UInt8(ascii: "0"))
      return
    }
    if n < 0 { buffer.append(UInt8(ascii: "-")) }
    var magnitude = n.magnitude
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
    var count = 0
    withUnsafeMutableBytes(of: &digits) { scratch in
      while magnitude > 0 {
        scratch[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      }
      buffer.append(contentsOf: scratch[(24 - count)...])
    }
    if buffer.count >= capacity { flush() }
  }

  /// `true` or `false`.
  public func bool(_ b: Bool) { raw(b ? "true" : "false") }

  /// A string literal.
  public func string(_ s: String) { raw(JSONText.string(s)) }

  /// `[e0,e1,...]` of `count` elements, writing element `i` with `element(i)`.
  public func array(count: Int, _ element: (Int) -> Void) {
    buffer.append(UInt8(ascii: "["))
    for index in 0..<count {
      if index > 0 { buffer.append(UInt8(ascii: ",")) }
      element(index)
    }
    raw("]")
  }

  /// `[x0,x1,...]` of numbers.
  public func numbers(_ xs: [Double]) { array(count: xs.count) { number(xs[$0]) } }

  /// `[s0,s1,...]` of strings.
  public func strings(_ ss: [String]) { array(count: ss.count) { string(ss[$0]) } }

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
