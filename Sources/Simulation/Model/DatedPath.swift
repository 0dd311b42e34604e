/// A quantity that changes over time, given at a few dated points.
///
/// Between two points the value is interpolated linearly in months; before the first point it
/// holds the first value and after the last point the last value (no extrapolation). A path with
/// one point is constant.
public struct DatedPath: Sendable, Equatable {
  /// The points, sorted by month, months distinct.
  public let points: [(month: YearMonth, value: Double)]

  /// Sorts the points; a later duplicate month replaces an earlier one.
  public init(_ points: [(month: YearMonth, value: Double)]) {
    var byMonth: [Int: Double] = [:]
    for p in points { byMonth[p.month.index] = p.value }
    self.points = byMonth.keys.sorted().map { (YearMonth(index: $0), byMonth[$0]!) }
  }

  /// A path that is `value` at every month.
  public static func constant(_ value: Double) -> DatedPath {
    DatedPath([(YearMonth(index: 0), value)])
  }

  /// The value at `month` (see the type's interpolation rule); 0 for an empty path.
  public func value(at month: YearMonth) -> Double {
    guard let first = points.first, let last = points.last else { return 0 }
    if month <= first.month { return first.value }
    if month >= last.month { return last.value }
    var lo = 0
    var hi = points.count - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if points[mid].month <= month { lo = mid } else { hi = mid }
    }
    let a = points[lo]
    let b = points[hi]
    let t = Double(month.index - a.month.index) / Double(b.month.index - a.month.index)
    return a.value + t * (b.value - a.value)
  }

  /// The same path `months` later: its value at t is this path's at t − months.
  public func shifted(months: Int) -> DatedPath {
    DatedPath(points.map { (month: $0.month.adding(months: months), value: $0.value) })
  }

  public static func == (a: DatedPath, b: DatedPath) -> Bool {
    a.points.count == b.points.count
      && zip(a.points, b.points).allSatisfy { $0.month == $1.month && $0.value == $1.value }
  }
}
