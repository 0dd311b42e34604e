import Foundation
import LinearAlgebra
import MarketClearing
import Randomness

/// The seeded random markets the benchmark clears.
///
/// With `p̄ = ΣB / ΣS` the price at which all budgets buy all supply:
///
/// - budgets `B_i ~ LogNormal(log 1e6, 1)` (dollars),
/// - supplies `S_j ~ LogNormal(log 1e5, 1)` (GPU-hours),
/// - valuations `V_ij ~ LogNormal(0, 0.5)`, each set to 0 with probability 0.02,
/// - reserve prices: each product, with probability 0.2, gets `r_j = p̄ · LogNormal(0, 0.5)`
///   (about half of those bind); the others 0,
/// - σ = 2.
///
/// Every number comes from one `SplitMix64(seed:)` stream in a fixed order (budgets, supplies,
/// reserves, valuations row by row), so a seed and a shape name one market.
struct RandomMarket {
  static let sigma = 2.0
  static let zeroValuationProbability = 0.02
  static let reserveProbability = 0.2

  let buyers: Int
  let products: Int
  let seed: UInt64
  let market: Market

  init(buyers n: Int, products m: Int, seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let budgets = (0..<n).map { _ in rng.nextLogNormal(mu: log(1e6), s: 1) }
    let supplies = (0..<m).map { _ in rng.nextLogNormal(mu: log(1e5), s: 1) }
    let meanPrice = budgets.reduce(0, +) / supplies.reduce(0, +)
    let reserves = (0..<m).map { _ in
      let draw = rng.nextUnitInterval()
      let level = rng.nextLogNormal(mu: 0, s: 0.5)
      return draw < Self.reserveProbability ? meanPrice * level : 0
    }
    var valuations = Matrix(rows: n, columns: m)
    for index in valuations.elements.indices {
      let draw = rng.nextUnitInterval()
      let value = rng.nextLogNormal(mu: 0, s: 0.5)
      valuations.elements[index] = draw < Self.zeroValuationProbability ? 0 : value
    }
    self.buyers = n
    self.products = m
    self.seed = seed
    // The numbers above are finite and in range by construction.
    self.market = try! Market(
      budgets: budgets, supplies: supplies, reservePrices: reserves, valuations: valuations,
      sigma: Self.sigma)
  }

  /// Writes the market for the numpy peer: the ASCII magic `GPUMKT01`, then little-endian
  /// `Int64 n, Int64 m, Float64 σ`, then `B (n)`, `S (m)`, `r (m)`, `V (n·m, row-major)` as
  /// little-endian Float64.
  func write(to url: URL) throws {
    var data = Data("GPUMKT01".utf8)
    func append<T>(_ value: T) {
      withUnsafeBytes(of: value) { data.append(contentsOf: $0) }
    }
    append(Int64(buyers).littleEndian)
    append(Int64(products).littleEndian)
    append(market.sigma.bitPattern.littleEndian)
    for array in [
      market.budgets, market.supplies, market.reservePrices, market.valuations.elements,
    ] {
      data.reserveCapacity(data.count + array.count * 8)
      for value in array { append(value.bitPattern.littleEndian) }
    }
    try data.write(to: url)
  }
}
