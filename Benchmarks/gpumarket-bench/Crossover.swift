import Foundation
import MarketClearing

/// Where the BLAS kernel starts to beat plain loops: square markets of growing `n · m`, each
/// cleared with `.blas` and `.loops` (whole `Market.clear` calls, min over repeats; the kernels
/// differ only in the passes, so whichever is faster in the passes is faster overall).
struct Crossover {
  struct Point {
    let side: Int
    var entries: Int { side * side }
    let blas: Double
    let loops: Double
    var speedUp: Double { loops / blas }
  }

  static let fullSides = [2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 1024]
  static let quickSides = [4, 16, 64, 256]

  let seed: UInt64

  func run(sides: [Int], log: (String) -> Void) -> [Point] {
    sides.map { side in
      log("crossover \(side) x \(side)")
      let market = RandomMarket(buyers: side, products: side, seed: seed).market
      // Enough repeats for about 0.2 s per kernel, at least 5.
      let probe = Stopwatch.milliseconds { _ = market.clear() }
      let repeats = max(5, min(5000, Int(200 / max(probe, 1e-3))))
      // Alternate the kernels in rounds so that drift in the machine's speed hits both alike.
      var blas: [Double] = []
      var loops: [Double] = []
      let rounds = 5
      for _ in 0..<rounds {
        blas +=
          Stopwatch.sample(repeats: max(1, repeats / rounds)) {
            _ = market.clear(options: ClearingOptions(kernel: .blas))
          }.samples
        loops +=
          Stopwatch.sample(repeats: max(1, repeats / rounds)) {
            _ = market.clear(options: ClearingOptions(kernel: .loops))
          }.samples
      }
      return Point(side: side, blas: Timings(blas).minimum, loops: Timings(loops).minimum)
    }
  }

  /// BLAS must beat the loops by this factor to count as faster: smaller differences are within
  /// the run-to-run noise of a shared machine.
  static let margin = 1.05

  /// The smallest `n · m` from which BLAS is at least `margin` times faster at every larger size
  /// measured (nil if never).
  static func threshold(_ points: [Point]) -> Int? {
    var answer: Int?
    for point in points.reversed() {
      guard point.speedUp >= margin else { break }
      answer = point.entries
    }
    return answer
  }
}
