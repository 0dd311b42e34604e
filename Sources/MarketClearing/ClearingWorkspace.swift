/// Storage kept between clears, so that clearing the same (or a smaller) market again rewrites
/// memory that is already mapped instead of page-faulting fresh matrices.
///
/// For a 10,000 x 1,000 market the weight matrix `W = V^σ` and the allocation are 80 MB each; a
/// fresh buffer of that size comes from the kernel untouched, and the first write of each page
/// costs a fault and a zero-fill (on a 2-core EPYC the kernel's page clearing took more time
/// than the writes themselves). A caller that clears many markets in a row (the benchmark, a
/// month loop, a sweep worker) passes the same workspace to each clear, and hands back answers
/// it is done with (`recycle`) so that the next allocation is written in their storage. Results
/// do not depend on whether a workspace is used. Not thread-safe: one clear at a time.
public final class ClearingWorkspace {
  /// The buffer `W` was last built in (returned after each clear).
  var weightStorage: [Double] = []
  /// Allocation buffers of recycled answers.
  var allocationStorage: [[Double]] = []

  /// Keeps the allocation storage of an answer the caller no longer needs, for the next clear's
  /// allocation. Pass only answers no one else holds (a shared buffer is copied, not reused).
  public func recycle(_ equilibrium: consuming Equilibrium) {
    allocationStorage.append(equilibrium.allocation.elements)
  }

  /// `recycle` for each answer.
  public func recycle(_ equilibria: consuming [Equilibrium]) {
    for equilibrium in equilibria { allocationStorage.append(equilibrium.allocation.elements) }
  }

  /// Up to `count` recycled allocation buffers (the workspace keeps the rest).
  func takeAllocationStorage(_ count: Int) -> [[Double]] {
    let taken = Array(allocationStorage.suffix(count))
    allocationStorage.removeLast(taken.count)
    return taken
  }

  public init() {}

  /// Hands the stored buffer to a clear (the workspace keeps nothing until it is given back).
  func takeWeightStorage() -> [Double] {
    defer { weightStorage = [] }
    return weightStorage
  }
}
