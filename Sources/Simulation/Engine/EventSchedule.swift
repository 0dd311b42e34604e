import Foundation

/// Every event and random supply shock resolved to per-month numbers before the run starts, so
/// the month loop only reads arrays.
///
/// Multipliers combine by product: two events of 0.8 give 0.64. A supply multiplier on an input
/// scales that input's units per month; one on a vendor, chip or `all` scales chip output.
struct EventSchedule {
  /// Multiplier on each input's units per month.
  private(set) var inputMultiplier: Table<Step, SupplyInput, Double>
  /// Multiplier on each chip's output.
  private(set) var chipMultiplier: Table<Step, Chip, Double>
  /// Multiplier on every buyer's budget, per step.
  private(set) var demandAll: IndexedArray<Step, Double>
  /// Buyer-specific demand multipliers: (buyer, event).
  private(set) var demandEvents: [(buyer: Index<Buyer>, event: Event, factor: Double)] = []
  /// Deliveries of a chip to providers in a region banned, per step.
  private(set) var hardwareBan: IndexedArray<Step, Table<Region, Chip, Bool>>
  /// Same layout: buyers in the region may not rent the chip from providers in other regions.
  private(set) var cloudBan: IndexedArray<Step, Table<Region, Chip, Bool>>
  /// Same layout: the share λ of the chip's output that reaches the region despite a ban, and
  /// the markup its buyers pay over the vendor's price (largest over the bans in force).
  private(set) var leakage: IndexedArray<Step, Table<Region, Chip, Leak>>
  /// Price cap per chip, $/GPU-hour; +infinity when none.
  private(set) var priceCap: Table<Step, Chip, Double>
  /// Random supply shocks drawn for this run: (start step, length in steps, factor).
  private(set) var shocks: [(start: Index<Step>, months: Int, factor: Double)] = []

  init(_ compiled: CompiledScenario, seed: UInt64) {
    let scenario = compiled.scenario
    let months = compiled.months
    let stepCount = months.count
    let chipCount = compiled.chipCount
    inputMultiplier = Table(rows: stepCount, columns: compiled.inputs.count, repeating: 1)
    chipMultiplier = Table(rows: stepCount, columns: chipCount, repeating: 1)
    demandAll = IndexedArray(repeating: 1, count: stepCount)
    let noBans = Table<Region, Chip, Bool>(
      rows: compiled.regions.count, columns: chipCount, repeating: false)
    // A chip sold only in some markets is banned everywhere else, in every step.
    var standing = noBans
    for (c, chip) in compiled.chips.indexed() {
      guard let markets = chip.markets else { continue }
      for (r, name) in compiled.regions.indexed() where !markets.contains(name) {
        standing[r, c] = true
      }
    }
    hardwareBan = IndexedArray(repeating: standing, count: stepCount)
    cloudBan = IndexedArray(repeating: noBans, count: stepCount)
    leakage = IndexedArray(
      repeating: Table(
        rows: compiled.regions.count, columns: chipCount, repeating: Leak(share: 0, markup: 0)),
      count: stepCount)
    priceCap = Table(rows: stepCount, columns: chipCount, repeating: .infinity)

    let chipIndex = Dictionary(uniqueKeysWithValues: compiled.chips.indexed().map { ($1.id, $0) })
    let buyerIndex = Dictionary(
      uniqueKeysWithValues: compiled.buyers.indexed().prefix(compiled.namedBuyerCount).map {
        ($1.id, $0)
      })
    let regionIndex = Dictionary(uniqueKeysWithValues: compiled.regions.indexed().map { ($1, $0) })

    for event in scenario.events {
      switch event.kind {
      case .demandMultiplier(let buyer?, let factor):
        if let b = buyerIndex[buyer] { demandEvents.append((b, event, factor)) }
      default: break
      }
      for (t, month) in months.indexed() where event.isActive(in: month) {
        switch event.kind {
        case .supplyMultiplier(let target, let factor):
          apply(target, factor: factor, step: t, compiled)
        case .demandMultiplier(nil, let factor):
          demandAll[t] *= factor
        case .exportBan(let region, let list, let cloud, let share, let markup):
          let r = regionIndex[region]!
          let banned =
            list.isEmpty ? Array(compiled.chips.indices) : list.compactMap { chipIndex[$0] }
          for c in banned {
            hardwareBan[t][r, c] = true
            if cloud { cloudBan[t][r, c] = true }
            if share > leakage[t][r, c].share {
              leakage[t][r, c] = Leak(share: share, markup: markup)
            }
          }
        case .priceCap(let chip, let cap):
          let c = chipIndex[chip]!
          priceCap[t, c] = min(priceCap[t, c], cap)
        default: break
        }
      }
    }

    if let shock = scenario.randomness.supplyShock {
      var rng = Xoshiro256(seed: seed, stream: "supply-shocks")
      // Per step of k months: start probability 1 - (1 - p)^k, length in whole steps.
      let k = Double(compiled.stepMonths)
      let probability = 1 - pow(1 - shock.probabilityPerMonth, k)
      let length = (shock.months + compiled.stepMonths - 1) / compiled.stepMonths
      for t in months.indices {
        let start = rng.uniform()
        let size = rng.uniform()
        guard start < probability else { continue }
        let factor = shock.minFactor + size * (shock.maxFactor - shock.minFactor)
        shocks.append((t, length, factor))
        for s in t..<min(months.endIndex, t + length) {
          apply(shock.target, factor: factor, step: s, compiled)
        }
      }
    }
  }

  private mutating func apply(
    _ target: SupplyTarget, factor: Double, step t: Index<Step>, _ compiled: CompiledScenario
  ) {
    switch target {
    case .all:
      for c in compiled.chips.indices { chipMultiplier[t, c] *= factor }
    case .chip(let id):
      if let c = compiled.chips.firstIndex(where: { $0.id == id }) {
        chipMultiplier[t, c] *= factor
      }
    case .vendor(let id):
      for (c, chip) in compiled.chips.indexed() where chip.vendor == id {
        chipMultiplier[t, c] *= factor
      }
    case .input(let id):
      if let k = compiled.inputs.firstIndex(where: { $0.id == id }) {
        inputMultiplier[t, k] *= factor
      }
    }
  }

  /// Budget multiplier of buyer `b` in step `t` (events only; noise is drawn by the engine).
  func demandMultiplier(buyer b: Index<Buyer>, step t: Index<Step>, _ month: YearMonth) -> Double {
    var m = demandAll[t]
    for e in demandEvents where e.buyer == b && e.event.isActive(in: month) { m *= e.factor }
    return m
  }

  func isHardwareBanned(region r: Index<Region>, chip c: Index<Chip>, step t: Index<Step>) -> Bool {
    hardwareBan[t][r, c]
  }

  /// The leak of chip `c` into region `r` in step `t` (share 0 when none or not banned).
  func leak(region r: Index<Region>, chip c: Index<Chip>, step t: Index<Step>) -> Leak {
    hardwareBan[t][r, c] ? leakage[t][r, c] : Leak(share: 0, markup: 0)
  }

  func isCloudBanned(region r: Index<Region>, chip c: Index<Chip>, step t: Index<Step>) -> Bool {
    cloudBan[t][r, c]
  }
}

/// Banned chips that reach a region anyway: the share of each step's output diverted there
/// and the markup over the vendor's price its buyers pay (to intermediaries, not the vendor).
struct Leak: Equatable {
  var share: Double
  var markup: Double
}
