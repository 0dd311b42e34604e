/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): a 64-bit counter advanced by the golden-ratio increment and passed through a
/// bijective finalizer. Fast, passes BigCrush, and its finalizer doubles as the seed mixer of
/// ``SeedDerivation``.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// 2^64 / φ, the Weyl increment.
  static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

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
}
