import MarketClearing

/// Everything that flows during one step, as one value: `EngineState.beginStep` replaces it
/// with an empty one, so no series is carried over from the step before.
///
/// Units per step (a quarterly step holds three months of flows): chips, USD, GPU-hours.
/// A new monthly series is one declaration here plus the code that computes it.
struct MonthFlows {
  /// Chips made by their vendor.
  var produced: IndexedArray<Chip, Double>
  /// Captive chips the vendor could make this step before its owner's power bound
  /// (`limitCaptiveOutputToPower`); 0 for merchant chips.
  var captivePlanned: IndexedArray<Chip, Double>
  /// Chips allocated to providers (they arrive after the lead time).
  var shipped: IndexedArray<Chip, Double>
  /// USD each vendor received for merchant chips.
  var vendorRevenue: IndexedArray<Vendor, Double>
  /// USD each provider paid for chips.
  var capexSpent: IndexedArray<Provider, Double>
  /// Merchant (not captive) chips shipped to each provider.
  var merchantBought: IndexedArray<Provider, Double>
  /// GPU-hours available: installed chips · hours · availability.
  var capacityHours: Table<Provider, Chip, Double>
  /// GPU-hours delivered to contracts.
  var contractHours: Table<Provider, Chip, Double>
  /// GPU-hours the provider's own-use buyer takes.
  var ownHours: Table<Provider, Chip, Double>
  /// `k_pc`: the share of capacity left after scripted contracts the owner's workloads keep.
  var ownKeep: Table<Provider, Chip, Double>
  /// GPU-hours each own-use workload uses (after own-use slack is taken back).
  var workloadHours: Table<Workload, Chip, Double>
  /// GPU-hours of each workload's need it released to the market this step.
  var workloadReleased: Table<Workload, Chip, Double>
  /// H100e GPU-hours each buyer received under contracts from each provider.
  var contractComputeByProvider: Table<Buyer, Provider, Double>
  /// USD each buyer paid under contracts to each provider.
  var contractSpendByProvider: Table<Buyer, Provider, Double>
  /// GPU-hours offered on the spot market.
  var spotSupply: Table<Provider, Chip, Double>
  /// Spot GPU-hours sold.
  var spotSold: Table<Provider, Chip, Double>
  /// Spot price, $/GPU-hour (0 where nothing is offered).
  var spotPrice: Table<Provider, Chip, Double>
  /// Reserve price, $/GPU-hour (see `EngineState.splitCapacity`).
  var reserve: Table<Provider, Chip, Double>
  /// GPU-hours delivered under each contract.
  var contractDelivered: Table<Contract, Chip, Double>
  /// Share of the model-signed book's GPU-hours each product delivered (1 unless short).
  var bookFill: Table<Provider, Chip, Double>
  /// Contract GPU-hours offered back on spot by holders whose need fell short.
  var resales: [Resale] = []
  /// H100e GPU-hours each buyer resold on spot (part of its contract compute, not of `buyerCompute`).
  var buyerResoldCompute: IndexedArray<Buyer, Double>
  /// USD each buyer earned reselling contract hours on spot.
  var buyerResaleRevenue: IndexedArray<Buyer, Double>
  /// Each buyer's budget, USD (after events and noise).
  var buyerBudget: IndexedArray<Buyer, Double>
  /// USD paid: contracts plus spot.
  var buyerSpend: IndexedArray<Buyer, Double>
  /// Budget left for the spot market after contract payments, USD.
  var buyerSpotBudget: IndexedArray<Buyer, Double>
  /// USD paid on the spot market.
  var buyerSpotSpend: IndexedArray<Buyer, Double>
  /// H100e GPU-hours received: own use, contracts and spot.
  var buyerCompute: IndexedArray<Buyer, Double>
  /// USD paid on contracts (scripted and model-signed).
  var buyerContractSpend: IndexedArray<Buyer, Double>
  /// H100e GPU-hours received under contracts (scripted and model-signed).
  var buyerContractCompute: IndexedArray<Buyer, Double>
  /// Training campaigns that found their block this step (on their own or under a contract),
  /// and those whose wait ended without one.
  var campaignsMet: IndexedArray<Buyer, Double>
  var campaignsUnmet: IndexedArray<Buyer, Double>
  /// Installed chips lost to failures.
  var failed: IndexedArray<Chip, Double>
  /// Installed chips their owner took out to give the power to a better waiting chip.
  var retired: IndexedArray<Chip, Double>
  /// Used chips bought by providers with spare power.
  var usedSold: IndexedArray<Chip, Double>
  /// Retired chips nobody will run again (captive chips, or no expected net rent left).
  var scrapped: IndexedArray<Chip, Double>
  /// The used market's price, USD per chip (NaN for a captive chip or one nobody holds).
  var usedPrice: IndexedArray<Chip, Double>
  /// USD each provider paid for used chips.
  var usedBoughtUSD: IndexedArray<Provider, Double>
  /// `λ_p`: the best expected net rent per kW-hour among the provider's waiting chips, $/kWh
  /// (0 when none waits).
  var powerShadowPrice: IndexedArray<Provider, Double>
  /// USD of orders each provider did not place, and of captive output made for it that was
  /// not made (at list price), because it expects no power for the chips
  /// (`EngineState.powerBoundCapex`, `limitCaptiveOutputToPower`).
  var ordersCutByPowerUSD: IndexedArray<Provider, Double>
  /// Chips of each provider's orders, of a chip the vendor has in stock, held in the book
  /// because the provider cannot power them on arrival (`EngineState.deliverableChips`).
  var ordersDeferred: Table<Provider, Chip, Double>
  /// Passes of the spot clearing.
  var clearingIterations = 0
  /// Relative clearing error (`Equilibrium.clearingError`).
  var clearingError = 0.0
  /// Products on the spot market.
  var spotProductCount = 0
  /// The spot market as cleared, for tests and diagnostics.
  var lastMarket: SpotMarket?

  /// All flows zero for the shape of `compiled`.
  init(_ compiled: CompiledScenario) {
    let (nC, nP, nB) = (compiled.chipCount, compiled.providerCount, compiled.buyers.count)
    produced = IndexedArray(repeating: 0, count: nC)
    shipped = produced
    captivePlanned = produced
    vendorRevenue = IndexedArray(repeating: 0, count: compiled.vendors.count)
    capexSpent = IndexedArray(repeating: 0, count: nP)
    merchantBought = capexSpent
    capacityHours = Table(rows: nP, columns: nC, repeating: 0)
    contractHours = capacityHours
    ownHours = capacityHours
    ownKeep = capacityHours
    workloadHours = Table(rows: compiled.workloads.count, columns: nC, repeating: 0)
    workloadReleased = workloadHours
    contractComputeByProvider = Table(rows: nB, columns: nP, repeating: 0)
    contractSpendByProvider = contractComputeByProvider
    spotSupply = capacityHours
    spotSold = capacityHours
    spotPrice = capacityHours
    reserve = capacityHours
    contractDelivered = Table(rows: compiled.contracts.count, columns: nC, repeating: 0)
    bookFill = capacityHours
    buyerBudget = IndexedArray(repeating: 0, count: nB)
    buyerSpend = buyerBudget
    buyerSpotBudget = buyerBudget
    buyerSpotSpend = buyerBudget
    buyerCompute = buyerBudget
    buyerContractSpend = buyerBudget
    buyerContractCompute = buyerBudget
    campaignsMet = buyerBudget
    campaignsUnmet = buyerBudget
    buyerResoldCompute = buyerBudget
    buyerResaleRevenue = buyerBudget
    failed = produced
    retired = produced
    usedSold = produced
    scrapped = produced
    usedPrice = IndexedArray(repeating: .nan, count: nC)
    usedBoughtUSD = capexSpent
    powerShadowPrice = capexSpent
    ordersCutByPowerUSD = capexSpent
    ordersDeferred = capacityHours
  }
}

/// The spot market of one step: the clearing's input and answer, with the engine entities
/// behind its rows and columns.
struct SpotMarket {
  let market: Market
  let equilibrium: Equilibrium
  /// The (provider, chip) behind each column.
  let products: IndexedArray<SpotProduct, (provider: Index<Provider>, chip: Index<Chip>)>
  /// The buyer behind each row.
  let buyers: IndexedArray<SpotBuyer, Index<Buyer>>
}
