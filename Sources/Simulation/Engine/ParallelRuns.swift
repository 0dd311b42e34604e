import Dispatch
import Foundation

/// Engine runs of several scenarios at several seeds on `jobs` threads, for `gpumarket compare`
/// and the explorer's replicates. Workers take the next (scenario, seed) pair as they free up;
/// each result is placed at its pair's index, so the results do not depend on `jobs` or on the
/// order runs finish in.
public enum ParallelRuns {
  /// `results[s][k]` is `Engine.run(scenarios[s], seed: seeds[k])`. `completed` is called after
  /// each run with the number of runs done so far, on the thread that ran it.
  public static func run(
    _ scenarios: [Scenario], seeds: [UInt64], jobs: Int,
    completed: (@Sendable (Int) -> Void)? = nil
  ) -> [[Result<RunResult, SimulationError>]] {
    let count = scenarios.count * seeds.count
    let slots = Slots(count: count)
    DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
      while let index = slots.take() {
        let result = Result { () throws(SimulationError) in
          try Engine.run(scenarios[index / seeds.count], seed: seeds[index % seeds.count])
        }
        let done = slots.store(result, at: index)
        completed?(done)
      }
    }
    let values = slots.values
    return scenarios.indices.map { s in
      Array(values[(s * seeds.count)..<((s + 1) * seeds.count)])
    }
  }

  /// The results by index, the next index to run and how many are done, under one lock.
  private final class Slots: @unchecked Sendable {
    private var results: [Result<RunResult, SimulationError>?]
    private var next = 0
    private var done = 0
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    /// The next index to run, or nil when every index is taken.
    func take() -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard next < results.count else { return nil }
      next += 1
      return next - 1
    }

    /// Stores a result; returns how many are stored.
    func store(_ result: Result<RunResult, SimulationError>, at index: Int) -> Int {
      lock.lock()
      defer { lock.unlock() }
      results[index] = result
      done += 1
      return done
    }

    /// Every result (all stored once `concurrentPerform` returns).
    var values: [Result<RunResult, SimulationError>] {
      lock.lock()
      defer { lock.unlock() }
      return results.map { $0! }
    }
  }
}
