/// Bounds on every count in a sweep plan, checked where the plan is validated, before anything
/// is allocated or written: a count past a bound is an error that names the bound.
public enum SweepLimits {
  /// Most values one parameter may take (a list, or a range's count).
  public static let maxValuesPerParameter = 1_000_000
  /// Most points of a random or Latin-hypercube design, and most base samples of a Sobol design.
  public static let maxSamples = 1 << 24
  /// Most runs per point.
  public static let maxReplicates = 100_000
  /// Most runs in one sweep (points times replicates).
  public static let maxRuns = 100_000_000
  /// Most worker threads.
  public static let maxJobs = 1024
}
