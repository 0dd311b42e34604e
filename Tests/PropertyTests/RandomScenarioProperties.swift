import Foundation
import LocatedYAML
import PropertyBased
import ScenarioFormat
import Simulation
import Testing

/// Random valid scenarios run to the end without violating the engine's monthly invariants,
/// and the run's books balance: GPU-hours, chips and money are neither made nor lost.
@Suite struct RandomScenarioProperties {
  /// The numbers a scenario is drawn from.
  struct ScenarioCase: Sendable, CustomStringConvertible {
    var months: Int
    var sigma: Double
    var budgets: [Double]
    var initialChips: Double
    var powerMW: Double
    var cowosUnits: Double
    var contractShare: Double
    var capex: Double
    var seed: UInt64

    /// The scenario as a file: two providers, up to three buyers, one contract.
    var text: String {
      let buyers = budgets.enumerated().map { i, budget in
        "  b\(i): { budgetUSDPerMonth: \(budget), affinity: { neo: \(1 + 0.1 * Double(i)) } }"
      }
      let contractGPUs = (initialChips * contractShare).rounded(.down)
      return """
        name: random
        description: A random small market.
        horizon: { start: 2025-01, months: \(months) }
        seed: \(seed)
        market: { sigma: \(sigma) }
        inputs:
          cowos: { unitsPerMonth: \(cowosUnits) }
        chips:
          h100: { vendor: nvidia, tflopsBF16: 989, kWPerChip: 1.275, priceUSD: 27500, available: 2023-01, inputUse: { cowos: 0.0455 } }
        vendors:
          nvidia: { inputShare: { cowos: 0.6 }, mix: { h100: 1 } }
        providers:
          neo: { kind: neocloud, capexUSDPerMonth: \(capex), initialChips: { h100: \(initialChips) } }
          big: { kind: hyperscaler, capexUSDPerMonth: \(capex / 2) }
        sites:
          dc: { provider: neo, powerMW: \(powerMW), pue: 1.3 }
          dc2: { provider: big, powerMW: \(powerMW / 2), pue: 1.2 }
        buyers:
        \(buyers.joined(separator: "\n"))
        contracts:
          deal: { buyer: b0, provider: neo, gpus: { h100: \(contractGPUs) }, priceUSDPerGPUHour: 2, start: 2025-01, months: \(months) }
        """
    }

    var description: String { text }
  }

  static let scenarios = zip(
    Gen.int(in: 1...24), Gen.double(in: 1.05...12),
    Gen.double(in: 3...10).array(of: 1...3), Gen.double(in: 0...5),
    Gen.double(in: 0...2.5), Gen.double(in: 0...4), Gen.double(in: 0...0.5),
    Gen.double(in: 5...9)
  ).map { months, sigma, budgets, chips, power, cowos, share, capex in
    // Sites hold the initial chips: 1.275 kW each at PUE 1.3 needs 1.66 kW per chip.
    let initialChips = pow(10, chips).rounded(.down)
    let powerMW = max(initialChips * 1.7 / 1000 * 1.01, pow(10, power))
    return ScenarioCase(
      months: months, sigma: sigma, budgets: budgets.map { pow(10, $0) },
      initialChips: initialChips, powerMW: powerMW, cowosUnits: pow(10, cowos),
      contractShare: share, capex: pow(10, capex), seed: UInt64(months * 7919))
  }

  @Test("Random valid scenarios keep the invariants and conserve chips, GPU-hours and money")
  func conservation() async throws {
    await propertyCheck(count: 40, input: Self.scenarios) { c in
      let scenario: Scenario
      do {
        scenario = try ScenarioDecoder.decode(try Document.parse(c.text, file: "random.yaml"))
        try Engine.check(scenario)
      } catch {
        Issue.record("the generator made an invalid scenario: \(error)\n\(c.text)")
        return
      }
      let result: RunResult
      do {
        result = try Engine.run(scenario, seed: scenario.defaultSeed)
      } catch {
        Issue.record("the run stopped: \(error)\n\(c.text)")
        return
      }
      Self.expectBooksBalance(result, c)
    }
  }

  /// The identities every month of every run must satisfy, to a relative 1e-6.
  static func expectBooksBalance(_ r: RunResult, _ c: ScenarioCase) {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(a), abs(b)) }
    for m in r.months.indices {
      // GPU-hours: capacity is used by contracts, own use and spot sales, or left idle.
      for p in r.providerIds {
        let used =
          r.contractHours[p]![m] + r.ownUseHours[p]![m] + r.spotSoldHours[p]![m]
          + r.idleHours[p]![m]
        #expect(
          close(used, r.capacityHours[p]![m]),
          "\(p) month \(m): \(used) vs \(r.capacityHours[p]![m])\n\(c)")
      }
      // Money: what providers pay for merchant chips is what vendors receive.
      let paid = r.providerIds.reduce(0) { $0 + r.capexSpentUSD[$1]![m] }
      let received = r.vendorIds.reduce(0) { $0 + r.vendorRevenue[$1]![m] }
      #expect(
        close(paid, received), "month \(m): providers paid \(paid), vendors got \(received)\n\(c)")
      // Spot money: spot revenue never exceeds what buyers spent.
      let spotRevenue = r.chipIds.reduce(0) { total, chip in
        let hours = r.spotHours[chip]![m]
        return hours > 0 ? total + r.spotPrice[chip]![m] * hours : total
      }
      let spent = r.buyerIds.reduce(0) { $0 + r.spending[$1]![m] }
      #expect(
        spotRevenue <= spent * (1 + 1e-6) + 1e-6,
        "month \(m): spot \(spotRevenue) > spent \(spent)\n\(c)")
    }
    // Chips: none is shipped that was not made.
    for chip in r.chipIds {
      let made = r.production[chip]!.reduce(0, +)
      let shipped = r.shipments[chip]!.reduce(0, +)
      #expect(
        shipped <= made * (1 + 1e-9) + 1e-6, "\(chip): shipped \(shipped) of \(made) made\n\(c)")
    }
  }
}
