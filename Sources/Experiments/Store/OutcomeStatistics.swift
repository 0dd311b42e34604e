/// Statistics over replicates of every outcome at each point of a sweep (successful runs
/// only), as one scan of the outcomes table gives them: an array of points per outcome, so a
/// report asks for the dictionary of only the outcomes it shows.
public struct OutcomeStatistics: Sendable {
  /// Every outcome name, in the order models report them (``SweepDatabase/outcomeNames()``).
  public let names: [String]
  /// The points, in the order of each array of ``slots``.
  let points: [Int]
  /// Outcome name → statistics at each of ``points`` (count 0 where no run had a finite value).
  let slots: [String: [SampleStatistics]]

  init(names: [String], points: [Int], slots: [String: [SampleStatistics]]) {
    self.names = names
    self.points = points
    self.slots = slots
  }

  /// From statistics keyed by point.
  init(names: [String], byPoint: [String: [Int: SampleStatistics]]) {
    let points = Set(byPoint.values.flatMap(\.keys)).sorted()
    self.init(
      names: names, points: points,
      slots: byPoint.mapValues { statistics in points.map { statistics[$0] ?? SampleStatistics() } }
    )
  }

  /// Point → statistics of `name`; nil when no successful run has a finite value of it.
  public func byPoint(_ name: String) -> [Int: SampleStatistics]? {
    guard let statistics = slots[name] else { return nil }
    var result: [Int: SampleStatistics] = [:]
    result.reserveCapacity(points.count)
    for (slot, value) in statistics.enumerated() where value.count > 0 {
      result[points[slot]] = value
    }
    return result.isEmpty ? nil : result
  }

  /// The least and greatest value of `name` over the successful runs; nil when it has none.
  public func range(_ name: String) -> (low: Double, high: Double)? {
    guard let statistics = slots[name] else { return nil }
    let filled = statistics.filter { $0.count > 0 }
    guard let low = filled.map(\.minimum).min(), let high = filled.map(\.maximum).max() else {
      return nil
    }
    return (low, high)
  }

  /// Every outcome's statistics by point.
  public var all: [String: [Int: SampleStatistics]] {
    var result: [String: [Int: SampleStatistics]] = [:]
    for name in slots.keys {
      if let statistics = byPoint(name) { result[name] = statistics }
    }
    return result
  }
}
