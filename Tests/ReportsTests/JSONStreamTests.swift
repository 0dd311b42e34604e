import Foundation
import JSONWriting
import Testing

/// `JSONStream` writes the same bytes as `JSONEncoder` with sorted keys for the values
/// `gpumarket clear` prints, whatever its buffer size (except the forms of -0, written `0`, and
/// of integral values of 1e15 and more, `1000000000000000.0`: the same numbers).
@Suite struct JSONStreamTests {
  struct Sample: Encodable {
    let allocation: [[Double]]
    let converged: Bool
    let iterations: Int
    let names: [String]
    let tolerance: Double
  }

  static let sample = Sample(
    allocation: [
      [84242709.9959257, 0.1], [3, 1e-07], [-2.5e300, 123456789012.5],
      [-7, 0, 999_999_999_999_999, -3],
    ],
    converged: true, iterations: 12,
    names: ["anthropic", "a \"quoted\" / slashed\\name", "tab\there", "ünïcødé ✓", "\u{1}"],
    tolerance: 1e-9)

  static func streamed(capacity: Int) -> String {
    var bytes: [UInt8] = []
    let out = JSONStream(capacity: capacity) { bytes.append(contentsOf: $0) }
    let s = sample
    out.object([
      ("allocation", { out.array(count: s.allocation.count) { out.numbers(s.allocation[$0]) } }),
      ("converged", { out.bool(s.converged) }),
      ("iterations", { out.integer(s.iterations) }),
      ("names", { out.strings(s.names) }),
      ("tolerance", { out.number(s.tolerance) }),
    ])
    out.flush()
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func matchesJSONEncoderByteForByte() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let expected = String(decoding: try encoder.encode(Self.sample), as: UTF8.self)
    #expect(Self.streamed(capacity: 1 << 20) == expected)
  }

  @Test(arguments: [1, 7, 64])
  func smallBuffersGiveTheSameBytes(_ capacity: Int) {
    #expect(Self.streamed(capacity: capacity) == Self.streamed(capacity: 1 << 20))
  }

  @Test func nonFiniteNumbersAreNull() throws {
    var bytes: [UInt8] = []
    let out = JSONStream { bytes.append(contentsOf: $0) }
    out.numbers([1, .nan, .infinity, -.infinity, 2])
    out.flush()
    #expect(String(decoding: bytes, as: UTF8.self) == "[1,null,null,null,2]")
  }

  @Test func emptyContainers() {
    var bytes: [UInt8] = []
    let out = JSONStream { bytes.append(contentsOf: $0) }
    out.object([("a", { out.numbers([]) }), ("b", { out.object([]) })])
    out.flush()
    #expect(String(decoding: bytes, as: UTF8.self) == #"{"a":[],"b":{}}"#)
  }
}
