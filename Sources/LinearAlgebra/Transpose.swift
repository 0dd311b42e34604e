/// Whether a BLAS operand is used as stored or transposed.
public enum Transpose: Sendable {
  /// Use `A`.
  case none
  /// Use `Aᵀ`.
  case transposed
}
