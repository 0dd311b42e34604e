/// What a run produced: monthly series keyed by entity id, plus ordered summary figures.
///
/// Units: prices in $/GPU-hour; compute in H100-equivalent GPU-hours (GPU-hours · TFLOPS/989);
/// hours in GPU-hours; spending and revenue in USD; shipments in chips. Every series has one
/// value per month of `months`. A chip's price is NaN in months when none of it was sold on
/// the spot market. The `*Ids` arrays give the order in which outputs list entities.
public struct RunResult: Sendable {
  public let scenarioName: String
  public let seed: UInt64
  /// "YYYY-MM": the first month of each step.
  public let months: [String]
  /// Months per step (1 monthly, 3 quarterly); monthly flows are per step.
  public let stepMonths: Int
  public let chipIds: [String]
  /// Named buyers first, then generated ones.
  public let buyerIds: [String]
  public let providerIds: [String]
  public let vendorIds: [String]
  /// Number of buyers named in the scenario (the rest are generated).
  public let namedBuyerCount: Int
  /// Generated buyers by generator id: indices into `buyerIds`.
  public let buyerGroups: [(id: String, range: Range<Int>)]
  /// `ProviderKind` raw value of each provider, in `providerIds` order.
  public let providerKinds: [String]
  /// H100e per chip, in `chipIds` order.
  public let chipH100e: [Double]
  /// Vendor id of each chip, in `chipIds` order.
  public let chipVendors: [String]

  /// Chip id → average spot price, $/GPU-hour (weighted by GPU-hours sold).
  public let spotPrice: [String: [Double]]
  /// Chip id → spot GPU-hours sold.
  public let spotHours: [String: [Double]]
  /// Buyer id → H100e GPU-hours received (own use + contracts + spot).
  public let compute: [String: [Double]]
  /// Total H100e GPU-hours of all buyers per month (summed in buyer order).
  public let totalComputeByMonth: [Double]
  /// Buyer id → USD paid (contracts + spot).
  public let spending: [String: [Double]]
  /// Provider id → installed H100e at the end of the month.
  public let installedH100e: [String: [Double]]
  /// Provider id → H100e delivered but not installed for lack of power, end of month.
  public let waitingH100e: [String: [Double]]
  /// Provider id → merchant chips shipped to it (captive silicon excluded).
  public let purchases: [String: [Double]]
  /// Provider id → USD spent on chips (≤ capex; less when orders go unfilled).
  public let capexSpentUSD: [String: [Double]]
  /// Chip id → installed chips, all providers.
  public let installedChips: [String: [Double]]
  /// Provider id → GPU-hours available (installed · hours · availability).
  public let capacityHours: [String: [Double]]
  public let contractHours: [String: [Double]]
  public let ownUseHours: [String: [Double]]
  public let spotSoldHours: [String: [Double]]
  /// Provider id → spot GPU-hours offered but unsold.
  public let idleHours: [String: [Double]]
  /// Chip id → chips shipped (allocated) that month.
  public let shipments: [String: [Double]]
  /// Chip id → chips made that month.
  public let production: [String: [Double]]
  /// Vendor id → USD received for merchant chips.
  public let vendorRevenue: [String: [Double]]
  /// Passes of the clearing per month.
  public let clearingIterations: [Int]
  /// Relative clearing error per month (see `Equilibrium.clearingError`).
  public let clearingErrors: [Double]
  /// The tolerance the clearing aimed at.
  public let clearingTolerance: Double
  /// Products (provider, chip) on the spot market per month.
  public let spotProducts: [Int]
  /// Buyer id → USD paid on contracts (scripted and model-signed); part of `spending`.
  public internal(set) var contractSpending: [String: [Double]] = [:]
  /// Buyer id → H100e GPU-hours received under contracts; part of `compute`.
  public internal(set) var contractCompute: [String: [Double]] = [:]
  /// Buyer id → contract H100e GPU-hours resold and sold on spot (not part of `compute`).
  public internal(set) var resoldCompute: [String: [Double]] = [:]
  /// Buyer id → USD earned reselling contract hours on spot (not netted from `spending`).
  public internal(set) var resaleRevenue: [String: [Double]] = [:]
  /// Chip id → lead time quoted after each step's shipments, months (NaN when orders wait and
  /// nothing is made; the delivery time when no order waits).
  public internal(set) var leadTimeMonths: [String: [Double]] = [:]
  /// Chip id → chips ordered and not yet shipped, at the end of each step.
  public internal(set) var backlogChips: [String: [Double]] = [:]
  /// Chip id → chips made and not yet sold, at the end of each step.
  public internal(set) var vendorStockChips: [String: [Double]] = [:]
  /// Buyer id → provider id → H100e GPU-hours received under contracts (scripted and
  /// model-signed) from that provider; only pairs that held a contract.
  public internal(set) var contractComputeByProvider: [String: [String: [Double]]] = [:]
  /// Buyer id → provider id → USD paid under contracts to that provider.
  public internal(set) var contractSpendByProvider: [String: [String: [Double]]] = [:]
  /// Buyer id → the largest block of chips it holds at one site, H100e, each month (scripted
  /// contracts that reserve a site and own use; see docs/model.md).
  public internal(set) var largestBlockH100e: [String: [Double]] = [:]
  /// Buyer id → H100e delivered under its campaign blocks' contracts, each step.
  public internal(set) var campaignBlockH100e: [String: [Double]] = [:]
  /// Buyer id → training campaigns met (own block or contract) and unmet, per step.
  public internal(set) var campaignsMet: [String: [Double]] = [:]
  public internal(set) var campaignsUnmet: [String: [Double]] = [:]
  /// Buyer id → USD paid for campaign blocks over the forward price, per step.
  public internal(set) var campaignPremiumUSD: [String: [Double]] = [:]
  /// FLOP one H100e of a block delivers over a training run (`TrainingSettings.flopPerH100e`).
  public internal(set) var trainingFLOPPerH100e: Double = TrainingSettings().flopPerH100e
  /// Region of each provider, in `providerIds` order.
  public internal(set) var providerRegions: [String] = []
  /// Site ids: the scenario's, those of `newSite` events, then colocation sites.
  public internal(set) var siteIds: [String] = []
  /// Site id → installed H100e at the end of each step.
  public internal(set) var siteInstalledH100e: [String: [Double]] = [:]
  /// The providers' regions, in the order they first appear in `providerIds`.
  public internal(set) var regionIds: [String] = []
  /// Region → installed H100e of its providers at the end of each month.
  public internal(set) var installedByRegionH100e: [String: [Double]] = [:]
  /// `Σ_p waiting_p / Σ_p installed_p` (H100e) at the end of each month; NaN while nothing is
  /// installed.
  public internal(set) var waitingShareByMonth: [Double] = []
  /// Chip id → chips lost to failures, retired for better chips and bought used, per step.
  public internal(set) var failedChips: [String: [Double]] = [:]
  public internal(set) var retiredChips: [String: [Double]] = [:]
  public internal(set) var usedSoldChips: [String: [Double]] = [:]
  /// Chip id → the used market's price, USD per chip, each step (NaN for captive chips and
  /// while nobody holds one).
  public internal(set) var usedPriceUSD: [String: [Double]] = [:]
  /// Provider id → shadow price of power `λ_p`, $/kWh (0 when no chip waits for power).
  public internal(set) var powerShadowPrice: [String: [Double]] = [:]
  /// Provider id → USD of orders not placed for want of expected power, per step.
  public internal(set) var ordersCutByPowerUSD: [String: [Double]] = [:]
  /// Provider id → H100e of orders held in the book because the provider cannot power them on
  /// arrival, each step.
  public internal(set) var ordersDeferredH100e: [String: [Double]] = [:]
  /// Provider id → IT power it leases from other owners (colocation), MW, each step.
  public internal(set) var colocatedMW: [String: [Double]] = [:]
  /// Provider id → IT power it leases out to other providers, MW, each step.
  public internal(set) var colocationHostedMW: [String: [Double]] = [:]
  /// Provider id → facility power of the on-site plants running at its sites, MW, each step.
  public internal(set) var onSiteMW: [String: [Double]] = [:]
  /// Provider id → capital of the on-site plants it started in the step, USD.
  public internal(set) var onSiteCapexUSD: [String: [Double]] = [:]
  /// Provider id and "world" → mean age of installed chips weighted by H100e, years (NaN while
  /// nothing is installed).
  public internal(set) var fleetAgeYears: [String: [Double]] = [:]
  /// GPU-hours one GPU gives in a step (hours per month · months per step · availability).
  public internal(set) var hoursPerGPU: Double = 730 * 0.95
  /// Chip id → posted forward price per tenor (`forwardTenorsMonths` order) per month,
  /// $/GPU-hour (NaN where the chip is not offered). See docs/model.md.
  public internal(set) var forward: [String: [[Double]]] = [:]
  /// Tenors of `forward`, months.
  public var forwardTenorsMonths: [Int] { ForwardCurve.tenorsMonths }
  /// Named scalar outcomes in a stable order (see `standardSummary`).
  public internal(set) var summary: [(name: String, value: Double)]

  /// Compute series in `buyerIds` order.
  var computeInBuyerOrder: [[Double]] { buyerIds.map { compute[$0]! } }

  /// Months whose spot market did not clear to the tolerance (results are the best iterate).
  public var unconvergedMonths: [String] {
    months.indices.filter { !(clearingErrors[$0] <= clearingTolerance) }.map { months[$0] }
  }
}
