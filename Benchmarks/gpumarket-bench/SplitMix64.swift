import Foundation

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014):
/// a 64-bit state advanced by a Weyl step and scrambled. Small, fast, and the same on every
/// platform, so a seed names one market everywhere.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1) with 53 random bits.
  mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// Standard normal by the Box–Muller transform (one value per call; the pair's twin is dropped
  /// so that each call consumes exactly two draws).
  mutating func nextNormal() -> Double {
    let u1 = 1 - nextUnit()  // (0, 1]: keeps log finite
    let u2 = nextUnit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// `exp(mu + s · Z)`, Z standard normal: median `e^mu`.
  mutating func nextLogNormal(mu: Double, s: Double) -> Double {
    exp(mu + s * nextNormal())
  }
}
