import Foundation
import ScenarioFormat
import Simulation
import Testing

/// The bundled what-ifs move outcomes in the direction their story says.
@Suite struct ScenarioEffectTests {
  static func run(_ name: String) throws -> RunResult {
    let path = CalibrationTests.root.appendingPathComponent("scenarios/\(name).yaml").path
    let scenario = try ScenarioLoader.load(path: path)
    return try Engine.run(scenario, seed: scenario.defaultSeed)
  }

  /// Without the lease xAI keeps Colossus for itself in every month the lease would have run.
  /// Anthropic gets less in the lease's first month (the lease is cover beyond its hedge
  /// target, and what it signs instead that month does not replace all of it), and over the
  /// lease's months it contracts more elsewhere (less cover, so its hedge signs more). Whether
  /// it gets less compute over those months together is not fixed by theory: it depends on
  /// whether the lease cost more per H100e-hour than the contracts and spot it buys instead
  /// (see docs/model.md, "The Colossus question").
  @Test func withoutColossusAnthropicGetsLessAndXAIMore() throws {
    let base = try Self.run("baseline-2026")
    let counter = try Self.run("counterfactual-no-colossus")
    let months = ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]
    for month in months {
      let t = base.months.firstIndex(of: month)!
      #expect(counter.compute["xai"]![t] > base.compute["xai"]![t], "\(month)")
    }
    let first = base.months.firstIndex(of: "2026-05")!
    #expect(counter.compute["anthropic"]![first] < base.compute["anthropic"]![first])
    let lease = months.joined(separator: ",")
    var baseElsewhere = 0.0
    var counterElsewhere = 0.0
    for provider in base.providerIds where provider != "xai" {
      for month in months {
        let name = try OutcomeName(parsing: "contracted.anthropic.\(provider).\(month)")
        baseElsewhere += base.value(of: name) ?? 0
        counterElsewhere += counter.value(of: name) ?? 0
      }
    }
    #expect(counterElsewhere > baseElsewhere, "contracts elsewhere over \(lease)")
    // Before the contract the two runs are the same.
    let before = base.months.firstIndex(of: "2026-04")!
    #expect(
      abs(counter.compute["anthropic"]![before] - base.compute["anthropic"]![before]) < 1e-6
        * base.compute["anthropic"]![before])
  }

  @Test func slowerCoWoSMeansFewerChipsAndHigherPrices() throws {
    let base = try Self.run("baseline-2026")
    let slow = try Self.run("cowos-slower")
    #expect(slow.metric("shipments.nvidia.2025")! < base.metric("shipments.nvidia.2025")!)
    #expect(slow.metric("price.h100.2026")! > base.metric("price.h100.2026")!)
  }

  @Test func tightHBMBindsFromMid2024() throws {
    let base = try Self.run("baseline-2026")
    let tight = try Self.run("hbm-tight")
    #expect(tight.metric("shipments.nvidia.2025")! < 0.8 * base.metric("shipments.nvidia.2025")!)
    #expect(tight.metric("price.h100.2026")! > base.metric("price.h100.2026")!)
    // Before the HBM path starts to bind (2023), nothing changes.
    #expect(
      abs(tight.metric("shipments.nvidia.2023")! - base.metric("shipments.nvidia.2023")!)
        < 1e-6 * base.metric("shipments.nvidia.2023")!)
  }

  @Test func delayedBlackwellShipsNoB200In2025H1() throws {
    let late = try Self.run("blackwell-delayed")
    let base = try Self.run("baseline-2026")
    #expect(late.metric("shipments.b200.2025")! < 0.7 * base.metric("shipments.b200.2025")!)
    #expect(late.metric("price.h100.2025")! > base.metric("price.h100.2025")!)
  }

  @Test func tighterControlsCutChinaAndGulf() throws {
    let base = try Self.run("baseline-2026")
    let tight = try Self.run("export-controls-tighter")
    #expect(tight.metric("compute.china-labs.2025")! < base.metric("compute.china-labs.2025")!)
    #expect(tight.metric("compute.sovereign-ai.2026")! < base.metric("compute.sovereign-ai.2026")!)
  }
}
