import Foundation
import LocatedYAML
import ScenarioFormat
import Simulation
import Testing

/// `ScenarioLoader.check(document:…)`, which starts from a file already read, gives what
/// `check(path:…)` gives for the same overrides: the same scenario, or the same located
/// diagnostics, in the same order.
@Suite struct LoadedCheckTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test(arguments: [
    [String](),
    ["market.sigma=4"],
    ["market.sigma=4", "randomness.demandNoise=0.1", "horizon.months=36"],
    ["market.sgma=3"],
    ["market.sigma=-1"],
    ["market.sigma"],
    ["[bad path=1"],
    ["buyers.anthropic.sigma=2", "market.availability=2", "market.sigma=x"],
    ["events=[]", "contracts=null"],
  ])
  func sameOutcomeAsReadingTheFile(overrides: [String]) throws {
    for name in ["baseline-2026", "counterfactual-no-colossus"] {
      let path = Self.root.appendingPathComponent("scenarios/\(name).yaml").path
      let read = ScenarioLoader.check(path: path, overrideTexts: [])
      let document = try #require(read.document, "\(name) loads")
      let fromFile = ScenarioLoader.check(path: path, overrideTexts: overrides)
      let fromDocument = ScenarioLoader.check(
        document: document, path: path, overrideTexts: overrides)
      #expect(fromDocument.scenario == fromFile.scenario, "\(name) \(overrides)")
      #expect(
        fromDocument.diagnostics.map(\.description) == fromFile.diagnostics.map(\.description),
        "\(name) \(overrides)")
      #expect((fromDocument.document == nil) == (fromFile.document == nil))
      if overrides.count == 1, overrides[0].hasPrefix("market.sgma") {
        #expect(!fromDocument.diagnostics.isEmpty, "a typo is an error either way")
      }
    }
  }
}
