import Foundation

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): a 64-bit counter advanced by the golden-ratio (Weyl) increment and passed through
/// a bijective finalizer. Fast, passes BigCrush, the same on every platform, so that one seed names
/// one sequence everywhere. Its finalizer doubles as a seed mixer (`mix`).
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// 2^64 / φ, the Weyl increment.
  public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

  public private(set) var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  /// The SplitMix64 finalizer (Stafford's variant 13): a bijection on UInt64 with full avalanche.
  @inline(__always)
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  public mutating func next() -> UInt64 {
    state &+= Self.increment
    return Self.mix(state)
  }

  /// A double uniform on [0, 1) with 53 random bits.
  public mutating func nextUnitInterval() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal by the Box–Muller transform; each call consumes exactly two draws (the
  /// pair's twin is dropped).
  public mutating func nextNormal() -> Double {
    let u1 = 1 - nextUnitInterval()  // (0, 1]: keeps the logarithm finite
    let u2 = nextUnitInterval()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// `exp(mu + s · Z)` with Z standard normal: a log-normal with median `e^mu`.
  public mutating func nextLogNormal(mu: Double, s: Double) -> Double {
    exp(mu + s * nextNormal())
  }
}
