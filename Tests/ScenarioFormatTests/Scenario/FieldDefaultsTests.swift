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

  /// The Swift initialisers' defaults, which code that builds a scenario without a file relies
  /// on, are the spec's: a default changed in one place only fails here.
  @Test func swiftDefaultsAreTheSpecDefaults() {
    func spec(_ fields: [FieldSpec], _ name: String) -> Double? { fields[name]?.defaultNumber }
    let chip = Chip(
      id: "c", vendor: "v", tflopsBF16: 1, kWPerChip: 1, priceUSD: 1,
      available: YearMonth(year: 2024, month: 1))
    #expect(chip.hbmGB == spec(ScenarioFields.chip, "hbmGB"))
    #expect(chip.tdpW == spec(ScenarioFields.chip, "tdpW"))
    #expect(Double(chip.leadTimeMonths) == spec(ScenarioFields.chip, "leadTimeMonths"))
    #expect(chip.valueFactor == spec(ScenarioFields.chip, "valueFactor"))
    let provider = Provider(id: "p", kind: .neocloud)
    #expect(provider.powerUSDPerKWh == spec(ScenarioFields.provider, "powerUSDPerKWh"))
    #expect(provider.opsUSDPerGPUHour == spec(ScenarioFields.provider, "opsUSDPerGPUHour"))
    #expect(provider.region == ScenarioFields.provider["region"]?.defaultValue)
    let buyer = Buyer(id: "b", budgetUSDPerMonth: .constant(1))
    #expect(buyer.defaultAffinity == spec(ScenarioFields.buyer, "defaultAffinity"))
    #expect(buyer.kind == ScenarioFields.buyer["kind"]?.defaultValue)
    #expect(buyer.region == ScenarioFields.buyer["region"]?.defaultValue)
    #expect(Randomness().demandNoise == spec(ScenarioFields.randomness, "demandNoise"))
    let vendor = Vendor(id: "v", mix: [:])
    #expect(vendor.allocation.rawValue == ScenarioFields.vendor["allocation"]?.defaultValue)
    let group = BuyerGenerator(id: "g", count: 1, seed: 1, totalBudgetUSDPerMonth: .constant(1))
    #expect(group.budgetLogSigma == spec(ScenarioFields.generator, "budgetLogSigma"))
    #expect(group.regionWeights == ["us": 1])
    #expect(ScenarioFields.generator["regionWeights"]?.defaultValue == "{ us: 1 }")
    #expect(group.affinityRange == 0.8...1.2)
    #expect(ScenarioFields.generator["affinity"]?.defaultValue == "[0.8, 1.2]")
    for fields in [ScenarioFields.buyer, ScenarioFields.generator] {
      #expect(buyer.priceElasticity == spec(fields, "priceElasticity"))
      #expect(group.priceElasticity == spec(fields, "priceElasticity"))
      #expect(buyer.hedgeRatio == spec(fields, "hedgeRatio"))
      #expect(group.hedgeRatio == spec(fields, "hedgeRatio"))
      #expect(Double(buyer.contractTenorMonths) == spec(fields, "contractTenorMonths"))
      #expect(Double(group.contractTenorMonths) == spec(fields, "contractTenorMonths"))
    }
  }

  /// A file that leaves out every optional field decodes to the spec's defaults, including the
  /// ones written as YAML (`regionWeights: { us: 1 }`, `affinity: [0.8, 1.2]`).
  @Test func absentEntityFieldsTakeTheSpecDefaults() throws {
    let file =
      ScenarioDecoderTests.minimal
      + "\ngenerators:\n  tail: { count: 3, totalBudgetUSDPerMonth: 1.0e6 }\n"
    let dir = TemporaryDirectory()
    let scenario = try ScenarioLoader.load(path: dir.write("s.yaml", file))
    let chip = scenario.chips[0]
    #expect(chip.hbmGB == ScenarioFields.chip["hbmGB"]?.defaultNumber)
    #expect(chip.valueFactor == ScenarioFields.chip["valueFactor"]?.defaultNumber)
    let provider = scenario.providers[0]
    #expect(provider.powerUSDPerKWh == ScenarioFields.provider["powerUSDPerKWh"]?.defaultNumber)
    #expect(
      provider.opsUSDPerGPUHour == ScenarioFields.provider["opsUSDPerGPUHour"]?.defaultNumber)
    #expect(
      scenario.buyers[0].defaultAffinity == ScenarioFields.buyer["defaultAffinity"]?.defaultNumber)
    let group = try #require(scenario.generators.first)
    #expect(Double(group.seed) == ScenarioFields.generator["seed"]?.defaultNumber)
    #expect(group.budgetLogSigma == ScenarioFields.generator["budgetLogSigma"]?.defaultNumber)
    #expect(group.regionWeights == ["us": 1])
    #expect(group.affinityRange == 0.8...1.2)
    #expect(group.priceElasticity == ScenarioFields.generator["priceElasticity"]?.defaultNumber)
    #expect(group.hedgeRatio == ScenarioFields.generator["hedgeRatio"]?.defaultNumber)
    #expect(
      Double(group.contractTenorMonths)
        == ScenarioFields.generator["contractTenorMonths"]?.defaultNumber)
    #expect(Double(scenario.defaultSeed) == ScenarioFields.top["seed"]?.defaultNumber)
  }

  /// Out-of-range values are refused with the spec's rule (the decoder has no copy of it).
  @Test(arguments: [
    (
      "providers:\n  neo: { kind: neocloud, capexUSDPerMonth: 1, powerUSDPerKWh: 11 }",
      "providers.neo.powerUSDPerKWh: expected a number between 0 and 10"
    ),
    (
      "providers:\n  neo: { kind: neocloud, capexUSDPerMonth: 1, opsUSDPerGPUHour: 101 }",
      "providers.neo.opsUSDPerGPUHour: expected a number between 0 and 100"
    ),
    (
      "buyers:\n  lab: { budgetUSDPerMonth: 1, defaultAffinity: 101 }",
      "buyers.lab.defaultAffinity: expected a number between 0 and 100"
    ),
  ])
  func entityRulesAreTheSpecRules(_ replacement: String, _ message: String) throws {
    let key = String(replacement.prefix { $0 != ":" })
    var lines = ScenarioDecoderTests.minimal.split(separator: "\n").map(String.init)
    let at = try #require(lines.firstIndex(of: key + ":"))
    lines.replaceSubrange(at...(at + 1), with: [replacement])
    let messages = try ScenarioDecoderTests().messages(lines.joined(separator: "\n"))
    #expect(messages.contains { $0.contains(message) }, "\(messages)")
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
