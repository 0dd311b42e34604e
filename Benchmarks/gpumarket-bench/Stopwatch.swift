import Dispatch

/// Wall-clock timing of repeated runs.
enum Stopwatch {
  /// Milliseconds taken by one call of `body`.
  static func milliseconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
  }

  /// Runs `body` once to warm caches and page tables, then `repeats` times timed.
  static func sample(repeats: Int, _ body: () -> Void) -> Timings {
    body()
    return Timings((0..<max(1, repeats)).map { _ in milliseconds(body) })
  }
}

/// A set of run times in milliseconds.
struct Timings {
  let samples: [Double]

  init(_ samples: [Double]) { self.samples = samples }

  var minimum: Double { samples.min() ?? .nan }

  /// The middle value (the mean of the two middle values for an even count).
  var median: Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
