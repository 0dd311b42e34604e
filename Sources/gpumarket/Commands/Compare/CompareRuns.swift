import Experiments
import Foundation
import Simulation

/// Every (scenario, replicate) run of a comparison on `jobs` threads. Results are placed by
/// index, so what is reported does not depend on `jobs`; progress goes to `progress`.
struct CompareRuns {
  let scenarios: [Scenario]
  let seeds: [UInt64]
  let jobs: Int

  /// The seed of each of `replicates` replicates: `base` itself for one, else derived from
  /// (base, k), the same for every scenario (common random numbers).
  static func seeds(base: UInt64, replicates: Int) -> [UInt64] {
    SeedDerivation.replicateSeeds(base: base, count: replicates)
  }

  /// Runs by scenario, then replicate; the first failure (in scenario, replicate order) throws.
  func run(progress: ((SweepProgressSnapshot) -> Void)?) throws -> [[RunResult]] {
    let count = scenarios.count * seeds.count
    let started = ContinuousClock.now
    let report = progress.map { callback in ProgressRelay(callback) }
    let outcomes = ParallelRuns.run(scenarios, seeds: seeds, jobs: jobs) { done in
      let elapsed = started.duration(to: .now)
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      report?.send(
        SweepProgressSnapshot(
          done: done, total: count, failed: 0, ranThisTime: done, elapsed: seconds))
    }
    return try outcomes.enumerated().map { s, runs in
      try runs.enumerated().map { k, outcome in
        switch outcome {
        case .success(let result): return result
        case .failure(let error): throw Failure(scenario: s, seed: seeds[k], error: error)
        }
      }
    }
  }

  /// A run that stopped: which scenario, which seed, why.
  struct Failure: Error {
    let scenario: Int
    let seed: UInt64
    let error: any Error
  }
}

/// Passes progress to a non-thread-safe reporter one call at a time.
private final class ProgressRelay: @unchecked Sendable {
  private let callback: (SweepProgressSnapshot) -> Void
  private let lock = NSLock()

  init(_ callback: @escaping (SweepProgressSnapshot) -> Void) { self.callback = callback }

  func send(_ snapshot: SweepProgressSnapshot) {
    lock.lock()
    callback(snapshot)
    lock.unlock()
  }
}
