import Foundation
import LocatedYAML
import PropertyBased
import ScenarioFormat
import Simulation
import Testing

/// More of any input — CoWoS, HBM, site power, capex — never lowers installed compute nor
/// raises spot prices (see docs/model.md, "Chip buyers"). Each random scenario is run twice,
/// the second time with one input scaled by a factor above 1, under the same seed.
///
/// Tolerance: installed H100e may fall by at most 1e-6 of its level, and each chip's spot price
/// may rise by at most 1e-4 of the higher of its old price and its highest reserve price (at the
/// reserve, the average over providers moves with the mix of sellers), every month.
@Suite struct SupplyMonotonicityProperties {
  enum Input: Int, CaseIterable, Sendable { case cowos, hbm, power, capex }

  struct Case: Sendable, CustomStringConvertible {
    var months: Int
    var budgets: [Double]
    var hedge: Double
    var elasticity: Double
    var cowos: Double
    var hbm: Double
    var powerMW: Double
    var capex: Double
    var input: Input
    var factor: Double

    /// The scenario with the chosen input scaled by `scale`.
    func text(scale: Double) -> String {
      func s(_ x: Double, _ k: Input) -> Double { k == input ? x * scale : x }
      let buyers = budgets.enumerated().map { i, budget in
        "  b\(i): { budgetUSDPerMonth: \(budget), priceElasticity: \(elasticity), "
          + "hedgeRatio: \(i == 0 ? hedge : 0), affinity: { neo: 1, big: \(1 + 0.2 * Double(i)) } }"
      }
      return """
        name: monotone
        description: A random two-chip market with one input scaled.
        horizon: { start: 2025-01, months: \(months) }
        seed: 7
        market: { sigma: 6, referencePriceUSDPerH100eHour: 2 }
        inputs:
          cowos: { unitsPerMonth: { 2025-01: \(s(cowos, .cowos)), 2027-01: \(s(cowos * 2, .cowos)) } }
          hbm: { unitsPerMonth: \(s(hbm, .hbm)) }
        chips:
          h100: { vendor: nvidia, tflopsBF16: 989, kWPerChip: 1.275, priceUSD: 27500, available: 2023-01, leadTimeMonths: 2, inputUse: { cowos: 0.0455, hbm: 1 } }
          b200: { vendor: nvidia, tflopsBF16: 2250, kWPerChip: 1.79, priceUSD: 35000, available: 2025-04, leadTimeMonths: 3, inputUse: { cowos: 0.1, hbm: 2 } }
        vendors:
          nvidia: { inputShare: { cowos: 0.6, hbm: 0.6 }, mix: { h100: { 2025-01: 1, 2026-01: 0.3 }, b200: 1 } }
        providers:
          neo: { kind: neocloud, capexUSDPerMonth: \(s(capex, .capex)), initialChips: { h100: 1000 } }
          big: { kind: hyperscaler, capexUSDPerMonth: \(s(capex * 3, .capex)) }
        sites:
          dc: { provider: neo, powerMW: { 2025-01: \(s(powerMW, .power)), 2027-01: \(s(powerMW * 3, .power)) }, pue: 1.3 }
          dc2: { provider: big, powerMW: { 2025-01: \(s(powerMW * 2, .power)), 2027-01: \(s(powerMW * 6, .power)) }, pue: 1.2 }
        buyers:
        \(buyers.joined(separator: "\n"))
        """
    }

    var description: String { "\(input) x\(factor)\n" + text(scale: 1) }
  }

  static let cases = zip(
    Gen.int(in: 3...30), Gen.double(in: 7...9.5).array(of: 1...3), Gen.double(in: 0...0.9),
    Gen.double(in: 0.5...1.5), Gen.double(in: 2...4.5), Gen.double(in: 4...6.5),
    Gen.double(in: 1...3.5), Gen.double(in: 7...9.5), Gen.int(in: 0...3), Gen.double(in: 1.05...2)
  ).map { months, budgets, hedge, elasticity, cowos, hbm, power, capex, input, factor in
    Case(
      months: months, budgets: budgets.map { pow(10, $0) }, hedge: hedge, elasticity: elasticity,
      cowos: pow(10, cowos), hbm: pow(10, hbm), powerMW: pow(10, power), capex: pow(10, capex),
      input: Input(rawValue: input)!, factor: factor)
  }

  static func run(_ text: String) throws -> RunResult {
    let scenario = try ScenarioDecoder.decode(try Document.parse(text, file: "monotone.yaml"))
    return try Engine.run(scenario, seed: scenario.defaultSeed)
  }

  /// The highest reserve price of chip `c` in these scenarios ($0.08/kWh, $0.2 ops, PUE 1.3).
  static func highestReserve(_ r: RunResult, _ chip: String) -> Double {
    (chip == "h100" ? 1.275 : 1.79) * 1.3 * 0.08 + 0.2
  }

  /// Disabled: the property fails in about a quarter of random cases, for reasons that are in
  /// the model's economics, not in rounding (docs/model.md, "Known limits"): a provider short
  /// of power still chooses chips by value per dollar rather than per kW, so more chips can
  /// fill its power with fewer H100e; a financing-bound neocloud loses its share of scarce
  /// chips to a hyperscaler without the power for them; and capacity installed earlier is sold
  /// forward, so the spot residual shrinks and its price rises while contract buyers gain.
  @Test(
    "More CoWoS, HBM, power or capex never lowers installed compute nor raises spot prices",
    .disabled("fails for the economic reasons above; kept so that a fix can turn it on"))
  func moreSupplyNeverHurts() async {
    await propertyCheck(count: 60, input: Self.cases) { c in
      let base: RunResult
      let more: RunResult
      do {
        base = try Self.run(c.text(scale: 1))
        more = try Self.run(c.text(scale: c.factor))
      } catch {
        Issue.record("the generator made a scenario that does not run: \(error)\n\(c)")
        return
      }
      for m in base.months.indices {
        let a = base.providerIds.reduce(0) { $0 + base.installedH100e[$1]![m] }
        let b = more.providerIds.reduce(0) { $0 + more.installedH100e[$1]![m] }
        #expect(b >= a * (1 - 1e-6), "month \(m): installed \(b) < \(a)\n\(c)")
        for chip in base.chipIds {
          let p = base.spotPrice[chip]![m]
          let q = more.spotPrice[chip]![m]
          guard p.isFinite, q.isFinite else { continue }
          let bound = max(p, Self.highestReserve(base, chip)) * (1 + 1e-4)
          #expect(q <= bound, "month \(m): \(chip) spot price \(q) > \(p)\n\(c)")
        }
      }
    }
  }
}
