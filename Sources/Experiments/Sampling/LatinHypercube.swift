import Randomness

/// A Latin hypercube sample (McKay, Beckman & Conover, Technometrics 21, 1979).
///
/// For n samples in d dimensions, dimension j uses a random permutation π_j of 0..<n and
///     u_ij = (π_j(i) + ξ_ij) / n,   ξ_ij ~ U[0, 1)
/// so each of the n equal strata of every dimension holds exactly one sample. Permutations are
/// stored (n·d integers); the jitters ξ are recomputed from the seed when asked for.
public struct LatinHypercube: Sendable {
  public let samples: Int
  public let dimensions: Int
  let seed: UInt64
  let permutations: [[Int32]]

  public init(samples: Int, dimensions: Int, seed: UInt64) {
    self.samples = samples
    self.dimensions = dimensions
    self.seed = seed
    permutations = (0..<dimensions).map { d in
      var generator = SplitMix64(seed: SplitMix64.mix(seed ^ UInt64(d + 1)))
      var permutation = (0..<samples).map { Int32($0) }
      // Fisher–Yates; the modulo bias is below n / 2^64, negligible.
      if samples > 1 {
        for i in stride(from: samples - 1, to: 0, by: -1) {
          let j = Int(generator.next() % UInt64(i + 1))
          permutation.swapAt(i, j)
        }
      }
      return permutation
    }
  }

  /// Coordinate `dimension` of sample `sample`, in [0, 1).
  public func unit(_ sample: Int, _ dimension: Int) -> Double {
    var generator = SplitMix64(
      seed: SplitMix64.mix(
        seed &+ UInt64(sample &* dimensions &+ dimension) &* 0x2545_F491_4F6C_DD1D))
    let jitter = generator.nextUnitInterval()
    let u = (Double(permutations[dimension][sample]) + jitter) / Double(samples)
    return min(u, 1.0.nextDown)
  }
}
