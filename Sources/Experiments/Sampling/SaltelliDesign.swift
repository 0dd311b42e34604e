/// The Saltelli (2010) design for first- and total-order Sobol indices without second-order
/// terms: N(D+2) points from the first N points of a 2D-dimensional Sobol sequence.
///
/// Sobol point i gives two base rows: A_i (its first D coordinates) and B_i (its last D). The
/// design lists, for each i in order, D+2 rows (SALib's ordering):
///
///     A_i,  AB_i^(1), …, AB_i^(D),  B_i      where AB_i^(j) = A_i with column j taken from B_i
///
/// so design point p belongs to base sample i = p / (D+2) and role r = p % (D+2).
/// A. Saltelli et al., Computer Physics Communications 181 (2010) 259–270.
public struct SaltelliDesign: Sendable {
  public let baseSamples: Int
  public let dimensions: Int
  let sequence: SobolSequence

  public init(baseSamples: Int, dimensions: Int) throws(SamplingError) {
    guard baseSamples >= 1, baseSamples & (baseSamples - 1) == 0 else {
      throw .sampleCountNotPowerOfTwo(baseSamples)
    }
    self.baseSamples = baseSamples
    self.dimensions = dimensions
    sequence = try SobolSequence(dimensions: 2 * dimensions)
  }

  public var pointCount: Int { baseSamples * (dimensions + 2) }

  /// The rows per base sample: D + 2.
  public var blockSize: Int { dimensions + 2 }

  /// Design point `point` in the unit hypercube.
  public func unitPoint(_ point: Int) -> [Double] {
    let (sample, role) = point.quotientAndRemainder(dividingBy: blockSize)
    let x = sequence.point(sample)
    var a = Array(x[0..<dimensions])
    if role == blockSize - 1 { return Array(x[dimensions...]) }
    if role >= 1 { a[role - 1] = x[dimensions + role - 1] }
    return a
  }
}
