/// Storage kept between clears, so that clearing the same (or a smaller) market again rewrites
/// memory that is already mapped instead of page-faulting fresh matrices.
///
/// For a 10,000 x 1,000 market the weight matrix `W = V^σ` is 80 MB; a fresh buffer of that size
/// comes from the kernel untouched, and the first write of each page costs a fault and a
/// zero-fill on top of the write. A caller that clears many markets in a row (the benchmark, a
/// month loop, a sweep worker) passes the same workspace to each clear. Results do not depend on
/// whether a workspace is used. Not thread-safe: one clear at a time per workspace.
public final class ClearingWorkspace {
  /// The buffer `W` was last built in (returned after each clear).
  var weightStorage: [Double] = []

  public init() {}

  /// Hands the stored buffer to a clear (the workspace keeps nothing until it is given back).
  func takeWeightStorage() -> [Double] {
    defer { weightStorage = [] }
    return weightStorage
  }
}
