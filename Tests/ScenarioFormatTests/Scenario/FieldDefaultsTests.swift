import ScenarioFormat
import Simulation
import Testing

/// Defaults and rules live in `ScenarioFields`; the engine's own constants and the decoder agree
/// with them, and every event kind the format lists has a case the decoder switches on.
@Suite struct FieldDefaultsTests {
  /// `minimal` has no `market` key and a site without `pue`.
  @Test func absentFieldsTakeTheFieldSpecDefaults() throws {
    let dir = TemporaryDirectory()
    let scenario = try ScenarioLoader.load(
      path: dir.write("s.yaml", ScenarioDecoderTests.minimal))
    #expect(scenario.market == MarketSettings(), "MarketSettings' defaults are the spec's")
    #expect(scenario.market.sigma == ScenarioFields.market["sigma"]?.defaultNumber)
    #expect(scenario.market.availability == ScenarioFields.market["availability"]?.defaultNumber)
    #expect(scenario.sites[0].pue == ScenarioFields.site["pue"]?.defaultNumber)
    #expect(Site.defaultPUE == ScenarioFields.site["pue"]?.defaultNumber)
  }

  @Test func explicitMarketFieldsAreReadWithTheSpecRules() throws {
    let file = ScenarioDecoderTests.minimal + "\nmarket: { sigma: 7, availability: 0.9 }\n"
    let dir = TemporaryDirectory()
    let scenario = try ScenarioLoader.load(path: dir.write("s.yaml", file))
    #expect(scenario.market.sigma == 7)
    #expect(scenario.market.availability == 0.9)
    #expect(scenario.market.tolerance == MarketSettings().tolerance)
    let bad = ScenarioDecoderTests.minimal + "\nmarket: { sigma: 51 }\n"
    let messages = try ScenarioDecoderTests().messages(bad)
    #expect(messages.contains { $0.contains("market.sigma: expected a number between 1 and 50") })
  }

  @Test func everyEventVariantHasAKind() {
    #expect(EventKindTag.allCases.map(\.rawValue) == ScenarioFields.eventVariants.map(\.tag))
  }
}
