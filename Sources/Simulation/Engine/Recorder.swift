/// The series of a run, one row per step: `chipPrice[step, chip]`.
struct Recorder {
  /// Average spot price, $/GPU-hour, weighted by GPU-hours sold (NaN when none sold).
  var chipPrice: Table<Step, Chip, Double>
  var chipSpotHours: Table<Step, Chip, Double>
  var shipped: Table<Step, Chip, Double>
  var produced: Table<Step, Chip, Double>
  var installedChips: Table<Step, Chip, Double>
  var backlog: Table<Step, Chip, Double>
  var vendorStock: Table<Step, Chip, Double>
  var leadTime: Table<Step, Chip, Double>
  var vendorRevenue: Table<Step, Vendor, Double>
  var buyerCompute: Table<Step, Buyer, Double>
  var buyerSpend: Table<Step, Buyer, Double>
  var buyerContractSpend: Table<Step, Buyer, Double>
  var buyerContractCompute: Table<Step, Buyer, Double>
  var buyerResoldCompute: Table<Step, Buyer, Double>
  var buyerResaleRevenue: Table<Step, Buyer, Double>
  /// Largest block of chips at one site, H100e (`EngineState.largestBlocks`).
  var largestBlock: Table<Step, Buyer, Double>
  /// Installed H100e per site.
  var siteInstalledH100e: Table<Step, Site, Double>
  /// Campaign blocks held, H100e; campaigns met and unmet; premium paid, USD.
  var campaignBlock: Table<Step, Buyer, Double>
  var campaignsMet: Table<Step, Buyer, Double>
  var campaignsUnmet: Table<Step, Buyer, Double>
  var campaignPremium: Table<Step, Buyer, Double>
  var installedH100e: Table<Step, Provider, Double>
  /// Chips failed, retired for better ones, bought used; the used price (USD per chip).
  var failed: Table<Step, Chip, Double>
  var retired: Table<Step, Chip, Double>
  var usedSold: Table<Step, Chip, Double>
  var usedPrice: Table<Step, Chip, Double>
  /// `λ_p`, $/kWh (`MonthFlows.powerShadowPrice`).
  var powerShadowPrice: Table<Step, Provider, Double>
  /// USD of orders cut for want of expected power (`MonthFlows.ordersCutByPowerUSD`).
  var ordersCutByPower: Table<Step, Provider, Double>
  /// H100e of orders deferred for want of power (`MonthFlows.ordersDeferred`).
  var ordersDeferred: Table<Step, Provider, Double>
  /// IT MW each provider leases from others, and leases out to others (`ColocationBook`).
  var colocatedMW: Table<Step, Provider, Double>
  var colocationHostedMW: Table<Step, Provider, Double>
  /// Facility MW of on-site plants running at each provider's sites, and the capital of the
  /// plants it started in the step, USD (`OnSiteGenerationBook`).
  var onSiteMW: Table<Step, Provider, Double>
  var onSiteCapexUSD: Table<Step, Provider, Double>
  /// `Σ n · h100e · age`: installed H100e times their age in years (the fleet age's numerator).
  var installedAgeH100eYears: Table<Step, Provider, Double>
  var waitingH100e: Table<Step, Provider, Double>
  var purchases: Table<Step, Provider, Double>
  var capexSpent: Table<Step, Provider, Double>
  var capacityHours: Table<Step, Provider, Double>
  var contractHours: Table<Step, Provider, Double>
  var ownHours: Table<Step, Provider, Double>
  var spotSoldHours: Table<Step, Provider, Double>
  var idleHours: Table<Step, Provider, Double>
  /// Per (buyer, provider) pair that ever held a contract (nil for the others): H100e
  /// GPU-hours and USD per step under contracts.
  var pairContracts: Table<Buyer, Provider, (compute: [Double], spend: [Double])?>
  var iterations: IndexedArray<Step, Int>
  var products: IndexedArray<Step, Int>
  var clearingErrors: IndexedArray<Step, Double>

  init(_ compiled: CompiledScenario) {
    let nT = compiled.months.count
    chipPrice = Table(rows: nT, columns: compiled.chipCount, repeating: .nan)
    chipSpotHours = Table(rows: nT, columns: compiled.chipCount, repeating: 0)
    shipped = chipSpotHours
    produced = chipSpotHours
    installedChips = chipSpotHours
    backlog = chipSpotHours
    vendorStock = chipSpotHours
    failed = chipSpotHours
    retired = chipSpotHours
    usedSold = chipSpotHours
    usedPrice = Table(rows: nT, columns: compiled.chipCount, repeating: .nan)
    leadTime = Table(rows: nT, columns: compiled.chipCount, repeating: .nan)
    vendorRevenue = Table(rows: nT, columns: compiled.vendors.count, repeating: 0)
    buyerCompute = Table(rows: nT, columns: compiled.buyers.count, repeating: 0)
    buyerSpend = buyerCompute
    buyerContractSpend = buyerCompute
    buyerContractCompute = buyerCompute
    buyerResoldCompute = buyerCompute
    buyerResaleRevenue = buyerCompute
    largestBlock = buyerCompute
    siteInstalledH100e = Table(rows: nT, columns: compiled.sites.count, repeating: 0)
    campaignBlock = buyerCompute
    campaignsMet = buyerCompute
    campaignsUnmet = buyerCompute
    campaignPremium = buyerCompute
    installedH100e = Table(rows: nT, columns: compiled.providerCount, repeating: 0)
    capacityHours = installedH100e
    waitingH100e = installedH100e
    powerShadowPrice = installedH100e
    ordersCutByPower = installedH100e
    ordersDeferred = installedH100e
    colocatedMW = installedH100e
    colocationHostedMW = installedH100e
    onSiteMW = installedH100e
    onSiteCapexUSD = installedH100e
    installedAgeH100eYears = installedH100e
    purchases = installedH100e
    capexSpent = installedH100e
    contractHours = installedH100e
    ownHours = installedH100e
    spotSoldHours = installedH100e
    idleHours = installedH100e
    iterations = IndexedArray(repeating: 0, count: nT)
    products = iterations
    clearingErrors = IndexedArray(repeating: 0, count: nT)
    pairContracts = Table(
      rows: compiled.buyers.count, columns: compiled.providerCount, repeating: nil)
  }
}

extension EngineState {
  /// Copies this step's flows into the recorder. The chip price is the average spot price over
  /// providers weighted by GPU-hours sold (NaN when none sold).
  func record() {
    let f = flows
    for c in chips {
      var value = 0.0
      var hours = 0.0
      for p in providers where f.spotSold[p, c] > 0 {
        value += f.spotPrice[p, c] * f.spotSold[p, c]
        hours += f.spotSold[p, c]
      }
      recorder.chipPrice[t, c] = hours > 0 ? value / hours : .nan
      recorder.chipSpotHours[t, c] = hours
      recorder.shipped[t, c] = f.shipped[c]
      recorder.produced[t, c] = f.produced[c]
      recorder.vendorStock[t, c] = vendorStock[c]
      recorder.failed[t, c] = f.failed[c]
      recorder.retired[t, c] = f.retired[c]
      recorder.usedSold[t, c] = f.usedSold[c]
      recorder.usedPrice[t, c] = f.usedPrice[c]
      var backlog = 0.0
      for p in providers { backlog += orderBook.backlog[p, c] }
      recorder.backlog[t, c] = backlog
      let lead = orderBook.quotedLeadTime[c]
      let merchant = compiled.vendorCaptive[compiled.chipVendor[c]] == nil
      recorder.leadTime[t, c] = merchant && isLaunched(c) && lead.isFinite ? lead : .nan
    }
    for v in compiled.vendors.indices { recorder.vendorRevenue[t, v] = f.vendorRevenue[v] }
    for b in buyers {
      recorder.buyerCompute[t, b] = f.buyerCompute[b]
      recorder.buyerSpend[t, b] = f.buyerSpend[b]
      recorder.buyerContractSpend[t, b] = f.buyerContractSpend[b]
      recorder.buyerContractCompute[t, b] = f.buyerContractCompute[b]
      recorder.buyerResoldCompute[t, b] = f.buyerResoldCompute[b]
      recorder.buyerResaleRevenue[t, b] = f.buyerResaleRevenue[b]
    }
    for b in buyers {
      for p in providers where f.contractComputeByProvider[b, p] > 0 {
        if recorder.pairContracts[b, p] == nil {
          let zeros = [Double](repeating: 0, count: compiled.months.count)
          recorder.pairContracts[b, p] = (zeros, zeros)
        }
        recorder.pairContracts[b, p]!.compute[t.position] = f.contractComputeByProvider[b, p]
        recorder.pairContracts[b, p]!.spend[t.position] = f.contractSpendByProvider[b, p]
      }
    }
    // Sums kept in locals and stored once: the same additions in the same order.
    var providerH100e = IndexedArray<Provider, Double>(repeating: 0, count: providers.count)
    var providerAge = providerH100e
    var chipsInstalled = IndexedArray<Chip, Double>(repeating: 0, count: chips.count)
    for (s, p) in compiled.siteProvider.indexed() {
      var siteH100e = 0.0
      for c in chips {
        let h100e = installed[s, c] * compiled.chipH100e[c]
        providerH100e[p] += h100e
        siteH100e += h100e
        chipsInstalled[c] += installed[s, c]
        providerAge[p] += h100e * (monthIndex - installedVintage[s, c]) / 12
      }
      recorder.siteInstalledH100e[t, s] = siteH100e
    }
    for p in providers {
      recorder.installedH100e[t, p] = providerH100e[p]
      recorder.installedAgeH100eYears[t, p] = providerAge[p]
    }
    for c in chips { recorder.installedChips[t, c] = chipsInstalled[c] }
    for p in providers {
      recorder.purchases[t, p] = f.merchantBought[p]
      recorder.capexSpent[t, p] = f.capexSpent[p]
      recorder.powerShadowPrice[t, p] = f.powerShadowPrice[p]
      recorder.ordersCutByPower[t, p] = f.ordersCutByPowerUSD[p]
      if !colocation.isEmpty {
        recorder.colocatedMW[t, p] = colocation.leasedInKW(p, at: month) / 1000
        recorder.colocationHostedMW[t, p] = colocation.leasedOutKW(p, at: month) / 1000
      }
      if !onSite.isEmpty, let capex = compiled.scenario.market.onSiteGeneration.capexUSDPerKW {
        recorder.onSiteMW[t, p] = onSite.facilityKW(p, runningAt: month) / 1000
        recorder.onSiteCapexUSD[t, p] = onSite.facilityKW(p, startedIn: month) * capex
      }
      var (deferred, waiting, capacity, contract, own, sold, idle) = (
        0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
      )
      for c in chips {
        deferred += f.ordersDeferred[p, c] * compiled.chipH100e[c]
        waiting += inventory[p, c] * compiled.chipH100e[c]
        capacity += f.capacityHours[p, c]
        contract += f.contractHours[p, c]
        own += f.ownHours[p, c]
        sold += f.spotSold[p, c]
        idle += f.spotSupply[p, c] - f.spotSold[p, c]
      }
      recorder.ordersDeferred[t, p] = deferred
      recorder.waitingH100e[t, p] = waiting
      recorder.capacityHours[t, p] = capacity
      recorder.contractHours[t, p] = contract
      recorder.ownHours[t, p] = own
      recorder.spotSoldHours[t, p] = sold
      recorder.idleHours[t, p] = idle
    }
    for (b, h100e) in largestBlocks() { recorder.largestBlock[t, b] = h100e }
    if !compiled.campaigns.isEmpty {
      for b in buyers {
        recorder.campaignsMet[t, b] = f.campaignsMet[b]
        recorder.campaignsUnmet[t, b] = f.campaignsUnmet[b]
      }
      let hours = hoursPerGPU
      for block in campaignBook.blocks where block.isActive(at: t) {
        let delivered = block.gpus * f.bookFill[block.provider, block.chip]
        recorder.campaignBlock[t, block.buyer] += delivered * compiled.chipH100e[block.chip]
        recorder.campaignPremium[t, block.buyer] +=
          delivered * hours * block.forwardUSDPerGPUHour * block.premium
      }
    }
    recorder.iterations[t] = f.clearingIterations
    recorder.products[t] = f.spotProductCount
    recorder.clearingErrors[t] = f.clearingError
  }

  /// The finished run.
  func result() -> RunResult {
    let r = recorder
    func table<Entity>(_ ids: [String], _ series: Table<Step, Entity, Double>) -> [String: [Double]]
    {
      var out: [String: [Double]] = [:]
      for (c, id) in zip(series.columns, ids) { out[id] = series.column(c) }
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
      chipH100e: compiled.chipH100e.elements, chipVendors: compiled.chips.map(\.vendor),
      spotPrice: table(chipIds, r.chipPrice), spotHours: table(chipIds, r.chipSpotHours),
      compute: table(buyerIds, r.buyerCompute),
      totalComputeByMonth: r.buyerCompute.rows.map { t in
        r.buyerCompute.columns.reduce(0) { $0 + r.buyerCompute[t, $1] }
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
      clearingIterations: r.iterations.elements, clearingErrors: r.clearingErrors.elements,
      clearingTolerance: compiled.scenario.market.tolerance, spotProducts: r.products.elements,
      summary: [])
    result.contractSpending = table(buyerIds, r.buyerContractSpend)
    result.contractCompute = table(buyerIds, r.buyerContractCompute)
    result.resoldCompute = table(buyerIds, r.buyerResoldCompute)
    result.resaleRevenue = table(buyerIds, r.buyerResaleRevenue)
    result.backlogChips = table(chipIds, r.backlog)
    result.vendorStockChips = table(chipIds, r.vendorStock)
    result.leadTimeMonths = table(chipIds, r.leadTime)
    for b in buyers {
      for p in providers {
        guard let pair = r.pairContracts[b, p] else { continue }
        let (buyer, provider) = (compiled.buyers[b].id, compiled.providers[p].id)
        result.contractComputeByProvider[buyer, default: [:]][provider] = pair.compute
        result.contractSpendByProvider[buyer, default: [:]][provider] = pair.spend
      }
    }
    result.hoursPerGPU = hoursPerGPU
    result.providerRegions = compiled.providers.map(\.region)
    result.computeRegionalSeries()
    result.largestBlockH100e = table(buyerIds, r.largestBlock)
    result.siteIds = compiled.sites.map(\.id)
    result.siteInstalledH100e = table(result.siteIds, r.siteInstalledH100e)
    result.campaignBlockH100e = table(buyerIds, r.campaignBlock)
    result.campaignsMet = table(buyerIds, r.campaignsMet)
    result.campaignsUnmet = table(buyerIds, r.campaignsUnmet)
    result.campaignPremiumUSD = table(buyerIds, r.campaignPremium)
    result.failedChips = table(chipIds, r.failed)
    result.retiredChips = table(chipIds, r.retired)
    result.usedSoldChips = table(chipIds, r.usedSold)
    result.usedPriceUSD = table(chipIds, r.usedPrice)
    result.powerShadowPrice = table(providerIds, r.powerShadowPrice)
    result.ordersCutByPowerUSD = table(providerIds, r.ordersCutByPower)
    result.ordersDeferredH100e = table(providerIds, r.ordersDeferred)
    result.colocatedMW = table(providerIds, r.colocatedMW)
    result.colocationHostedMW = table(providerIds, r.colocationHostedMW)
    result.onSiteMW = table(providerIds, r.onSiteMW)
    result.onSiteCapexUSD = table(providerIds, r.onSiteCapexUSD)
    result.computeFleetAge(table(providerIds, r.installedAgeH100eYears))
    result.trainingFLOPPerH100e = compiled.scenario.market.training.flopPerH100e
    let forward = contractMarket.forward
    for (c, id) in zip(forward.columns, chipIds) {
      let series = forward.column(c)
      result.forward[id] = ForwardCurve.tenorsMonths.indices.map { k in series.map { $0[k] } }
    }
    result.summary = result.standardSummary()
    return result
  }
}
