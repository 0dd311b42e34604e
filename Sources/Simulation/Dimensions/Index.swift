/// A position in one index space: chips, providers, sites, buyers, steps, and so on.
///
/// A zero-cost wrapper around `Int` (the model is swift-collections' `_DequeSlot`). The phantom
/// `Entity` says which space the position belongs to, so an `Index<Chip>` cannot be passed where
/// an `Index<Provider>` is expected. The engine's index spaces:
///
/// | space | tag | order |
/// |---|---|---|
/// | chips, vendors, inputs, providers, sites, buyers, contracts | the model type (`Chip`, ...) | scenario order (sites and contracts added by events last, buyers: named, then generated) |
/// | regions | `Region` | first use: providers, buyers, export bans |
/// | steps of the run | `Step` | time |
/// | the spot market's rows and columns | `SpotBuyer`, `SpotProduct` | see `EngineState.clearSpot` |
/// | the contract allocation's rows and columns | `Hedger`, `ContractProduct` | see `EngineState.signNewContracts` |
struct Index<Entity>: Hashable, Comparable, Strideable, CustomStringConvertible, Sendable {
  /// Zero-based position in the space.
  let position: Int

  init(_ position: Int) { self.position = position }

  static func < (a: Self, b: Self) -> Bool { a.position < b.position }
  func distance(to other: Self) -> Int { other.position - position }
  func advanced(by n: Int) -> Self { Self(position + n) }
  static func + (index: Self, offset: Int) -> Self { index.advanced(by: offset) }

  var description: String { "\(position)" }
}

/// Regions, in order of first use (providers, then buyers, then export bans).
enum Region {}
/// Steps of a run (months, or quarters when `stepMonths` is 3).
enum Step {}
/// A buyer with spot budget this step: a row of the spot market.
enum SpotBuyer {}
/// A (provider, chip) pair with GPU-hours on sale this step: a column of the spot market.
enum SpotProduct {}
/// A buyer hedging at one tenor this step: a row of the contract allocation.
enum Hedger {}

extension Index {
  /// The positions `0..<count` of this index space.
  static func all(_ count: Int) -> Range<Self> { Self(0)..<Self(count) }
}
