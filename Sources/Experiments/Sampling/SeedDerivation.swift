import Randomness

/// Derives the seed of each run from the sweep's base seed, the point and the replicate.
///
///     seed(base, point, replicate) = mix(mix(mix(base ⊕ tag) + φ·(point + 1)) + φ·(replicate + 1))
///
/// where `mix` is the SplitMix64 finalizer (a bijection with full avalanche), φ = 0x9E3779B97F4A7C15
/// and `tag` a constant separating these seeds from other uses of the base seed. Each stage is a
/// bijection of its input for fixed other inputs, so two runs of one sweep that differ only in
/// point (or only in replicate) never share a seed, and neighbouring indices give unrelated seeds.
/// The result depends on nothing else: not on the order runs execute in, nor on `--jobs`.
public enum SeedDerivation {
  static let tag: UInt64 = 0x6770_756D_6172_6B74  // "gpumarkt"

  /// The seed of replicate `replicate` at design point `point` of a sweep with `base` seed.
  public static func seed(base: UInt64, point: Int, replicate: Int) -> UInt64 {
    let golden = SplitMix64.increment
    let stage0 = SplitMix64.mix(base ^ tag)
    let stage1 = SplitMix64.mix(stage0 &+ golden &* UInt64(point + 1))
    return SplitMix64.mix(stage1 &+ golden &* UInt64(replicate + 1))
  }

  /// The seeds of `count` replicates of one scenario, as `gpumarket compare`, `tco` and the
  /// explorer run them: `base` itself for one, else ``seed(base:point:replicate:)`` at point 0
  /// for each k, the same for every scenario run from `base` (common random numbers).
  public static func replicateSeeds(base: UInt64, count: Int) -> [UInt64] {
    (0..<count).map { k in count == 1 ? base : seed(base: base, point: 0, replicate: k) }
  }

  /// A seed for a named auxiliary stream (for example the random design's sampler), kept apart
  /// from run seeds by hashing the stream name into the derivation.
  public static func seed(base: UInt64, stream: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a offset basis
    for byte in stream.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return SplitMix64.mix(SplitMix64.mix(base ^ tag) ^ hash)
  }
}
