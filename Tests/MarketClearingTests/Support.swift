import Foundation
import LinearAlgebra
import MarketClearing
import Randomness

/// The tests' generator: SplitMix64, so every test market is reproducible.
typealias TestRandom = SplitMix64

extension SplitMix64 {
  /// Uniform in [0, 1).
  mutating func uniform() -> Double { nextUnitInterval() }

  /// Uniform in `range`.
  mutating func uniform(_ range: ClosedRange<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
  }

  /// Standard normal (Box–Muller).
  mutating func normal() -> Double {
    let u1 = max(uniform(), 1e-300)
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * uniform())
  }

  /// exp(mu + s·N(0,1)).
  mutating func logNormal(mu: Double, s: Double) -> Double { exp(mu + s * normal()) }
}

/// A random market: lognormal budgets, supplies and valuations; a share of zero valuations and of
/// products with reserve prices.
func randomMarket(
  buyers n: Int, products m: Int, sigma: Double, seed: UInt64, zeroShare: Double = 0.1,
  reserveShare: Double = 0.3, budgetSpread: Double = 1, supplySpread: Double = 1
) -> Market {
  var random = TestRandom(seed: seed)
  let budgets = (0..<n).map { _ in random.logNormal(mu: 0, s: budgetSpread) }
  let supplies = (0..<m).map { _ in random.logNormal(mu: 0, s: supplySpread) }
  let reserves = (0..<m).map { _ in random.uniform() < reserveShare ? random.uniform(0.2...2) : 0 }
  var v = Matrix(rows: n, columns: m)
  for i in 0..<n {
    for j in 0..<m {
      v[i, j] = random.uniform() < zeroShare ? 0 : random.logNormal(mu: 0, s: 0.5)
    }
    // Every buyer values at least one product.
    if (0..<m).allSatisfy({ v[i, $0] == 0 }) { v[i, Int(random.next() % UInt64(m))] = 1 }
  }
  return try! Market(
    budgets: budgets, supplies: supplies, reservePrices: reserves, valuations: v, sigma: sigma)
}

/// `|a - b| <= tolerance · max(|a|, |b|)` (and both finite).
func relativelyClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
  a.isFinite && b.isFinite && abs(a - b) <= tolerance * max(abs(a), abs(b))
}

/// The largest relative difference between two vectors.
func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).map { abs($0 - $1) / max(abs($0), abs($1), .leastNormalMagnitude) }.max() ?? 0
}
