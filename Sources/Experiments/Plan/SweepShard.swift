/// One of `count` fixed parts of a sweep: the runs whose id `r` satisfies `r mod count == index`.
///
/// The split depends only on the plan's run ids and `count`, so every shard of a plan can be run
/// anywhere (another process, another machine, a Slurm array task) and the shard databases merge
/// back into the database of the whole sweep. Taking every `count`-th run also spreads the points
/// of a design evenly, so shards take about the same time. `0/1` is the whole sweep.
public struct SweepShard: Sendable, Hashable, CustomStringConvertible {
  /// 0-based index, `0 ..< count`.
  public let index: Int
  /// Number of shards, at least 1.
  public let count: Int

  /// The whole sweep as a single shard.
  public static let whole = SweepShard(uncheckedIndex: 0, count: 1)

  public init(index: Int, count: Int) throws(PlanError) {
    guard count >= 1, index >= 0, index < count else { throw .invalidShard("\(index)/\(count)") }
    self.index = index
    self.count = count
  }

  init(uncheckedIndex index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Parses `I/N`, e.g. `2/8`.
  public init(parsing text: String) throws(PlanError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
      throw .invalidShard(text)
    }
    try self.init(index: index, count: count)
  }

  public var isWhole: Bool { count == 1 }

  /// Whether run `runID` belongs to this shard.
  public func contains(_ runID: Int) -> Bool { runID % count == index }

  /// How many of runs `0 ..< runCount` belong to this shard: ⌈(runCount − index) / count⌉.
  public func runCount(of runCount: Int) -> Int {
    runCount > index ? (runCount - index + count - 1) / count : 0
  }

  /// The `k`-th run id of this shard.
  public func runID(_ k: Int) -> Int { index + k * count }

  public var description: String { "\(index)/\(count)" }
}
