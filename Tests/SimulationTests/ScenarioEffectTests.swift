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

  /// Tighter controls take chips from China and none from elsewhere: China's installed base
  /// falls; the H20 is not shipped at all; Huawei, short of HBM, makes fewer Ascends.
  @Test func tighterControlsShrinkChinasFleet() throws {
    let base = try Self.run("baseline-2026")
    let tight = try Self.run("export-controls-tighter")
    let china = "installedByRegion.china.2026-04"
    #expect(tight.metric(china)! < 0.8 * base.metric(china)!)
    #expect(tight.metric("shipments.h20.2024")! == 0)
    #expect(tight.metric("shipments.huawei.2025")! < 0.6 * base.metric("shipments.huawei.2025")!)
  }

  /// Leaked chips move from the rest of the world to China: China's installed base rises and
  /// everyone else's falls, while the world's output is unchanged (before prices answer).
  @Test func smugglingMovesChipsToChina() throws {
    let base = try Self.run("baseline-2026")
    let leaky = try Self.run("china-smuggling")
    let china = "installedByRegion.china.2026-04"
    #expect(leaky.metric(china)! > 1.2 * base.metric(china)!)
    let rest = { (r: RunResult) in r.metric("installed.world.2026-04")! - r.metric(china)! }
    #expect(rest(leaky) < rest(base))
    // Before the ban leaks (it starts 2023-11), the two runs are the same.
    #expect(
      abs(
        leaky.metric("installedByRegion.china.2023-10")! - base.metric(
          "installedByRegion.china.2023-10")!)
        <= 1e-9 * base.metric("installedByRegion.china.2023-10")!)
    // The leaked chips come on top of what China's providers ordered.
    #expect(
      leaky.metric("purchases.china-clouds.2024")! > base.metric("purchases.china-clouds.2024")!)
  }

  /// The lease is Colossus 1 (a block); Rainier at New Carlisle is Anthropic's larger block,
  /// so removing the lease leaves Anthropic's largest block unchanged, and lowers it only when
  /// Colossus is its largest (here: without Rainier).
  @Test func theLeaseMovesAnthropicsLargestBlockOnlyWhenItIsTheLargest() throws {
    let base = try Self.run("baseline-2026")
    let counter = try Self.run("counterfactual-no-colossus")
    let june = "largestBlock.anthropic.2026-06"
    #expect(base.metric(june)! > 1e5)
    #expect(abs(counter.metric(june)! - base.metric(june)!) <= 1e-9 * base.metric(june)!)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("blocks-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let baseline = CalibrationTests.root.appendingPathComponent("scenarios/baseline-2026.yaml").path
    func variant(_ name: String, _ deleted: [String]) throws -> RunResult {
      let file = folder.appendingPathComponent("\(name).yaml")
      let lines = deleted.map { "  \($0): null" }.joined(separator: "\n")
      try "extends: \(baseline)\nname: \(name)\ndescription: A variant.\ncontracts:\n\(lines)\n"
        .write(to: file, atomically: true, encoding: .utf8)
      let scenario = try ScenarioLoader.load(path: file.path)
      return try Engine.run(scenario, seed: scenario.defaultSeed)
    }
    let leaseOnly = try variant("lease-only", ["anthropic-rainier"])
    let neither = try variant("neither", ["anthropic-rainier", "anthropic-colossus-2026"])
    // The lease's 150k H100 + 50k H200 + 20k GB200 are ~251k H100e; the block is at most that
    // and at most what Colossus 1's 300 MW hold (~190k H100e in the baseline).
    #expect(leaseOnly.metric(june)! > 1.5e5 && leaseOnly.metric(june)! <= 2.52e5)
    #expect(leaseOnly.metric(june)! < base.metric(june)!)
    #expect(neither.metric(june) ?? 0 < leaseOnly.metric(june)! * 1e-9)
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
    // No B200 ships before its new first month; the baseline ships some in 2025-H1.
    func firstHalf2025(_ r: RunResult) -> Double {
      let start = r.months.firstIndex(of: "2025-01")!
      return r.shipments["b200"]![start..<start + 6].reduce(0, +)
    }
    #expect(firstHalf2025(late) == 0)
    #expect(firstHalf2025(base) > 0)
    // CoWoS binds in 2025 and Hopper fits 26 packages on a wafer against Blackwell's 10
    // (`inputUse`), so the wafers Blackwell does not use make more chips. Whether they make more
    // compute is not fixed by theory: per wafer Hopper gives 26 H100e and Blackwell 22.7 (B200)
    // to 25.3 (GB200), but per kW Blackwell gives 1.3 H100e against Hopper's 0.8, so installed
    // compute rises where power is spare and falls where it binds (measured with retirement off,
    // end-2025: +0.17% world-wide; CoreWeave, xAI and the neoclouds lose, other owners gain).
    #expect(late.metric("shipments.nvidia.2025")! > 1.1 * base.metric("shipments.nvidia.2025")!)
    // Measured, not fixed by theory: CoreWeave installs less (−8.7% at end-2025).
    #expect(
      late.metric("installed.coreweave.2025-12")! < base.metric("installed.coreweave.2025-12")!)
  }

  /// The training-campaigns study: the owner of the largest campus runs both its campaigns on
  /// its own block; OpenAI, with no campus, contracts its 2026 trend run at another owner's
  /// campus (campuses fill as their power comes) but finds no block for 2027's; Meta, with no
  /// rental budget, is unmet both times and sets nobody's price, so no premium is paid. At half
  /// the size OpenAI's two runs are met.
  @Test func trainingCampaignsFindBlocksWhereLargeCampusesAre() throws {
    let trend = try Self.run("training-campaigns")
    let year = (OutcomePeriod.year("2026"), OutcomePeriod.year("2027"))
    func value(_ r: RunResult, _ kind: OutcomeKind, _ buyer: String) -> Double {
      (r.value(of: OutcomeName(kind, buyer, year.0)) ?? 0)
        + (r.value(of: OutcomeName(kind, buyer, year.1)) ?? 0)
    }
    #expect(value(trend, .campaignsMet, "xai") == 2)
    #expect(value(trend, .campaignBlock, "xai") == 0)
    #expect(value(trend, .campaignsMet, "openai") == 1)
    #expect(value(trend, .campaignsUnmet, "openai") == 1)
    #expect(value(trend, .campaignBlock, "openai") > 500_000)
    #expect(value(trend, .campaignsUnmet, "meta") == 2)
    for buyer in ["anthropic", "openai", "xai", "meta"] {
      #expect(value(trend, .campaignPremium, buyer) == 0, "\(buyer)")
    }
    let half = try Self.run("training-campaigns-half-trend")
    #expect(value(half, .campaignsMet, "openai") == 2)
    #expect(value(half, .campaignsUnmet, "meta") == 1)
  }

  /// A gigawatt campus a year late: New Carlisle's power path moves 12 months, so Anthropic's
  /// Rainier block (capped by what the campus has installed) is smaller while the campus fills,
  /// Amazon has less installed at end-2026, and the campus's power is what the path gave a year
  /// earlier.
  @Test func aDelayedCampusShrinksTheBlockItHolds() throws {
    let late = try Self.run("gigawatt-campus-delayed")
    let base = try Self.run("baseline-2026")
    let month = base.months.firstIndex(of: "2025-12")!
    #expect(
      late.largestBlockH100e["anthropic"]![month] < base.largestBlockH100e["anthropic"]![month]
        * 0.8)
    #expect(late.metric("installed.amazon.2026-12")! < base.metric("installed.amazon.2026-12")!)
    // The rest of the market is the baseline's until Amazon first leases power out (2024-09,
    // before the campus's first point): a host leases only what it will not need over the
    // lease's term, and with the campus late it needs more of its fleet's power, so it leases
    // less (same state, less future power: the spare can only fall).
    let before = base.months.firstIndex(of: "2024-08")!
    #expect(
      abs(late.totalComputeByMonth[before] - base.totalComputeByMonth[before]) <= 1e-9
        * base.totalComputeByMonth[before])
    let firstLease = base.months.firstIndex(of: "2024-09")!
    #expect(base.colocationHostedMW["amazon"]![firstLease] > 0)
    #expect(
      late.colocationHostedMW["amazon"]![firstLease]
        < base.colocationHostedMW["amazon"]![firstLease])
  }

  @Test func tighterControlsCutChinaAndGulf() throws {
    let base = try Self.run("baseline-2026")
    let tight = try Self.run("export-controls-tighter")
    #expect(tight.metric("compute.china-labs.2025")! < base.metric("compute.china-labs.2025")!)
    #expect(tight.metric("compute.sovereign-ai.2026")! < base.metric("compute.sovereign-ai.2026")!)
  }
}
