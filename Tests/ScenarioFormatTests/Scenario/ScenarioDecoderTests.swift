import Foundation
import ScenarioFormat
import Simulation
import Testing

/// Decoding scenario files: a minimal valid file, every kind of error at once, references,
/// `extends`, and every bundled scenario.
@Suite struct ScenarioDecoderTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static let minimal = """
    name: tiny
    description: A tiny market.
    horizon: { start: 2024-01, months: 6 }
    inputs:
      cowos: { unitsPerMonth: { 2024-01: 100, 2024-12: 200 } }
    chips:
      h100: { vendor: nvidia, tflopsBF16: 989, kWPerChip: 1.3, priceUSD: 27500, available: 2023-01,
              inputUse: { cowos: 0.05 } }
    vendors:
      nvidia: { inputShare: { cowos: 0.6 }, mix: { h100: 1 } }
    providers:
      neo: { kind: neocloud, capexUSDPerMonth: 1.0e8, initialChips: { h100: 1000 } }
    sites:
      dc: { provider: neo, powerMW: 20 }
    buyers:
      lab: { budgetUSDPerMonth: { 2024-01: 1.0e6, 2024-06: 2.0e6 }, affinity: { neo: 1.2 } }
    contracts:
      deal: { buyer: lab, provider: neo, gpus: { h100: 100 }, priceUSDPerGPUHour: 2, start: 2024-02, months: 3 }
    events:
      - { at: 2024-03, kind: supplyMultiplier, input: cowos, factor: 0.5, months: 2 }
      - { at: 2024-04, kind: priceCap, chip: h100, usdPerGPUHour: 3 }
    """

  func messages(_ yaml: String) throws -> [String] {
    let dir = TemporaryDirectory()
    let path = dir.write("s.yaml", yaml)
    do {
      _ = try ScenarioLoader.load(path: path)
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  @Test func minimalFileDecodesAndRuns() throws {
    let dir = TemporaryDirectory()
    let scenario = try ScenarioLoader.load(path: dir.write("s.yaml", Self.minimal))
    #expect(scenario.name == "tiny")
    #expect(scenario.months == 6)
    #expect(scenario.chips.first?.id == "h100")
    #expect(
      abs(scenario.buyers[0].budgetUSDPerMonth.value(at: YearMonth(year: 2024, month: 6)) - 2e6)
        < 1e-6)
    #expect(scenario.contracts.first?.start == YearMonth(year: 2024, month: 2))
    #expect(scenario.events.count == 2)
    let result = try Engine.run(scenario, seed: 1)
    #expect(result.months == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"])
  }

  @Test func errorsNameFileLineAndKeyPathAllAtOnce() throws {
    let bad = Self.minimal
      .replacingOccurrences(of: "tflopsBF16: 989", with: "tflopsBF16: -5")
      .replacingOccurrences(of: "capexUSDPerMonth: 1.0e8", with: "capexUSDPerMonth: lots")
      .replacingOccurrences(of: "budgetUSDPerMonth:", with: "budgetUSD:")
    let found = try messages(bad)
    #expect(found.count == 4, "\(found)")
    #expect(
      found.contains {
        $0.contains("s.yaml:7:") && $0.contains("chips.h100.tflopsBF16") && $0.contains("> 0")
      })
    #expect(
      found.contains { $0.contains("s.yaml:12:") && $0.contains("providers.neo.capexUSDPerMonth") })
    #expect(
      found.contains { $0.contains("unknown key 'budgetUSD'") && $0.contains("budgetUSDPerMonth") })
  }

  @Test func unknownReferencesGetNearestNameHints() throws {
    let bad = Self.minimal
      .replacingOccurrences(
        of: "{ buyer: lab, provider: neo,", with: "{ buyer: lab, provider: nep,"
      )
      .replacingOccurrences(of: "chip: h100, usdPerGPUHour", with: "chip: h10, usdPerGPUHour")
    let found = try messages(bad)
    #expect(
      found.contains {
        $0.contains("contracts.deal.provider") && $0.contains("unknown provider 'nep'")
          && $0.contains("neo")
      })
    #expect(
      found.contains {
        $0.contains("events[1].chip") && $0.contains("unknown chip 'h10'") && $0.contains("h100")
      })
  }

  @Test func datesOutsideTheHorizonAreErrors() throws {
    let bad = Self.minimal.replacingOccurrences(
      of: "{ at: 2024-03, kind: supplyMultiplier", with: "{ at: 2029-03, kind: supplyMultiplier")
    let found = try messages(bad)
    #expect(found.contains { $0.contains("events[0].at") && $0.contains("outside the horizon") })
  }

  @Test func unknownEventKindIsReported() throws {
    let bad = Self.minimal.replacingOccurrences(of: "kind: priceCap", with: "kind: priceCapp")
    let found = try messages(bad)
    #expect(found.contains { $0.contains("events[1].kind") && $0.contains("priceCap") })
  }

  @Test func newSiteAndNewContractEventsDecode() throws {
    let yaml =
      Self.minimal + """

          - { at: 2024-02, kind: newSite, id: dc2, provider: neo, powerMW: 5, pue: 1.1 }
          - { at: 2024-02, kind: newContract, id: deal2, buyer: lab, provider: neo,
              gpus: { h100: 10 }, priceUSDPerGPUHour: 1.5, start: 2024-03, months: 2 }
          - { at: 2024-05, kind: exportBan, region: china, chips: [h100], cloud: true }
          - { at: 2024-02, kind: chipDelay, chip: h100, delayMonths: 1 }
          - { at: 2024-02, kind: demandMultiplier, buyer: lab, factor: 1.5, months: 2 }
        """
    let dir = TemporaryDirectory()
    let scenario = try ScenarioLoader.load(path: dir.write("s.yaml", yaml))
    #expect(scenario.events.count == 7)
    guard case .newSite(let site) = scenario.events[2].kind,
      case .newContract(let contract) = scenario.events[3].kind
    else {
      Issue.record("events decoded as \(scenario.events.map(\.kind))")
      return
    }
    #expect(site.id == "dc2" && abs(site.pue - 1.1) < 1e-12)
    #expect(contract.id == "deal2" && contract.months == 2)
    #expect(scenario.events[4].kind == .exportBan(region: "china", chips: ["h100"], cloud: true))
    #expect(scenario.events[5].kind == .chipDelay(chip: "h100", months: 1))
    _ = try Engine.run(scenario, seed: 1)
  }

  /// A site delay decodes, may name a site a newSite event adds, shifts the site's power path,
  /// and an unknown site is reported at its key path with the nearest name.
  @Test func siteDelayDecodesAndShiftsThePower() throws {
    let yaml =
      Self.minimal.replacingOccurrences(
        of: "dc: { provider: neo, powerMW: 20 }",
        with: """
          dc: { provider: neo, powerMW: { 2024-01: 0, 2024-03: 20 } }
          """) + """

          - { at: 2024-01, kind: siteDelay, site: dc, delayMonths: 2 }
          - { at: 2024-02, kind: newSite, id: dc2, provider: neo, powerMW: 5 }
          - { at: 2024-01, kind: siteDelay, site: dc2, delayMonths: 1 }
        """
    let dir = TemporaryDirectory()
    let scenario = try ScenarioLoader.load(path: dir.write("s.yaml", yaml))
    #expect(scenario.events[2].kind == .siteDelay(site: "dc", months: 2))
    let late = try Engine.run(scenario, seed: 1)
    let onTime = try Engine.run(
      ScenarioLoader.load(
        path: dir.write(
          "t.yaml",
          yaml.replacingOccurrences(
            of: "  - { at: 2024-01, kind: siteDelay, site: dc, delayMonths: 2 }\n", with: ""))),
      seed: 1)
    // dc reaches 20 MW in 2024-05 instead of 2024-03; by 2024-06 both have nearly the same
    // chips (their histories, and so their failures and orders, differ a little).
    let h100 = (late.installedChips["h100"]!, onTime.installedChips["h100"]!)
    #expect(h100.0[2] < h100.1[2] - 1000)
    #expect(abs(h100.0[5] - h100.1[5]) <= 1e-3 * h100.1[5])
    let bad = yaml.replacingOccurrences(of: "site: dc, delayMonths", with: "site: dcc, delayMonths")
    let found = try messages(bad)
    #expect(
      found.contains {
        $0.contains("events[2].site") && $0.contains("unknown site 'dcc'") && $0.contains("dc")
      })
  }

  @Test func marketsAndLeakageDecode() throws {
    let yaml =
      Self.minimal.replacingOccurrences(
        of: "inputUse: { cowos: 0.05 } }", with: "inputUse: { cowos: 0.05 }, markets: [us] }")
        + """

          - { at: 2024-05, kind: exportBan, region: us, chips: [h100], leakage: 0.04, markup: 0.5 }
        """
    let dir = TemporaryDirectory()
    let scenario = try ScenarioLoader.load(path: dir.write("s.yaml", yaml))
    #expect(scenario.chips[0].markets == ["us"])
    #expect(
      scenario.events[2].kind
        == .exportBan(region: "us", chips: ["h100"], cloud: false, leakage: 0.04, markup: 0.5))
  }

  @Test func badMarketsAndLeakageAreReported() throws {
    let typo = try messages(
      Self.minimal.replacingOccurrences(
        of: "inputUse: { cowos: 0.05 } }", with: "inputUse: { cowos: 0.05 }, markets: [usa] }"))
    #expect(
      typo.contains {
        $0.contains("chips.h100.markets[0]") && $0.contains("unknown region 'usa'")
          && $0.contains("'us'")
      }, "\(typo)")
    let empty = try messages(
      Self.minimal.replacingOccurrences(
        of: "inputUse: { cowos: 0.05 } }", with: "inputUse: { cowos: 0.05 }, markets: [] }"))
    #expect(empty.contains { $0.contains("chips.h100.markets") && $0.contains("no region") })
    let leak = try messages(
      Self.minimal
        + """

          - { at: 2024-05, kind: exportBan, region: us, leakage: 1.5 }
        """)
    #expect(
      leak.contains { $0.contains("events[2].leakage") && $0.contains("between 0 and 1") },
      "\(leak)")
  }

  @Test func fieldDescriptionsGiveASchemaAndTheDecodersKeys() throws {
    let schema = ScenarioFields.jsonSchema.serialized()
    for key in ["tflopsBF16", "budgetUSDPerMonth", "exportBan", "powerMW", "generators"] {
      #expect(schema.contains(key), "\(key)")
    }
    #expect(ScenarioDecoder.chipKeys == ScenarioFields.chip.names)
    let found = try messages(
      Self.minimal.replacingOccurrences(of: "powerMW: 20", with: "powerMW: 20, pwr: 1"))
    #expect(found.contains { $0.contains("sites.dc.pwr") && $0.contains("unknown key") })
  }

  @Test func extendsCanDeleteAContractById() throws {
    let dir = TemporaryDirectory()
    dir.write("base.yaml", Self.minimal)
    let child = dir.write(
      "child.yaml",
      """
      extends: base.yaml
      name: child
      description: Without the deal.
      contracts:
        deal: null
      """)
    let scenario = try ScenarioLoader.load(path: child)
    #expect(scenario.name == "child")
    #expect(scenario.contracts.isEmpty)
    #expect(scenario.buyers.count == 1)
  }

  @Test(arguments: [
    "baseline-2026", "counterfactual-no-colossus", "cowos-slower", "export-controls-tighter",
    "blackwell-delayed", "synthetic-large", "hbm-tight", "china-smuggling",
  ])
  func bundledScenarioDecodes(_ name: String) throws {
    let path = Self.root.appendingPathComponent("scenarios/\(name).yaml").path
    let scenario = try ScenarioLoader.load(path: path)
    #expect(scenario.name == name)
    #expect(!scenario.description.isEmpty)
    #expect(scenario.start == YearMonth(year: 2023, month: 1))
    #expect(scenario.months >= 60)
  }

  @Test func noColossusCounterfactualDropsOnlyThatContract() throws {
    let base = try ScenarioLoader.load(
      path: Self.root.appendingPathComponent("scenarios/baseline-2026.yaml").path)
    let counter = try ScenarioLoader.load(
      path: Self.root.appendingPathComponent("scenarios/counterfactual-no-colossus.yaml").path)
    #expect(base.contracts.contains { $0.id == "anthropic-colossus-2026" })
    #expect(!counter.contracts.contains { $0.id == "anthropic-colossus-2026" })
    #expect(counter.contracts.count == base.contracts.count - 1)
  }
}
