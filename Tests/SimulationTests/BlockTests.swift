import Testing

@testable import Simulation

/// Blocks of chips at one site and the largest training run they allow (docs/model.md,
/// "Blocks and the largest feasible run"), on TestMarket, where every number is round.
@Suite struct BlockTests {
  static let start = TestMarket.start

  static func lease(_ gpus: Double, at provider: String = "cloud") -> Contract {
    Contract(
      id: "lease-\(provider)", buyer: "lab", provider: provider, gpus: ["h100": gpus],
      priceUSDPerGPUHour: 2, start: start, months: 6)
  }

  /// TestMarket (six months, H100 only) with its sites changed by `site`.
  static func market(
    contracts: [Contract], budgets: (Double, Double) = (5e7, 3e7), ownUse: Double = 0,
    site: (inout Site) -> Void = { _ in }
  ) -> Scenario {
    let base = TestMarket.scenario(
      months: 6, contracts: contracts, budgets: budgets, ownUse: ownUse)
    var sites = base.sites
    for k in sites.indices { site(&sites[k]) }
    return Scenario(
      name: base.name, description: base.description, start: base.start, months: base.months,
      chips: base.chips, inputs: base.inputs, vendors: base.vendors, providers: base.providers,
      sites: sites, buyers: base.buyers, contracts: base.contracts)
  }

  static func block(_ r: RunResult, _ month: Int) -> Double {
    r.largestBlockH100e["lab"]![month]
  }

  /// A 1,000-GPU lease at the provider's only site is a block of 1,000 H100e every month it
  /// runs, and the run it allows is `1000 · 989e12 · 0.4 · 90 · 86,400` FLOP.
  @Test func aLeaseAtOneSiteIsABlockOfItsChips() throws {
    let run = try Engine.run(Self.market(contracts: [Self.lease(1000)]), seed: 1)
    for t in run.months.indices { #expect(abs(Self.block(run, t) - 1000) <= 1e-9) }
    let year = OutcomePeriod.year("2024")
    let flop = try #require(run.value(of: OutcomeName(.largestRun, "lab", year)))
    #expect(abs(flop - 1000 * 989e12 * 0.4 * 90 * 86_400) <= 1e-9 * flop)
    #expect(abs(run.value(of: OutcomeName(.largestBlock, "lab", year))! - 1000) <= 1e-9)
    #expect(run.summary.contains { $0.name == "largestRun.lab.2024" })
    // Another buyer holds no block, and reports 0.
    #expect(run.value(of: OutcomeName(.largestBlock, "startup", year)) == 0)
  }

  /// The block is the largest, not the sum: 1,000 GPUs at one site and 600 at another give 1,000.
  @Test func theLargestSiteCountsNotTheSum() throws {
    let run = try Engine.run(
      Self.market(contracts: [Self.lease(1000), Self.lease(600, at: "neo")]), seed: 1)
    #expect(abs(Self.block(run, 2) - 1000) <= 1e-9)
  }

  /// Buying more hours on spot leaves the block unchanged (the lab's compute rises).
  @Test func spotHoursMakeNoBlock() throws {
    let base = try Engine.run(Self.market(contracts: [Self.lease(1000)]), seed: 1)
    let rich = try Engine.run(
      Self.market(contracts: [Self.lease(1000)], budgets: (2e8, 3e7)), seed: 1)
    #expect(rich.compute["lab"]![2] > base.compute["lab"]![2] * 1.01)
    for t in base.months.indices {
      #expect(abs(Self.block(rich, t) - Self.block(base, t)) <= 1e-9)
    }
  }

  /// A fleet site (many data centres summed) makes no block, whatever is leased there.
  @Test func aFleetSiteMakesNoBlock() throws {
    let run = try Engine.run(
      Self.market(contracts: [Self.lease(1000)]) { $0.interconnect = .fleet }, seed: 1)
    #expect(run.largestBlockH100e["lab"]!.allSatisfy { $0 == 0 })
    #expect(run.compute["lab"]!.allSatisfy { $0 > 0 })
  }

  /// Own use at a one-site owner is a block of the chips it uses: its GPU-hours over one GPU's
  /// hours in the step.
  @Test func ownUseAtOneSiteIsABlock() throws {
    let run = try Engine.run(Self.market(contracts: [], ownUse: 0.5), seed: 1)
    for t in run.months.indices {
      let gpus = run.ownUseHours["cloud"]![t] / run.hoursPerGPU
      #expect(gpus > 0)
      #expect(abs(Self.block(run, t) - gpus) <= 1e-9 * gpus)
    }
  }
}
