/// The vendors' order book and what investment carries from step to step
/// (see docs/model.md, "Chip buyers").
struct OrderBook: Sendable {
  let rule: InvestmentRule
  /// Weight of the last price in the mean expected spot over a chip's life.
  let lifeWeight: Double
  /// `CRF(r, L) / H_yr`: the long-run capital charge per USD of chip, per GPU-hour.
  let longRunCapitalFactor: Double
  /// `backlog[p, c]`: chips ordered by provider p and not yet shipped.
  var backlog: Table<Provider, Chip, Double>
  /// Lead time quoted after last step's shipments, months (the delivery time before any order).
  var quotedLeadTime: IndexedArray<Chip, Double>
  /// Vendor price as a fraction of list (1: list; below 1 when unsold stock builds).
  var priceFactor: IndexedArray<Chip, Double>
  /// Chips ordered this step, per chip (the vendor's price signal).
  var orderedThisStep: IndexedArray<Chip, Double>

  /// The lowest fraction of list price a vendor sells at.
  static let lowestPriceFactor = 0.05

  init(_ compiled: CompiledScenario) {
    let market = compiled.scenario.market
    let hoursPerYear = 8760 * market.availability
    rule = InvestmentRule(
      settings: market.investment, costOfCapital: market.contracts.costOfCapital,
      lifeYears: market.contracts.lifeYears, hoursPerYear: hoursPerYear)
    let curve = ForwardCurve(
      meanReversionPerMonth: market.contracts.meanReversionPerMonth, termPremiumPerYear: 0)
    lifeWeight = curve.reversionWeight(
      tenorMonths: max(1, Int((12 * market.contracts.lifeYears).rounded())))
    longRunCapitalFactor = rule.hurdle / hoursPerYear
    let (nC, nP) = (compiled.chipCount, compiled.providerCount)
    backlog = Table(rows: nP, columns: nC, repeating: 0)
    quotedLeadTime = IndexedArray(compiled.chips.map { Double($0.leadTimeMonths) })
    priceFactor = IndexedArray(repeating: 1, count: nC)
    orderedThisStep = IndexedArray(repeating: 0, count: nC)
  }
}
