/// Collects the monthly series of a run in flat arrays (`[month * count + entity]`).
struct Recorder {
  let monthCount: Int
  var chipPrice: [Double]
  var chipSpotHours: [Double]
  var shipped: [Double]
  var produced: [Double]
  var vendorRevenue: [Double]
  var buyerCompute: [Double]
  var buyerSpend: [Double]
  var installedH100e: [Double]
  var installedChips: [Double]
  var capacityHours: [Double]
  var contractHours: [Double]
  var ownHours: [Double]
  var spotSoldHours: [Double]
  var idleHours: [Double]
  var iterations: [Int]

  init(_ compiled: CompiledScenario) {
    let T = compiled.months.count
    monthCount = T
    chipPrice = Array(repeating: .nan, count: T * compiled.chipCount)
    chipSpotHours = Array(repeating: 0, count: T * compiled.chipCount)
    shipped = chipSpotHours
    produced = chipSpotHours
    installedChips = chipSpotHours
    vendorRevenue = Array(repeating: 0, count: T * compiled.vendors.count)
    buyerCompute = Array(repeating: 0, count: T * compiled.buyers.count)
    buyerSpend = buyerCompute
    installedH100e = Array(repeating: 0, count: T * compiled.providerCount)
    capacityHours = installedH100e
    contractHours = installedH100e
    ownHours = installedH100e
    spotSoldHours = installedH100e
    idleHours = installedH100e
    iterations = Array(repeating: 0, count: T)
  }
}

extension EngineState {
  /// Copies this month's flows into the recorder. The chip price is the average spot price over
  /// providers weighted by GPU-hours sold (NaN when none sold).
  mutating func record() {
    let V = compiled.vendors.count
    for c in 0..<C {
      var value = 0.0
      var hours = 0.0
      for p in 0..<P where spotSold[p * C + c] > 0 {
        value += spotPrice[p * C + c] * spotSold[p * C + c]
        hours += spotSold[p * C + c]
      }
      recorder.chipPrice[t * C + c] = hours > 0 ? value / hours : .nan
      recorder.chipSpotHours[t * C + c] = hours
      recorder.shipped[t * C + c] = shipped[c]
      recorder.produced[t * C + c] = produced[c]
    }
    for v in 0..<V { recorder.vendorRevenue[t * V + v] = vendorRevenue[v] }
    for b in 0..<B {
      recorder.buyerCompute[t * B + b] = buyerCompute[b]
      recorder.buyerSpend[t * B + b] = buyerSpend[b]
    }
    for (s, p) in compiled.siteProvider.enumerated() {
      for c in 0..<C {
        recorder.installedH100e[t * P + p] += installed[s * C + c] * compiled.chips[c].h100e
        recorder.installedChips[t * C + c] += installed[s * C + c]
      }
    }
    for p in 0..<P {
      for c in 0..<C {
        let i = p * C + c
        recorder.capacityHours[t * P + p] += capacityHours[i]
        recorder.contractHours[t * P + p] += contractHours[i]
        recorder.ownHours[t * P + p] += ownHours[i]
        recorder.spotSoldHours[t * P + p] += spotSold[i]
        recorder.idleHours[t * P + p] += spotSupply[i] - spotSold[i]
      }
    }
    recorder.iterations[t] = clearingIterations
  }

  /// The finished run.
  func result() -> RunResult {
    let r = recorder
    let T = compiled.months.count
    func series(_ flat: [Double], _ count: Int, _ i: Int) -> [Double] {
      (0..<T).map { flat[$0 * count + i] }
    }
    func table(_ ids: [String], _ flat: [Double]) -> [String: [Double]] {
      var out: [String: [Double]] = [:]
      for (i, id) in ids.enumerated() { out[id] = series(flat, ids.count, i) }
      return out
    }
    let chipIds = compiled.chips.map(\.id)
    let buyerIds = compiled.buyers.map(\.id)
    let providerIds = compiled.providers.map(\.id)
    let vendorIds = compiled.vendors.map(\.id)
    var result = RunResult(
      scenarioName: compiled.scenario.name, seed: seed,
      months: compiled.months.map(\.description),
      chipIds: chipIds, buyerIds: buyerIds, providerIds: providerIds, vendorIds: vendorIds,
      namedBuyerCount: compiled.namedBuyerCount,
      buyerGroups: compiled.generatedGroups.map { ($0.id, $0.range) },
      providerKinds: compiled.providers.map(\.kind.rawValue),
      chipH100e: compiled.chips.map(\.h100e), chipVendors: compiled.chips.map(\.vendor),
      spotPrice: table(chipIds, r.chipPrice), spotHours: table(chipIds, r.chipSpotHours),
      compute: table(buyerIds, r.buyerCompute), spending: table(buyerIds, r.buyerSpend),
      installedH100e: table(providerIds, r.installedH100e),
      installedChips: table(chipIds, r.installedChips),
      capacityHours: table(providerIds, r.capacityHours),
      contractHours: table(providerIds, r.contractHours),
      ownUseHours: table(providerIds, r.ownHours),
      spotSoldHours: table(providerIds, r.spotSoldHours),
      idleHours: table(providerIds, r.idleHours),
      shipments: table(chipIds, r.shipped), production: table(chipIds, r.produced),
      vendorRevenue: table(vendorIds, r.vendorRevenue),
      clearingIterations: r.iterations,
      summary: [])
    result.summary = result.standardSummary()
    return result
  }
}
