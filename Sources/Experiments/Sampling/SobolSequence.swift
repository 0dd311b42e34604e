/// The unscrambled Sobol low-discrepancy sequence in up to
/// ``JoeKuoDirectionNumbers/dimensions`` dimensions, with Joe–Kuo direction numbers.
///
/// Point n (from 0) is `x_n = ⊕_k b_k(gray(n)) · v_k / 2^32` per dimension, where
/// gray(n) = n ⊕ (n >> 1) and v_k are the direction numbers. Direction numbers follow
/// Bratley & Fox (1988), as in scipy's `qmc.Sobol(scramble=False)`: the first points of the two
/// coincide (0, 0.5, 0.75/0.25, ...). Supports 2^32 points.
public struct SobolSequence: Sendable {
  public static let bits = 32
  public let dimensions: Int
  /// v[d][k]: direction number k of dimension d, scaled to 32 bits.
  let directions: [[UInt32]]

  public init(dimensions: Int) throws(SamplingError) {
    guard dimensions >= 1, dimensions <= JoeKuoDirectionNumbers.dimensions else {
      throw SamplingError.tooManySobolDimensions(
        requested: dimensions, available: JoeKuoDirectionNumbers.dimensions)
    }
    self.dimensions = dimensions
    var directions: [[UInt32]] = []
    for d in 0..<dimensions {
      var m = [UInt32](repeating: 0, count: Self.bits)
      if d == 0 {
        for k in 0..<Self.bits { m[k] = 1 }
      } else {
        let p = JoeKuoDirectionNumbers.polynomial[d]
        let degree = (32 - p.leadingZeroBitCount) - 1
        let initial = JoeKuoDirectionNumbers.initial[d]
        for k in 0..<degree { m[k] = initial[k] }
        if degree < Self.bits {
          for j in degree..<Self.bits {
            // m_j = 2^s m_{j-s} ⊕ m_{j-s} ⊕ ⊕_{k=1}^{s-1} 2^k a_k m_{j-k}
            var value = m[j - degree] ^ (m[j - degree] << UInt32(degree))
            for k in 1..<degree where (p >> UInt32(degree - k)) & 1 == 1 {
              value ^= m[j - k] << UInt32(k)
            }
            m[j] = value
          }
        }
      }
      // v_k = m_k · 2^(32 - k - 1) for k from 0.
      directions.append((0..<Self.bits).map { k in m[k] << UInt32(Self.bits - 1 - k) })
    }
    self.directions = directions
  }

  /// Point `index` of the sequence, each coordinate in [0, 1).
  public func point(_ index: Int) -> [Double] {
    let gray = UInt64(index) ^ (UInt64(index) >> 1)
    return (0..<dimensions).map { d in
      var x: UInt32 = 0
      var bits = gray
      var k = 0
      while bits != 0 {
        if bits & 1 == 1 { x ^= directions[d][k] }
        bits >>= 1
        k += 1
      }
      return Double(x) * 0x1.0p-32
    }
  }
}
