import Dispatch
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
    let slots = ResultSlots(count: count)
    let next = ResultSlots.Counter()
    let started = ContinuousClock.now
    let scenarios = self.scenarios
    let seeds = self.seeds
    let report = progress.map { callback in ProgressRelay(callback) }
    DispatchQueue.concurrentPerform(iterations: min(jobs, count)) { _ in
      while let index = next.take(below: count) {
        let scenario = scenarios[index / seeds.count]
        do {
          slots.store(
            .success(try Engine.run(scenario, seed: seeds[index % seeds.count])), at: index)
        } catch {
          slots.store(.failure(error), at: index)
        }
        let done = slots.doneCount()
        let elapsed = started.duration(to: .now)
        let seconds =
          Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        report?.send(
          SweepProgressSnapshot(
            done: done, total: count, failed: 0, ranThisTime: done, elapsed: seconds))
      }
    }
    var results: [[RunResult]] = []
    for s in scenarios.indices {
      var runs: [RunResult] = []
      for k in seeds.indices {
        switch slots.value(at: s * seeds.count + k) {
        case .success(let result): runs.append(result)
        case .failure(let error): throw Failure(scenario: s, seed: seeds[k], error: error)
        }
      }
      results.append(runs)
    }
    return results
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

/// Per-index result storage for concurrent runs.
private final class ResultSlots: @unchecked Sendable {
  private var values: [Result<RunResult, any Error>?]
  private var done = 0
  private let lock = NSLock()

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func store(_ value: Result<RunResult, any Error>, at index: Int) {
    lock.lock()
    values[index] = value
    done += 1
    lock.unlock()
  }

  func doneCount() -> Int {
    lock.lock()
    defer { lock.unlock() }
    return done
  }

  func value(at index: Int) -> Result<RunResult, any Error> {
    lock.lock()
    defer { lock.unlock() }
    return values[index]!
  }

  /// Hands out indices 0, 1, 2, ... to workers.
  final class Counter: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func take(below count: Int) -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < count else { return nil }
      next += 1
      return next - 1
    }
  }
}
