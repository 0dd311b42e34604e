import Foundation
import Randomness

/// xoshiro256** (Blackman & Vigna 2018), the generator behind every random draw in a run.
///
/// Streams are split by name: `Xoshiro256(seed:stream:)` mixes the seed with a 64-bit FNV-1a hash
/// of the stream name, so "supply-shocks" and "demand-noise" never share draws and adding one
/// stream does not change another. Same seed and name: same sequence, on every platform.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
  private var s: (UInt64, UInt64, UInt64, UInt64)

  public init(seed: UInt64) {
    var mix = SplitMix64(seed: seed)
    s = (mix.next(), mix.next(), mix.next(), mix.next())
  }

  public init(seed: UInt64, stream: String) {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in stream.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    self.init(seed: seed ^ hash)
  }

  public mutating func next() -> UInt64 {
    let result = rotl(s.1 &* 5, 7) &* 9
    let t = s.1 << 17
    s.2 ^= s.0
    s.3 ^= s.1
    s.1 ^= s.2
    s.0 ^= s.3
    s.2 ^= t
    s.3 = rotl(s.3, 45)
    return result
  }

  /// Uniform in [0, 1) with 53 random bits.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Standard normal by Box–Muller (uses two uniforms per draw; deterministic).
  public mutating func normal() -> Double {
    let u1 = 1 - uniform()
    let u2 = uniform()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
