/// The Saltelli design for Sobol indices from the first N points of a 2D-dimensional Sobol
/// sequence: N(D+2) points for first- and total-order indices (Saltelli 2010), or N(2D+2) points
/// when second-order indices are wanted as well (Saltelli 2002).
///
/// Sobol point i gives two base rows: A_i (its first D coordinates) and B_i (its last D). The
/// design lists, for each i in order, D+2 rows, or 2D+2 with second order (SALib's ordering for
/// `calc_second_order=False` and `True`):
///
///     A_i,  AB_i^(1), …, AB_i^(D),  B_i                                  first and total order
///     A_i,  AB_i^(1), …, AB_i^(D),  BA_i^(1), …, BA_i^(D),  B_i          with second order
///
/// where AB_i^(j) is A_i with column j taken from B_i and BA_i^(j) is B_i with column j taken
/// from A_i, so design point p belongs to base sample i = p / blockSize and role
/// r = p % blockSize.
/// A. Saltelli, Computer Physics Communications 145 (2002) 280–297;
/// A. Saltelli et al., Computer Physics Communications 181 (2010) 259–270.
public struct SaltelliDesign: Sendable {
  public let baseSamples: Int
  public let dimensions: Int
  /// Whether the BA rows for second-order indices are in the design.
  public let secondOrder: Bool
  let sequence: SobolSequence

  public init(baseSamples: Int, dimensions: Int, secondOrder: Bool = false) throws(SamplingError) {
    guard baseSamples >= 1, baseSamples & (baseSamples - 1) == 0 else {
      throw .sampleCountNotPowerOfTwo(baseSamples)
    }
    self.baseSamples = baseSamples
    self.dimensions = dimensions
    self.secondOrder = secondOrder
    sequence = try SobolSequence(dimensions: 2 * dimensions)
  }

  public var pointCount: Int { baseSamples * blockSize }

  /// The rows per base sample: D + 2, or 2D + 2 with second order.
  public var blockSize: Int { (secondOrder ? 2 * dimensions : dimensions) + 2 }

  /// Design point `point` in the unit hypercube.
  public func unitPoint(_ point: Int) -> [Double] {
    let (sample, role) = point.quotientAndRemainder(dividingBy: blockSize)
    let x = sequence.point(sample)
    let d = dimensions
    if role == blockSize - 1 { return Array(x[d...]) }
    if role > d {  // BA^(j): B with column j from A
      let j = role - d - 1
      var b = Array(x[d...])
      b[j] = x[j]
      return b
    }
    var a = Array(x[0..<d])
    if role >= 1 { a[role - 1] = x[d + role - 1] }
    return a
  }
}
