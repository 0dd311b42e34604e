/// How the spot market is cleared.
public struct ClearingOptions: Sendable, Equatable {
  /// The largest acceptable relative clearing error (see `Equilibrium.clearingError`).
  public var tolerance: Double
  /// Give up (and report `converged == false`) after this many passes over the market.
  public var maxIterations: Int
  /// Which implementation evaluates aggregate demand.
  public var kernel: DemandKernel
  /// Past iterates the Anderson acceleration combines (0 turns it off: plain fixed-point).
  public var accelerationMemory: Int
  /// Whether the BLAS kernel may split work across threads (results do not change).
  public var parallel: Bool

  public init(
    tolerance: Double = 1e-9, maxIterations: Int = 10_000, kernel: DemandKernel = .automatic,
    accelerationMemory: Int = 5, parallel: Bool = true
  ) {
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.kernel = kernel
    self.accelerationMemory = accelerationMemory
    self.parallel = parallel
  }
}

/// The implementation of the aggregate-demand step.
public enum DemandKernel: String, Sendable, CaseIterable {
  /// BLAS for markets with at least `DemandKernel.blasThreshold` valuation entries, loops below.
  case automatic
  /// Two gemv per pass, fused so that `W` is read once (`FusedGemvPair`).
  case blas
  /// Plain Swift loops over `W` (the same arithmetic; the baseline the benchmark compares with).
  case loops

  /// Number of valuation entries (n · m) from which `automatic` uses BLAS.
  ///
  /// Measured by `gpumarket-bench crossover` (Benchmarks/RESULTS.md, "Crossover"): on square
  /// random markets (2-core AMD EPYC, OpenBLAS 0.3.21, release build) the loops win below about
  /// 500 entries (0.8x at 4, 0.95x at 256), the two tie near 576, and BLAS is at least 5% faster
  /// from 32 x 32 = 1,024 on (1.1x there, 1.3x at 2,304, 1.5x to 1.8x from 10,000 up, whole
  /// clears). Below that the call overhead of two BLAS calls per pass exceeds the work.
  public static let blasThreshold = 1_024
}
