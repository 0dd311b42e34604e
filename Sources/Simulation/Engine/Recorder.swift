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
  var waitingH100e: [Double]
  var purchases: [Double]
  var capexSpent: [Double]
  var installedChips: [Double]
  var capacityHours: [Double]
  var contractHours: [Double]
  var ownHours: [Double]
  var spotSoldHours: [Double]
  var idleHours: [Double]
  var iterations: [Int]
  var products: [Int]
  var clearingErrors: [Double]

  init(_ compiled: CompiledScenario) {
    let nT = compiled.months.count
    monthCount = nT
    chipPrice = Array(repeating: .nan, count: nT * compiled.chipCount)
    chipSpotHours = Array(repeating: 0, count: nT * compiled.chipCount)
    shipped = chipSpotHours
    produced = chipSpotHours
    installedChips = chipSpotHours
    vendorRevenue = Array(repeating: 0, count: nT * compiled.vendors.count)
    buyerCompute = Array(repeating: 0, count: nT * compiled.buyers.count)
    buyerSpend = buyerCompute
    installedH100e = Array(repeating: 0, count: nT * compiled.providerCount)
    capacityHours = installedH100e
    waitingH100e = installedH100e
    purchases = installedH100e
    capexSpent = installedH100e
    contractHours = installedH100e
    ownHours = installedH100e
    spotSoldHours = installedH100e
    idleHours = installedH100e
    iterations = Array(repeating: 0, count: nT)
    products = iterations
    clearingErrors = Array(repeating: 0, count: nT)
  }
}

extension EngineState {
  /// Copies this month's flows into the recorder. The chip price is the average spot price over
  /// providers weighted by GPU-hours sold (NaN when none sold).
  mutating func record() {
    let nV = compiled.vendors.count
    for c in 0..<nC {
      var value = 0.0
      var hours = 0.0
      for p in 0..<nP where spotSold[p * nC + c] > 0 {
        value += spotPrice[p * nC + c] * spotSold[p * nC + c]
        hours += spotSold[p * nC + c]
      }
      recorder.chipPrice[t * nC + c] = hours > 0 ? value / hours : .nan
      recorder.chipSpotHours[t * nC + c] = hours
      recorder.shipped[t * nC + c] = shipped[c]
      recorder.produced[t * nC + c] = produced[c]
    }
    for v in 0..<nV { recorder.vendorRevenue[t * nV + v] = vendorRevenue[v] }
    for b in 0..<nB {
      recorder.buyerCompute[t * nB + b] = buyerCompute[b]
      recorder.buyerSpend[t * nB + b] = buyerSpend[b]
    }
    for (s, p) in compiled.siteProvider.enumerated() {
      for c in 0..<nC {
        recorder.installedH100e[t * nP + p] += installed[s * nC + c] * compiled.chips[c].h100e
        recorder.installedChips[t * nC + c] += installed[s * nC + c]
      }
    }
    for p in 0..<nP {
      recorder.purchases[t * nP + p] = merchantBought[p]
      recorder.capexSpent[t * nP + p] = capexSpent[p]
      for c in 0..<nC {
        let i = p * nC + c
        recorder.waitingH100e[t * nP + p] += inventory[i] * compiled.chips[c].h100e
        recorder.capacityHours[t * nP + p] += capacityHours[i]
        recorder.contractHours[t * nP + p] += contractHours[i]
        recorder.ownHours[t * nP + p] += ownHours[i]
        recorder.spotSoldHours[t * nP + p] += spotSold[i]
        recorder.idleHours[t * nP + p] += spotSupply[i] - spotSold[i]
      }
    }
    recorder.iterations[t] = clearingIterations
    recorder.products[t] = spotProductCount
    recorder.clearingErrors[t] = clearingError
  }

  /// The finished run.
  func result() -> RunResult {
    let r = recorder
    let nT = compiled.months.count
    func series(_ flat: [Double], _ count: Int, _ i: Int) -> [Double] {
      (0..<nT).map { flat[$0 * count + i] }
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
      months: compiled.months.map(\.description), stepMonths: compiled.stepMonths,
      chipIds: chipIds, buyerIds: buyerIds, providerIds: providerIds, vendorIds: vendorIds,
      namedBuyerCount: compiled.namedBuyerCount,
      buyerGroups: compiled.generatedGroups.map { ($0.id, $0.range) },
      providerKinds: compiled.providers.map(\.kind.rawValue),
      chipH100e: compiled.chips.map(\.h100e), chipVendors: compiled.chips.map(\.vendor),
      spotPrice: table(chipIds, r.chipPrice), spotHours: table(chipIds, r.chipSpotHours),
      compute: table(buyerIds, r.buyerCompute),
      totalComputeByMonth: (0..<nT).map { t in
        (0..<buyerIds.count).reduce(0) { $0 + r.buyerCompute[t * buyerIds.count + $1] }
      },
      spending: table(buyerIds, r.buyerSpend),
      installedH100e: table(providerIds, r.installedH100e),
      waitingH100e: table(providerIds, r.waitingH100e),
      purchases: table(providerIds, r.purchases),
      capexSpentUSD: table(providerIds, r.capexSpent),
      installedChips: table(chipIds, r.installedChips),
      capacityHours: table(providerIds, r.capacityHours),
      contractHours: table(providerIds, r.contractHours),
      ownUseHours: table(providerIds, r.ownHours),
      spotSoldHours: table(providerIds, r.spotSoldHours),
      idleHours: table(providerIds, r.idleHours),
      shipments: table(chipIds, r.shipped), production: table(chipIds, r.produced),
      vendorRevenue: table(vendorIds, r.vendorRevenue),
      clearingIterations: r.iterations, clearingErrors: r.clearingErrors,
      clearingTolerance: compiled.scenario.market.tolerance, spotProducts: r.products,
      summary: [])
    result.summary = result.standardSummary()
    return result
  }
}
