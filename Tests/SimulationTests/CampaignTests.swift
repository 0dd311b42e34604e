import Foundation
import Testing

@testable import Simulation

/// Training campaigns and the block premium (docs/model.md, "Training campaigns and the block
/// premium"), on TestMarket: `cloud` and `neo` each own one 100 MW site (80,000 kW of IT power,
/// H100s of 1 kW), `lab` and `startup` rent from them.
@Suite struct CampaignTests {
  static let start = TestMarket.start

  /// TestMarket over six months with campaigns per buyer, `neo-dc` a fleet site when
  /// `oneCampus`, and a premium-free block of `premiumFree` H100e.
  static func market(
    lab: [TrainingCampaign], startup: [TrainingCampaign] = [], oneCampus: Bool = false,
    premiumFree: Double = 1000, budgets: (Double, Double) = (5e7, 3e7), ownUse: Double = 0
  ) -> Scenario {
    let base = TestMarket.scenario(months: 6, budgets: budgets, ownUse: ownUse)
    var sites = base.sites
    if oneCampus { sites[1].interconnect = .fleet }
    var s = Scenario(
      name: base.name, description: base.description, start: base.start, months: base.months,
      chips: base.chips, inputs: base.inputs, vendors: base.vendors, providers: base.providers,
      sites: sites, buyers: base.buyers, contracts: base.contracts)
    s.buyers[0].campaigns = lab
    s.buyers[1].campaigns = startup
    s.buyers[1].affinity["neo"] = 0.9
    s.market.training.premiumFreeH100e = premiumFree
    return s
  }

  static func campaign(_ h100e: Double, month: Int = 4, wait: Int = 0) -> TrainingCampaign {
    TrainingCampaign(
      start: start.adding(months: month), months: 2, h100e: h100e, waitMonths: wait)
  }

  static func total(_ series: [String: [Double]], _ buyer: String) -> Double {
    series[buyer]!.reduce(0, +)
  }

  static func run(_ scenario: Scenario) throws -> RunResult { try Engine.run(scenario, seed: 1) }

  /// Months 4 and 5: the campaigns' two months.
  static let runMonths = [4, 5]

  /// A campaign alone finds a block at a campus: a contract for its H100e over its two months,
  /// counted in the buyer's largest block, with no premium (nobody else wanted the site).
  @Test func aCampaignAloneGetsItsBlockAtTheForwardPrice() throws {
    let r = try Self.run(Self.market(lab: [Self.campaign(16_000)], premiumFree: 8000))
    #expect(Self.total(r.campaignsMet, "lab") == 1)
    #expect(Self.total(r.campaignsUnmet, "lab") == 0)
    for t in r.months.indices {
      let inRun = Self.runMonths.contains(t)
      #expect(abs(r.campaignBlockH100e["lab"]![t] - (inRun ? 16_000 : 0)) <= 1e-6)
      #expect(inRun ? r.largestBlockH100e["lab"]![t] >= 16_000 - 1e-6 : true)
      #expect(inRun ? r.contractSpending["lab"]![t] > 0 : r.contractSpending["lab"]![t] == 0)
    }
    #expect(Self.total(r.campaignPremiumUSD, "lab") == 0)
    let year = OutcomePeriod.year("2024")
    #expect(r.value(of: OutcomeName(.campaignsMet, "lab", year)) == 1)
    #expect(abs(r.value(of: OutcomeName(.campaignBlock, "lab", year))! - 16_000) <= 1e-6)
    #expect(r.summary.contains { $0.name == "campaignPremium.lab.2024" })
  }

  /// Two campaigns want the one campus and only the larger fits: it wins and pays the loser's
  /// bid `π = κ · log₂(15,000 / 8,000)` over the forward price; the loser is unmet. The
  /// premium share scales with κ.
  @Test func theDisplacedBidSetsThePremium() throws {
    for kappa in [0.1, 0.15] {
      var s = Self.market(
        lab: [Self.campaign(16_000)], startup: [Self.campaign(15_000)], oneCampus: true,
        premiumFree: 8000, budgets: (5e7, 4.5e7))
      s.market.training.premiumPerDoubling = kappa
      let r = try Self.run(s)
      #expect(Self.total(r.campaignsMet, "lab") == 1)
      #expect(Self.total(r.campaignsUnmet, "startup") == 1)
      #expect(Self.total(r.campaignBlockH100e, "startup") == 0)
      let expected = kappa * log2(15_000.0 / 8000)
      for t in Self.runMonths {
        let premium = r.campaignPremiumUSD["lab"]![t]
        let atForward = r.contractSpending["lab"]![t] - premium
        #expect(abs(premium / atForward - expected) <= 1e-9)
      }
    }
  }

  /// A loser that could not have paid its bid at the site sets no price: with κ = 0.2 the
  /// startup's 15,000-H100e bid costs more than its cash, so the lab pays the forward price.
  @Test func aLoserWithoutTheCashSetsNoPremium() throws {
    var s = Self.market(
      lab: [Self.campaign(16_000)], startup: [Self.campaign(15_000)], oneCampus: true,
      premiumFree: 8000, budgets: (5e7, 4e7))
    s.market.training.premiumPerDoubling = 0.2
    let r = try Self.run(s)
    #expect(Self.total(r.campaignsMet, "lab") == 1)
    #expect(Self.total(r.campaignsUnmet, "startup") == 1)
    #expect(Self.total(r.campaignPremiumUSD, "lab") == 0)
  }

  /// When the site is large enough for both, nobody is displaced and nobody pays a premium.
  @Test func noScarceSiteNoPremium() throws {
    let r = try Self.run(
      Self.market(
        lab: [Self.campaign(16_000)], startup: [Self.campaign(10_000)], oneCampus: true,
        premiumFree: 8000, budgets: (5e7, 4e7)))
    #expect(Self.total(r.campaignsMet, "lab") == 1)
    #expect(Self.total(r.campaignsMet, "startup") == 1)
    #expect(Self.total(r.campaignPremiumUSD, "lab") == 0)
    #expect(Self.total(r.campaignPremiumUSD, "startup") == 0)
  }

  /// A buyer whose own block is already large enough runs there and signs nothing.
  @Test func anOwnBlockLargeEnoughBuysNothing() throws {
    let r = try Self.run(Self.market(lab: [Self.campaign(1000)], ownUse: 0.5))
    #expect(r.largestBlockH100e["lab"]![4] >= 1000)
    #expect(Self.total(r.campaignsMet, "lab") == 1)
    #expect(Self.total(r.campaignBlockH100e, "lab") == 0)
    #expect(Self.total(r.contractSpending, "lab") == 0)
  }

  /// A buyer that already leases 10,000 H100 at the campus tops its block up there: the
  /// campaign contracts only the 6,000 it lacks, and the largest block is the campaign's.
  @Test func aBlockHeldInPartIsToppedUpAtItsSite() throws {
    let base = Self.market(lab: [Self.campaign(16_000)], premiumFree: 8000)
    var contracts = base.contracts
    contracts.append(
      Contract(
        id: "lease", buyer: "lab", provider: "cloud", gpus: ["h100": 10_000],
        priceUSDPerGPUHour: 2, start: Self.start, months: 6))
    let s = Scenario(
      name: base.name, description: base.description, start: base.start, months: base.months,
      chips: base.chips, inputs: base.inputs, vendors: base.vendors, providers: base.providers,
      sites: base.sites, buyers: base.buyers, contracts: contracts, market: base.market)
    let r = try Self.run(s)
    #expect(Self.total(r.campaignsMet, "lab") == 1)
    for t in Self.runMonths {
      #expect(abs(r.campaignBlockH100e["lab"]![t] - 6000) <= 1e-6)
      #expect(abs(r.largestBlockH100e["lab"]![t] - 16_000) <= 1e-6)
    }
  }

  /// A campaign no site can hold keeps looking through its wait and is unmet at its end.
  @Test func tooLargeForAnySiteIsUnmetWhenItsWaitEnds() throws {
    let r = try Self.run(Self.market(lab: [Self.campaign(1e6, month: 3, wait: 1)]))
    #expect(r.campaignsUnmet["lab"]! == [0, 0, 0, 0, 1, 0])
    #expect(Self.total(r.campaignsMet, "lab") == 0)
    #expect(Self.total(r.contractSpending, "lab") == 0)
  }

  /// A campaign its buyer cannot pay for at its bid is not placed.
  @Test func anUnaffordableCampaignIsUnmet() throws {
    let r = try Self.run(
      Self.market(lab: [Self.campaign(16_000)], premiumFree: 8000, budgets: (1e7, 3e7)))
    #expect(Self.total(r.campaignsUnmet, "lab") == 1)
    #expect(Self.total(r.campaignBlockH100e, "lab") == 0)
  }

  /// `π(N) = κ · log₂(N / N₀)` above `N₀`, zero at and below it.
  @Test func theBidGrowsWithTheLogOfTheBlock() {
    let training = TrainingSettings(premiumPerDoubling: 0.1, premiumFreeH100e: 16_384)
    #expect(training.bidPremium(h100e: 16_384) == 0)
    #expect(training.bidPremium(h100e: 1000) == 0)
    #expect(abs(training.bidPremium(h100e: 65_536) - 0.2) <= 1e-12)
    #expect(abs(training.bidPremium(h100e: 524_288) - 0.5) <= 1e-12)
  }
}
