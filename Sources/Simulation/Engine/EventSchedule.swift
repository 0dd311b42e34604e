import Foundation

/// Every event and random supply shock resolved to per-month numbers before the run starts, so
/// the month loop only reads arrays.
///
/// Multipliers combine by product: two events of 0.8 give 0.64. A supply multiplier on an input
/// scales that input's units per month; one on a vendor, chip or `all` scales chip output.
struct EventSchedule {
  let monthCount: Int
  let chipCount: Int
  let inputCount: Int
  let regionCount: Int
  /// `[t * inputCount + k]`.
  private(set) var inputMultiplier: [Double]
  /// `[t * chipCount + c]`.
  private(set) var chipMultiplier: [Double]
  /// Multiplier on every buyer's budget, per month.
  private(set) var demandAll: [Double]
  /// Buyer-specific demand multipliers: (buyer, event).
  private(set) var demandEvents: [(buyer: Int, event: Event, factor: Double)] = []
  /// `[(t * regionCount + r) * chipCount + c]`: deliveries of chip c to providers in region r banned.
  private(set) var hardwareBan: [Bool]
  /// Same layout: buyers in region r may not rent chip c from providers in other regions.
  private(set) var cloudBan: [Bool]
  /// `[t * chipCount + c]`: price cap, +infinity when none.
  private(set) var priceCap: [Double]
  /// Random supply shocks drawn for this run: (start month index, length, factor).
  private(set) var shocks: [(start: Int, months: Int, factor: Double)] = []

  init(_ compiled: CompiledScenario, seed: UInt64) {
    let scenario = compiled.scenario
    let months = compiled.months
    monthCount = months.count
    chipCount = compiled.chipCount
    inputCount = compiled.inputs.count
    regionCount = compiled.regions.count
    inputMultiplier = Array(repeating: 1, count: monthCount * inputCount)
    chipMultiplier = Array(repeating: 1, count: monthCount * chipCount)
    demandAll = Array(repeating: 1, count: monthCount)
    hardwareBan = Array(repeating: false, count: monthCount * regionCount * chipCount)
    cloudBan = hardwareBan
    priceCap = Array(repeating: .infinity, count: monthCount * chipCount)

    let chipIndex = Dictionary(
      uniqueKeysWithValues: compiled.chips.enumerated().map { ($1.id, $0) })
    let buyerIndex = Dictionary(
      uniqueKeysWithValues: compiled.buyers[0..<compiled.namedBuyerCount].enumerated().map {
        ($1.id, $0)
      })
    let regionIndex = Dictionary(
      uniqueKeysWithValues: compiled.regions.enumerated().map { ($1, $0) })

    for event in scenario.events {
      switch event.kind {
      case .demandMultiplier(let buyer?, let factor):
        if let b = buyerIndex[buyer] { demandEvents.append((b, event, factor)) }
      default: break
      }
      for (t, month) in months.enumerated() where event.isActive(in: month) {
        switch event.kind {
        case .supplyMultiplier(let target, let factor):
          apply(target, factor: factor, month: t, compiled)
        case .demandMultiplier(nil, let factor):
          demandAll[t] *= factor
        case .exportBan(let region, let list, let cloud):
          let r = regionIndex[region]!
          let banned = list.isEmpty ? Array(0..<chipCount) : list.compactMap { chipIndex[$0] }
          for c in banned {
            hardwareBan[(t * regionCount + r) * chipCount + c] = true
            if cloud { cloudBan[(t * regionCount + r) * chipCount + c] = true }
          }
        case .priceCap(let chip, let cap):
          let i = t * chipCount + chipIndex[chip]!
          priceCap[i] = min(priceCap[i], cap)
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
      for t in 0..<monthCount {
        let start = rng.uniform()
        let size = rng.uniform()
        guard start < probability else { continue }
        let factor = shock.minFactor + size * (shock.maxFactor - shock.minFactor)
        shocks.append((t, length, factor))
        for s in t..<min(monthCount, t + length) {
          apply(shock.target, factor: factor, month: s, compiled)
        }
      }
    }
  }

  private mutating func apply(
    _ target: SupplyTarget, factor: Double, month t: Int, _ compiled: CompiledScenario
  ) {
    switch target {
    case .all:
      for c in 0..<chipCount { chipMultiplier[t * chipCount + c] *= factor }
    case .chip(let id):
      if let c = compiled.chips.firstIndex(where: { $0.id == id }) {
        chipMultiplier[t * chipCount + c] *= factor
      }
    case .vendor(let id):
      for (c, chip) in compiled.chips.enumerated() where chip.vendor == id {
        chipMultiplier[t * chipCount + c] *= factor
      }
    case .input(let id):
      if let k = compiled.inputs.firstIndex(where: { $0.id == id }) {
        inputMultiplier[t * inputCount + k] *= factor
      }
    }
  }

  /// Budget multiplier of buyer `b` in month `t` (events only; noise is drawn by the engine).
  func demandMultiplier(buyer b: Int, month t: Int, _ month: YearMonth) -> Double {
    var m = demandAll[t]
    for e in demandEvents where e.buyer == b && e.event.isActive(in: month) { m *= e.factor }
    return m
  }

  func isHardwareBanned(region r: Int, chip c: Int, month t: Int) -> Bool {
    hardwareBan[(t * regionCount + r) * chipCount + c]
  }

  func isCloudBanned(region r: Int, chip c: Int, month t: Int) -> Bool {
    cloudBan[(t * regionCount + r) * chipCount + c]
  }
}
