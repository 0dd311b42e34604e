/// What the term-contract market carries from step to step and hands to the spot phase.
struct ContractMarketState: Sendable {
  let curve: ForwardCurve
  let cost: CostRecovery
  /// Per standard tenor: the floor's capital charge per USD of chip and the reversion weight.
  let capitalFactor: [Double]
  let reversionWeight: [Double]
  /// The capital charge of the whole life (the long-run price).
  let longRunCapitalFactor: Double
  var book: ContractBook
  /// Last traded spot price per (provider, chip), $/GPU-hour; NaN before it first trades.
  var lastProductPrice: Table<Provider, Chip, Double>
  /// Last step's buyers' price signal, $/H100e-hour: the reference chip's spot price per H100e,
  /// or the market's spot spending over spot H100e-hours; NaN before any trade.
  var lastPricePerH100e = Double.nan
  /// The chip whose price buyers watch (`MarketSettings.referenceChip`); `nil`: the market.
  let referenceChip: Index<Chip>?
  /// This step: USD each buyer pays on model-signed contracts, and H100e-hours it receives.
  var paid: IndexedArray<Buyer, Double>
  var compute: IndexedArray<Buyer, Double>
  /// This step: each hedger's need `Q(Φ_ref)`, H100e-hours, at the forward price its hedge was
  /// read at (NaN for a buyer that did not hedge this step).
  var need: IndexedArray<Buyer, Double>
  /// `forward[step, chip]`: posted price per tenor (`ForwardCurve.tenorsMonths` order).
  var forward: Table<Step, Chip, [Double]>

  init(_ compiled: CompiledScenario) {
    let settings = compiled.scenario.market
    curve = ForwardCurve(
      meanReversionPerMonth: settings.contracts.meanReversionPerMonth,
      termPremiumPerYear: settings.contracts.termPremiumPerYear)
    cost = CostRecovery(
      costOfCapital: settings.contracts.costOfCapital, lifeYears: settings.contracts.lifeYears,
      hoursPerYear: 8760 * settings.availability)
    capitalFactor = ForwardCurve.tenorsMonths.map { [cost] in
      cost.capitalFactor(tenorYears: Double($0) / 12)
    }
    reversionWeight = ForwardCurve.tenorsMonths.map { [curve] in
      curve.reversionWeight(tenorMonths: $0)
    }
    longRunCapitalFactor = cost.capitalFactor(tenorYears: cost.lifeYears)
    referenceChip = settings.referenceChip.flatMap { id in
      compiled.chips.indices.first { compiled.chips[$0].id == id }
    }
    let (nC, nP, nB) = (compiled.chipCount, compiled.providerCount, compiled.buyers.count)
    book = ContractBook(
      providers: nP, chipH100e: compiled.chipH100e, buyers: nB)
    lastProductPrice = Table(rows: nP, columns: nC, repeating: .nan)
    paid = IndexedArray(repeating: 0, count: nB)
    need = IndexedArray(repeating: .nan, count: compiled.buyers.count)
    compute = paid
    let unposted = [Double](repeating: .nan, count: ForwardCurve.tenorsMonths.count)
    forward = Table(rows: compiled.months.count, columns: nC, repeating: unposted)
  }
}
