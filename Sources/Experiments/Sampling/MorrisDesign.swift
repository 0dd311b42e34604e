import Randomness

/// The Morris (1991) design of `trajectories` one-at-a-time paths through a p-level grid of the
/// unit hypercube, for elementary effects (``MorrisEffects``).
///
/// Levels are 0, 1/(p−1), …, 1 and the step is Δ = p / (2(p−1)) (p even; 2/3 for p = 4).
/// Trajectory t has D+1 points: a base point x⁽⁰⁾ whose coordinate j is drawn from the levels
/// that leave room for one step, then D steps, each moving one coordinate (in a random order)
/// by +Δ or −Δ (random sign; a coordinate that moves down starts Δ higher). Design point
/// p = t·(D+1) + k is step k of trajectory t; everything is drawn from the seed alone.
public struct MorrisDesign: Sendable {
  public let trajectories: Int
  public let dimensions: Int
  public let levels: Int
  let seed: UInt64

  public init(trajectories: Int, dimensions: Int, levels: Int = 4, seed: UInt64) {
    self.trajectories = trajectories
    self.dimensions = dimensions
    self.levels = levels
    self.seed = seed
  }

  /// Δ = p / (2(p − 1)).
  public var delta: Double { Double(levels) / (2 * Double(levels - 1)) }

  public var pointCount: Int { trajectories * (dimensions + 1) }

  /// The base point, the order in which coordinates move, and each coordinate's direction.
  func path(_ trajectory: Int) -> (base: [Double], order: [Int], up: [Bool]) {
    var generator = SplitMix64(seed: SplitMix64.mix(seed &+ UInt64(trajectory)))
    let startLevels = levels / 2
    var base: [Double] = []
    var up: [Bool] = []
    for _ in 0..<dimensions {
      let level = Int(generator.nextUnitInterval() * Double(startLevels))
      let rising = generator.nextUnitInterval() < 0.5
      let low = Double(min(level, startLevels - 1)) / Double(levels - 1)
      base.append(rising ? low : low + delta)
      up.append(rising)
    }
    var order = Array(0..<dimensions)
    // Fisher–Yates shuffle.
    for i in stride(from: dimensions - 1, to: 0, by: -1) {
      let j = Int(generator.nextUnitInterval() * Double(i + 1))
      order.swapAt(i, min(j, i))
    }
    return (base, order, up)
  }

  /// Design point `point` in the unit hypercube.
  public func unitPoint(_ point: Int) -> [Double] {
    let (trajectory, step) = point.quotientAndRemainder(dividingBy: dimensions + 1)
    let (base, order, up) = path(trajectory)
    var x = base
    for k in 0..<step {
      let j = order[k]
      x[j] += up[j] ? delta : -delta
    }
    return x
  }
}
