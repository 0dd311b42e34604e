/// Why a design could not be built.
public enum SamplingError: Error, Equatable, CustomStringConvertible {
  case tooManySobolDimensions(requested: Int, available: Int)
  case sampleCountNotPowerOfTwo(Int)
  case emptyDesign(String)

  public var description: String {
    switch self {
    case .tooManySobolDimensions(let requested, let available):
      "a Sobol design over \(requested) dimensions needs more than the \(available) embedded "
        + "Joe-Kuo dimensions (a Saltelli design uses 2 per parameter)"
    case .sampleCountNotPowerOfTwo(let n):
      "a Sobol (Saltelli) design needs a sample count that is a power of two, got \(n)"
    case .emptyDesign(let why):
      "the design has no points: \(why)"
    }
  }
}
