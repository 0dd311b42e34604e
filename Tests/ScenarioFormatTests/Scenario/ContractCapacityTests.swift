import Foundation
import ScenarioFormat
import Testing

/// The static bound on a contract: its chips' IT power (gpus x kWPerChip) against the most IT
/// power (powerMW x 1000 / pue) its provider's sites offer in a month the contract runs.
@Suite struct ContractCapacityTests {
  /// The default site: 13 MW at PUE 1.3, i.e. 10,000 kW of IT power, which holds exactly
  /// 10,000 of the file's 1 kW chips.
  static let oneSite = "dc: { provider: p, powerMW: 13, pue: 1.3 }"

  /// The diagnostics of a file with one contract of `gpus` chips at provider `provider`.
  func errors(
    gpus: Int, provider: String = "p", months: Int = 12, sites: String = oneSite,
    events: String = "[]"
  ) -> [String] {
    let text = """
      name: capacity
      description: Capacity bound.
      horizon: { start: 2024-01, months: 12 }
      chips:
        c: { vendor: v, tflopsBF16: 989, kWPerChip: 1.0, priceUSD: 1, available: 2023-01 }
      vendors:
        v: { unitsPerMonth: 10, mix: { c: 1 } }
      providers:
        p: { kind: neocloud }
        q: { kind: neocloud }
      sites:
        \(sites)
      buyers:
        b: { budgetUSDPerMonth: 1.0e6 }
      contracts:
        k: { buyer: b, provider: \(provider), gpus: { c: \(gpus) }, priceUSDPerGPUHour: 2, start: 2024-01, months: \(months) }
      events: \(events)
      """
    let dir = TemporaryDirectory()
    let path = dir.write("capacity.yaml", text)
    do {
      _ = try ScenarioLoader.loadForRun(path: path, overrideTexts: [])
      return []
    } catch {
      return error.diagnostics.map(\.description)
    }
  }

  @Test func aContractThatFitsExactlyIsAccepted() {
    #expect(errors(gpus: 10_000) == [])
  }

  @Test func oneChipMoreIsAnErrorAtTheGPUs() throws {
    let found = errors(gpus: 10_001)
    #expect(found.count == 1)
    let message = try #require(found.first)
    #expect(message.contains("contracts.k.gpus: contract needs 10.001 MW of IT power"))
    #expect(message.contains("provider 'p' has at most 10 MW of IT power"))
  }

  @Test func aNewSiteCountsFromItsMonthOnly() {
    let newSite = "[{ at: 2024-07, kind: newSite, id: dc2, provider: p, powerMW: 1.3, pue: 1.3 }]"
    // 11,000 chips fit from 2024-07, inside the contract's months...
    #expect(errors(gpus: 11_000, events: newSite) == [])
    // ...but not in a contract that ends before the new site arrives.
    #expect(errors(gpus: 11_000, months: 6, events: newSite).count == 1)
  }

  @Test func aProviderWithoutSitesCannotHoldAnyContract() throws {
    let found = errors(gpus: 1, provider: "q")
    #expect(found.count == 1)
    #expect(found.first?.contains("provider 'q' has no sites") == true)
  }

  @Test func aRampingSiteIsJudgedByItsBestMonthInTheContract() {
    let ramp = "dc: { provider: p, powerMW: { 2024-01: 0, 2024-12: 13 }, pue: 1.3 }"
    // The full 13 MW is reached in 2024-12, the contract's last month: accepted.
    #expect(errors(gpus: 10_000, sites: ramp) == [])
    // In its first six months the site reaches 13 x 5/11 MW, 4,545.45 kW of IT power after
    // PUE 1.3: 4,545 chips fit, 4,546 do not.
    #expect(errors(gpus: 4_545, months: 6, sites: ramp) == [])
    #expect(errors(gpus: 4_546, months: 6, sites: ramp).count == 1)
  }
}
