import Foundation

/// How each month's spot market is set up and cleared.
public struct MarketSettings: Sendable, Equatable {
  /// Elasticity of substitution between products, ≥ 1.
  public var sigma: Double
  /// Relative clearing tolerance passed to `Market.clear`.
  public var tolerance: Double
  /// Iteration limit of the clearing.
  public var maxIterations: Int
  /// Hours in a month (730 = 8760 / 12).
  public var hoursPerMonth: Double
  /// Fraction of installed chip-hours that can be sold (maintenance, failures), 0...1.
  public var availability: Double
  /// Price per H100e-hour at which budgets were observed (`p̄` of the demand curves), USD.
  public var referencePriceUSDPerH100eHour: DatedPath
  /// Chip whose price per H100e-hour buyers compare with `p̄` (`nil`: the market's average).
  public var referenceChip: String?
  /// The term-contract market's parameters.
  public var contracts: ContractMarketSettings
  /// How providers' chip orders answer expected margins.
  public var investment: InvestmentSettings
  /// What a block of chips at one site can train (`largestRun`).
  public var training: TrainingSettings
  /// Failures, retirement for better chips and the used market.
  public var fleet: FleetSettings
  /// Leases of spare powered shell to providers with chips waiting for power.
  public var colocation: ColocationSettings
  /// Generation built at a provider's own site for chips the grid will not power in time.
  public var onSiteGeneration: OnSiteGenerationSettings

  public init(
    sigma: Double = 2.5, tolerance: Double = 1e-9, maxIterations: Int = 10_000,
    hoursPerMonth: Double = 730, availability: Double = 0.95,
    referencePriceUSDPerH100eHour: DatedPath = .constant(2), referenceChip: String? = nil,
    contracts: ContractMarketSettings = ContractMarketSettings(),
    investment: InvestmentSettings = InvestmentSettings(),
    training: TrainingSettings = TrainingSettings(), fleet: FleetSettings = FleetSettings(),
    colocation: ColocationSettings = ColocationSettings(),
    onSiteGeneration: OnSiteGenerationSettings = OnSiteGenerationSettings()
  ) {
    self.colocation = colocation
    self.onSiteGeneration = onSiteGeneration
    self.training = training
    self.fleet = fleet
    self.sigma = sigma
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.hoursPerMonth = hoursPerMonth
    self.availability = availability
    self.referencePriceUSDPerH100eHour = referencePriceUSDPerH100eHour
    self.referenceChip = referenceChip
    self.contracts = contracts
    self.investment = investment
  }
}

/// Parameters of the forward curve and of sellers' cost recovery (see docs/model.md).
public struct ContractMarketSettings: Sendable, Equatable {
  /// Cost of capital r, per year.
  public var costOfCapital: Double
  /// Depreciation life L, years.
  public var lifeYears: Double
  /// Rate κ at which spot is expected to revert to the long-run price, per month.
  public var meanReversionPerMonth: Double
  /// Term premium ρ per year of tenor (relative).
  public var termPremiumPerYear: Double

  public init(
    costOfCapital: Double = 0.10, lifeYears: Double = 6, meanReversionPerMonth: Double = 0.17,
    termPremiumPerYear: Double = 0
  ) {
    self.costOfCapital = costOfCapital
    self.lifeYears = lifeYears
    self.meanReversionPerMonth = meanReversionPerMonth
    self.termPremiumPerYear = termPremiumPerYear
  }
}

/// Parameters of the investment rule and chip choice (see docs/model.md, "Chip buyers").
/// The hurdle uses `ContractMarketSettings.costOfCapital` and `lifeYears`.
public struct InvestmentSettings: Sendable, Equatable {
  /// κc: exponent of value per dollar in the split of orders over chips (≥ 0).
  public var choiceExponent: Double
  /// η: elasticity of orders to expected rent over the hurdle (≥ 0; 0: the trend itself).
  public var marginElasticity: Double
  /// Lowest and highest multiple of the capex trend, `lo ≤ 1 ≤ hi`.
  public var capexLow: Double
  public var capexHigh: Double
  /// λ: share of hardware value lenders advance against contracts (neoclouds), 0 < λ ≤ 1.
  public var loanToValue: Double
  /// τ: a provider orders chips while the kW it holds, has in transit and on order stays within
  /// `(1 + τ)` times the IT power it expects when the new orders arrive (≥ 0; see
  /// `EngineState.powerBoundCapex`).
  public var powerTolerance: Double

  public init(
    choiceExponent: Double = 4, marginElasticity: Double = 1.5, capexLow: Double = 0.5,
    capexHigh: Double = 2, loanToValue: Double = 0.65, powerTolerance: Double = 0.25
  ) {
    self.powerTolerance = powerTolerance
    self.choiceExponent = choiceExponent
    self.marginElasticity = marginElasticity
    self.capexLow = capexLow
    self.capexHigh = capexHigh
    self.loanToValue = loanToValue
  }
}

/// The training run a block of chips at one site allows (see docs/model.md, "Blocks and the
/// largest feasible run"): `FLOP = H100e · 989e12 FLOP/s · mfu · days · 86,400 s`.
public struct TrainingSettings: Sendable, Equatable {
  /// Model FLOP utilisation, 0 < mfu ≤ 1 (Llama 3.1 405B: 38–43% on 16,384 H100).
  public var mfu: Double
  /// Length of the run, days.
  public var days: Double
  /// κ: what a training campaign bids for a block over the forward price, as a share of it,
  /// per doubling of the block beyond `premiumFreeH100e` (a guess; no block premium is
  /// published).
  public var premiumPerDoubling: Double
  /// N₀: a block this large (H100e) is ordinary capacity and carries no premium (Llama 3.1
  /// 405B's cluster: 16,384 H100).
  public var premiumFreeH100e: Double

  public init(
    mfu: Double = 0.40, days: Double = 90, premiumPerDoubling: Double = 0.10,
    premiumFreeH100e: Double = 16_384
  ) {
    self.mfu = mfu
    self.days = days
    self.premiumPerDoubling = premiumPerDoubling
    self.premiumFreeH100e = premiumFreeH100e
  }

  /// `π(N) = κ · log₂(N / N₀)⁺`: the most a campaign needing `h100e` pays over the forward
  /// price, as a share of it.
  public func bidPremium(h100e: Double) -> Double {
    guard h100e > premiumFreeH100e, premiumFreeH100e > 0 else { return 0 }
    return premiumPerDoubling * log2(h100e / premiumFreeH100e)
  }

  /// FLOP one H100e delivers over a run: `989e12 · mfu · days · 86,400`.
  public var flopPerH100e: Double { Chip.h100TFLOPS * 1e12 * mfu * days * 86_400 }
}

/// How installed chips age, fail and are retired, and how the used market prices them (see
/// docs/model.md, "Vintages, retirement and the used market").
public struct FleetSettings: Sendable, Equatable {
  /// φ: share of installed chips lost to failures in a year, 0 ≤ φ < 1.
  public var failurePerYear: Double
  /// g: yearly fall of the cost of new compute per unit of value, 0 ≤ g < 1.
  public var priceDeclinePerYear: Double
  /// The margin a waiting chip must earn over an installed one, per kW-hour of the power it
  /// takes, to replace it ($/kWh): de-racking, re-racking and testing.
  public var swapCostUSDPerKWh: Double

  public init(
    failurePerYear: Double = 0.02, priceDeclinePerYear: Double = 0.285,
    swapCostUSDPerKWh: Double = 0.02
  ) {
    self.failurePerYear = failurePerYear
    self.priceDeclinePerYear = priceDeclinePerYear
    self.swapCostUSDPerKWh = swapCostUSDPerKWh
  }
}

/// Colocation (see docs/model.md, "Colocation"): a provider with power it will not need leases
/// it, as IT kW for a term, to providers in its region whose chips wait for power.
public struct ColocationSettings: Sendable, Equatable {
  /// `f`: the lease's fee, USD per kW of IT power per month; `nil`: no colocation.
  public var feeUSDPerKWMonth: Double?
  /// Length of a lease, months (≥ 1).
  public var termMonths: Int
  /// PUE charged on the power leased chips draw (their running cost), ≥ 1.
  public var pue: Double

  public init(feeUSDPerKWMonth: Double? = nil, termMonths: Int = 24, pue: Double = 1.3) {
    self.feeUSDPerKWMonth = feeUSDPerKWMonth
    self.termMonths = termMonths
    self.pue = pue
  }

  /// Whether providers lease power to each other.
  public var isOn: Bool { feeUSDPerKWMonth != nil }
}

/// On-site ("behind the meter") generation (see docs/model.md, "On-site generation"): a
/// provider whose chips wait for power, and will still wait when a plant started now is
/// running, builds one at its largest site if the chips earn more per kWh than the plant costs.
public struct OnSiteGenerationSettings: Sendable, Equatable {
  /// Capital per kW of generation (facility power), USD; `nil`: no on-site generation.
  public var capexUSDPerKW: Double?
  /// Months from the decision until the plant runs (≥ 1).
  public var leadMonths: Int
  /// Years over which the plant's capital is recovered (at the contract market's cost of
  /// capital).
  public var lifeYears: Double
  /// What a kWh from the plant costs beyond the grid's price, USD (fuel and operation less the
  /// grid energy it replaces); ≥ 0.
  public var extraCostUSDPerKWh: Double
  /// Facility MW that may start in one calendar year, all providers together (`nil`: no cap):
  /// the supply of turbines and engines.
  public var maxMWPerYear: Double?

  public init(
    capexUSDPerKW: Double? = nil, leadMonths: Int = 18, lifeYears: Double = 7,
    extraCostUSDPerKWh: Double = 0.02, maxMWPerYear: Double? = nil
  ) {
    self.capexUSDPerKW = capexUSDPerKW
    self.leadMonths = leadMonths
    self.lifeYears = lifeYears
    self.extraCostUSDPerKWh = extraCostUSDPerKWh
    self.maxMWPerYear = maxMWPerYear
  }

  /// Whether providers build generation.
  public var isOn: Bool { capexUSDPerKW != nil }
}
