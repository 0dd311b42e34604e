/// The scenario format, field by field: the decoder's allowed keys come from here, and the same
/// descriptions can produce a JSON Schema (`jsonSchemaDocument`) and reference tables
/// (`markdownReference`). Units are in the names or stated; see docs/model.md for meanings.
public enum ScenarioFields {
  /// Longest horizon, contract, event or shock, in months (100 years).
  public static let maxDurationMonths = 1200

  public static let top: [FieldSpec] = [
    FieldSpec("name", .string, required: true, doc: "Scenario name.", example: "baseline-2026"),
    FieldSpec(
      "description", .string, required: true, doc: "One line shown by `gpumarket scenarios`.",
      example: "The 2026 market as published."),
    FieldSpec(
      "extends", .string,
      default: "(none)", doc: "A file (relative to this one) whose content this file is laid over.",
      example: "baseline-2026.yaml"),
    FieldSpec(
      "horizon", .object(horizon), required: true, doc: "First month and length.",
      example: "{ start: 2023-01, months: 60 }"),
    FieldSpec(
      "seed", .integer(min: 0, max: nil), default: "1", doc: "Seed when `--seed` is not given.",
      example: "42"),
    FieldSpec(
      "market", .object(market), default: "(the defaults below)",
      doc: "How each month's spot market clears.", example: "{ sigma: 8, availability: 0.95 }"),
    FieldSpec(
      "randomness", .object(randomness), default: "(none: no noise, no shocks)",
      doc: "Random shocks and noise.", example: "{ demandNoise: 0.1 }"),
    FieldSpec(
      "inputs", .dictionary(idName: "input", .object(input)),
      default: "{}", doc: "Shared manufacturing inputs (e.g. CoWoS wafers).",
      example: "{ cowos: { unitsPerMonth: 35000 } }"),
    FieldSpec(
      "chips", .dictionary(idName: "chip", .object(chip)), required: true, doc: "Chips.",
      example:
        "{ h100: { vendor: nvidia, tflopsBF16: 989, kWPerChip: 1.275, priceUSD: 27500, available: 2023-01 } }"
    ),
    FieldSpec(
      "vendors", .dictionary(idName: "vendor", .object(vendor)), required: true,
      doc: "Chip makers.", example: "{ nvidia: { inputShare: { cowos: 0.6 }, mix: { h100: 1 } } }"),
    FieldSpec(
      "providers", .dictionary(idName: "provider", .object(provider)), required: true,
      doc: "Capacity owners.", example: "{ coreweave: { kind: neocloud } }"),
    FieldSpec(
      "sites", .dictionary(idName: "site", .object(site)), default: "{}", doc: "Data centres.",
      example: "{ plano: { provider: coreweave, powerMW: 50 } }"),
    FieldSpec(
      "buyers", .dictionary(idName: "buyer", .object(buyer)), default: "{}", doc: "Compute buyers.",
      example: "{ openai: { budgetUSDPerMonth: 1.0e9 } }"),
    FieldSpec(
      "contracts", .dictionary(idName: "contract", .object(contract)),
      default: "{}", doc: "Long-term arrangements, taken before own use and spot.",
      example:
        "{ deal: { buyer: openai, provider: coreweave, gpus: { h100: 10000 }, priceUSDPerGPUHour: 2.2, start: 2024-01, months: 24 } }"
    ),
    FieldSpec(
      "events", .list(.tagged(tagKey: "kind", variants: eventVariants), minItems: 0),
      default: "[]", doc: "Dated shocks and deals.",
      example: "[{ at: 2025-01, kind: demandMultiplier, factor: 1.5 }]"),
    FieldSpec(
      "generators", .dictionary(idName: "generator", .object(generator)),
      default: "{}", doc: "Many buyers drawn from stated distributions.",
      example: "{ startups: { count: 500, totalBudgetUSDPerMonth: 2.0e8 } }"),
  ]

  public static let horizon: [FieldSpec] = [
    FieldSpec("start", .month, required: true, doc: "First month.", example: "2023-01"),
    FieldSpec(
      "months", .integer(min: 1, max: maxDurationMonths), required: true,
      unit: "months", doc: "Length in months (a multiple of stepMonths).", example: "60"),
    FieldSpec(
      "stepMonths", .integer(min: 1, max: 12), default: "1", unit: "months",
      doc: "Months per step: 1 monthly, 3 quarterly.", example: "3"),
  ]

  public static let market: [FieldSpec] = [
    FieldSpec(
      "sigma", .number(.range(1...50)), default: "2.5",
      doc: "Elasticity of substitution between spot products.", example: "8"),
    FieldSpec(
      "tolerance", .number(.range(1e-15...0.1)), default: "1e-9", unit: "relative",
      doc: "Clearing tolerance.", example: "1e-9"),
    FieldSpec(
      "maxIterations", .integer(min: 1, max: 1_000_000), default: "10000",
      doc: "Clearing iteration limit.", example: "20000"),
    FieldSpec(
      "hoursPerMonth", .number(.range(1...744)), default: "730", unit: "hours",
      doc: "Hours in a month.", example: "730"),
    FieldSpec(
      "availability", .number(.fraction), default: "0.95",
      doc: "Fraction of installed chip-hours that can be sold.", example: "0.9"),
    FieldSpec(
      "referencePriceUSDPerH100eHour", .timePath(.positive), default: "2",
      unit: "USD per H100e-hour",
      doc: "Price at which budgets were observed: demand curves pass through it.",
      example: "{ 2023-06: 6.0, 2025-10: 1.7 }"),
    FieldSpec(
      "referenceChip", .string, default: "(the market average per H100e)",
      doc: "Chip whose price per H100e buyers compare with the reference price.",
      example: "h100"),
    FieldSpec(
      "contracts", .object(contractMarket), default: "(the defaults below)",
      doc: "The term-contract market's forward curve and cost recovery.",
      example: "{ costOfCapital: 0.1, lifeYears: 6 }"),
    FieldSpec(
      "investment", .object(investment), default: "(the defaults below)",
      doc: "How providers' chip orders answer expected margins around their capex trend.",
      example: "{ marginElasticity: 1.5, capexHigh: 2 }"),
    FieldSpec(
      "training", .object(training), default: "(the defaults below)",
      doc: "The training run a block of chips at one site allows (largestRun).",
      example: "{ mfu: 0.4, days: 90 }"),
    FieldSpec(
      "fleet", .object(fleet), default: "(the defaults below)",
      doc: "Failures, retirement of chips for better ones, and the used market's price.",
      example: "{ failurePerYear: 0.03 }"),
    FieldSpec(
      "colocation", .object(colocation), default: "(none: no provider leases power to another)",
      doc: "Spare powered shell leased to providers in the same region whose chips wait for power.",
      example: "{ feeUSDPerKWMonth: 184, termMonths: 24 }"),
    FieldSpec(
      "onSiteGeneration", .object(onSiteGeneration),
      default: "(none: sites have only their power paths)",
      doc: "Generation a provider builds at its largest site for chips the grid will not power.",
      example: "{ capexUSDPerKW: 2667, leadMonths: 18 }"),
  ]

  public static let onSiteGeneration: [FieldSpec] = [
    FieldSpec(
      "capexUSDPerKW", .number(.range(0...1e6)), required: true, unit: "$/kW",
      doc: "Capital per kW of generation (facility power).", example: "2667"),
    FieldSpec(
      "leadMonths", .integer(min: 1, max: 240), default: "18", unit: "months",
      doc: "From the decision to build until the plant runs.", example: "24"),
    FieldSpec(
      "lifeYears", .number(.range(0.5...50)), default: "7", unit: "years",
      doc: "Years over which the plant's capital is recovered.", example: "10"),
    FieldSpec(
      "extraCostUSDPerKWh", .number(.range(0...10)), default: "0.02", unit: "$/kWh",
      doc: "Cost of a kWh from the plant beyond the grid's price.", example: "0.03"),
    FieldSpec(
      "maxMWPerYear", .number(.range(0...1e7)), default: "(no cap)", unit: "MW",
      doc: "Facility MW that may start in one calendar year, all providers together.",
      example: "6000"),
  ]

  public static let colocation: [FieldSpec] = [
    FieldSpec(
      "feeUSDPerKWMonth", .number(.range(0...1e6)), required: true, unit: "$/kW-month",
      doc: "Lease fee per kW of IT power; a tenant leases for chips whose net rent beats it.",
      example: "184"),
    FieldSpec(
      "termMonths", .integer(min: 1, max: 240), default: "24", unit: "months",
      doc: "Length of a lease; its chips then wait again.", example: "60"),
    FieldSpec(
      "pue", .number(.range(1...3)), default: "1.3",
      doc: "PUE of the power leased chips draw (their running cost).", example: "1.2"),
  ]

  public static let fleet: [FieldSpec] = [
    FieldSpec(
      "failurePerYear", .number(.range(0...0.99)), default: "0.02", unit: "per year",
      doc: "Share of installed chips lost to failures in a year.", example: "0.05"),
    FieldSpec(
      "priceDeclinePerYear", .number(.range(0...0.99)), default: "0.285", unit: "per year",
      doc: "Yearly fall of the cost of new compute per unit of value (used prices).",
      example: "0.2"),
    FieldSpec(
      "swapCostUSDPerKWh", .number(.range(0...1e6)), default: "0.02", unit: "$/kWh",
      doc: "Margin per kW-hour a waiting chip must earn over an installed one to replace it.",
      example: "1e6"),
  ]

  public static let training: [FieldSpec] = [
    FieldSpec(
      "mfu", .number(.range(0.01...1)), default: "0.4",
      doc: "Model FLOP utilisation of a training run.", example: "0.38"),
    FieldSpec(
      "days", .number(.range(1...1000)), default: "90", unit: "days",
      doc: "Length of a training run.", example: "120"),
    FieldSpec(
      "premiumPerDoubling", .number(.range(0...10)), default: "0.1", unit: "share of forward price",
      doc:
        "What a campaign bids for a block over the forward price, per doubling beyond premiumFreeH100e.",
      example: "0.2"),
    FieldSpec(
      "premiumFreeH100e", .number(.range(1...1e9)), default: "16384", unit: "H100e",
      doc: "Block size sold as ordinary capacity, with no premium.", example: "32768"),
  ]

  /// A training run a buyer plans (`buyers.<id>.campaigns`).
  public static let campaign: [FieldSpec] = [
    FieldSpec(
      "start", .month, required: true, doc: "First month the run could start.", example: "2027-01"),
    FieldSpec(
      "months", .integer(min: 1, max: maxDurationMonths), required: true, unit: "months",
      doc: "Length of the run.", example: "3"),
    FieldSpec(
      "h100e", .number(.range(1...1e9)), required: true, unit: "H100e",
      doc: "Block it needs at one campus site.", example: "300000"),
    FieldSpec(
      "waitMonths", .integer(min: 0, max: maxDurationMonths), default: "6", unit: "months",
      doc: "Months after start it keeps looking for a block.", example: "3"),
  ]

  public static let investment: [FieldSpec] = [
    FieldSpec(
      "choiceExponent", .number(.range(0...50)), default: "4",
      doc: "Exponent of expected value per dollar in the split of orders over chips.",
      example: "2"),
    FieldSpec(
      "marginElasticity", .number(.range(0...10)), default: "1.5",
      doc: "Elasticity of orders to expected rent over the hurdle (0: the capex trend).",
      example: "1"),
    FieldSpec(
      "capexLow", .number(.range(0...1)), default: "0.5",
      doc: "Lowest multiple of the capex trend a provider orders.", example: "0.3"),
    FieldSpec(
      "capexHigh", .number(.range(1...100)), default: "2",
      doc: "Highest multiple of the capex trend a provider orders.", example: "3"),
    FieldSpec(
      "loanToValue", .number(.range(0.01...1)), default: "0.65",
      doc: "Share of hardware value lenders advance against a neocloud's contracts.",
      example: "0.7"),
    FieldSpec(
      "powerTolerance", .number(.range(0...1000)), default: "0.25",
      doc:
        "Share of its expected power a provider orders chips beyond: orders stop when the kW of chips held, in transit and on order exceed (1 + this) times the IT power expected when they arrive, plus the kW of older chips they would replace.",
      example: "1000"),
  ]

  public static let contractMarket: [FieldSpec] = [
    FieldSpec(
      "costOfCapital", .number(.range(0...1)), default: "0.1", unit: "per year",
      doc: "Sellers' cost of capital r in the cost-recovery floor.", example: "0.11"),
    FieldSpec(
      "lifeYears", .number(.range(0.5...20)), default: "6", unit: "years",
      doc: "Depreciation life L of a chip.", example: "5"),
    FieldSpec(
      "meanReversionPerMonth", .number(.range(0...5)), default: "0.17", unit: "per month",
      doc: "Rate at which spot is expected to revert to the long-run price.", example: "0.1"),
    FieldSpec(
      "termPremiumPerYear", .number(.range(-0.5...0.5)), default: "0", unit: "per year of tenor",
      doc: "Relative premium of a contract per year of tenor (negative: a discount).",
      example: "-0.02"),
  ]

  public static let supplyShock: [FieldSpec] = [
    FieldSpec(
      "input", .string, default: "(every chip)",
      doc: "Target input id (give at most one of input, vendor, chip).", example: "cowos"),
    FieldSpec(
      "vendor", .string, default: "(every chip)", doc: "Target vendor id.", example: "nvidia"),
    FieldSpec("chip", .string, default: "(every chip)", doc: "Target chip id.", example: "h100"),
    FieldSpec(
      "probabilityPerMonth", .number(.fraction), required: true,
      unit: "per month", doc: "Chance that a shock starts in a month.", example: "0.05"),
    FieldSpec(
      "factor", .list(.number(.range(0...100)), minItems: 2), required: true,
      doc: "[low, high]: the output multiplier is uniform in this range.", example: "[0.5, 0.9]"),
    FieldSpec(
      "months", .integer(min: 1, max: maxDurationMonths), required: true, unit: "months",
      doc: "Length of a shock.", example: "3"),
  ]

  public static let randomness: [FieldSpec] = [
    FieldSpec(
      "demandNoise", .number(.range(0...2)), default: "0",
      doc: "Standard deviation of monthly log-normal budget noise (mean 1).", example: "0.1"),
    FieldSpec(
      "supplyShock", .object(supplyShock), default: "(none)", doc: "Random supply shocks.",
      example: "{ input: cowos, probabilityPerMonth: 0.05, factor: [0.5, 0.9], months: 3 }"),
  ]

  static let note = FieldSpec(
    "note", .string, default: "(empty)", doc: "Free text.", example: "TSMC Q2 2025 earnings call")

  public static let input: [FieldSpec] = [
    FieldSpec(
      "unitsPerMonth", .timePath(.nonNegative), required: true, unit: "units per month",
      doc: "Industry capacity.", example: "{ 2024-01: 20000, 2025-12: 75000 }"),
    note,
  ]

  public static let chip: [FieldSpec] = [
    FieldSpec("vendor", .string, required: true, doc: "The vendor id.", example: "nvidia"),
    FieldSpec(
      "tflopsBF16", .number(.positive), required: true, unit: "TFLOPS",
      doc: "Dense BF16 rate; H100e = tflopsBF16 / 989.", example: "989"),
    FieldSpec(
      "hbmGB", .number(.nonNegative), default: "0", unit: "GB", doc: "Memory.", example: "80"),
    FieldSpec(
      "tdpW", .number(.nonNegative), default: "0", unit: "W", doc: "Chip power.", example: "700"),
    FieldSpec(
      "kWPerChip", .number(.positive), required: true, unit: "kW",
      doc: "All-in IT power per installed chip, before PUE.", example: "1.275"),
    FieldSpec(
      "priceUSD", .number(.positive), required: true, unit: "USD", doc: "List price.",
      example: "27500"),
    FieldSpec("available", .month, required: true, doc: "First month shipped.", example: "2023-01"),
    FieldSpec(
      "leadTimeMonths", .integer(min: 0, max: 60), default: "0", unit: "months",
      doc: "Allocation to arrival.", example: "3"),
    FieldSpec(
      "inputUse", .dictionary(idName: "input", .number(.nonNegative)), default: "{}",
      unit: "input units per chip",
      doc: "Shared inputs consumed per good chip.", example: "{ cowos: 0.0455 }"),
    FieldSpec(
      "valueFactor", .number(.range(0...10)), default: "1",
      doc: "Multiplier of the chip's value per H100e for what TFLOPS miss (memory, software).",
      example: "1.1"),
    FieldSpec(
      "systemCapitalUSD", .number(.positive), default: "(priceUSD)", unit: "USD per chip",
      doc: "Capital per installed chip (chip, server and network share) that contracts recover.",
      example: "33750"),
    FieldSpec(
      "markets", .list(.string, minItems: 1), default: "(every region)",
      doc: "Regions whose providers may buy the chip.", example: "[china]"),
    note,
  ]

  public static let vendor: [FieldSpec] = [
    FieldSpec(
      "inputShare", .dictionary(idName: "input", .timePath(.fraction)),
      default: "{}", doc: "Fraction of each input the vendor receives.",
      example: "{ cowos: { 2024-01: 0.5, 2026-01: 0.6 } }"),
    FieldSpec(
      "unitsPerMonth", .timePath(.nonNegative), default: "(no direct limit)",
      unit: "chips per month",
      doc: "A direct output limit (needed when there is no inputShare).",
      example: "{ 2024-01: 20000, 2025-01: 40000 }"),
    FieldSpec(
      "mix", .dictionary(idName: "chip", .timePath(.nonNegative)), required: true,
      unit: "relative weight", doc: "Relative weight of each chip in the output.",
      example: "{ h100: { 2024-01: 1, 2025-06: 0 }, b200: { 2025-01: 1 } }"),
    FieldSpec(
      "captiveOwner", .string, default: "(none)",
      doc: "Provider that takes the whole output at no charge.", example: "google"),
    FieldSpec(
      "allocation", .choice(["proRata", "priority", "marketPrice"]), default: "proRata",
      doc: "How scarce output is shared among orders.", example: "priority"),
    FieldSpec(
      "priority", .dictionary(idName: "provider", .number(.nonNegative)),
      default: "{}", doc: "Weights for `priority` allocation (default 1).",
      example: "{ microsoft: 2, meta: 1.5 }"),
    note,
  ]

  public static let provider: [FieldSpec] = [
    FieldSpec(
      "kind",
      .choice([
        "hyperscaler", "neocloud", "lab", "supercomputer", "sovereign", "enterprise", "other",
      ]),
      required: true, doc: "Kind of owner (used for shares).", example: "neocloud"),
    FieldSpec(
      "region", .string, default: "us", doc: "Region for export controls.", example: "china"),
    FieldSpec(
      "capexUSDPerMonth", .timePath(.nonNegative), default: "0", unit: "USD per month",
      doc: "Spending on merchant chips.", example: "{ 2024-01: 1.0e9, 2026-01: 3.0e9 }"),
    FieldSpec(
      "ownUse", .timePath(.fraction), default: "0",
      doc: "Fraction of post-contract capacity kept for own use.", example: "0.5"),
    FieldSpec(
      "ownUseBuyer", .string, default: "(none)", doc: "Buyer credited with own use.",
      example: "meta"),
    FieldSpec(
      "workloads", .dictionary(idName: "workload", .object(workload)), default: "{}",
      doc: "Own-use workloads, each keeping capacity while it values it above the market's bid "
        + "(replaces ownUse and ownUseBuyer).",
      example: "{ deepmind: { share: 0.3, valueUSDPerH100eHour: 4, buyer: google-deepmind } }"),
    FieldSpec(
      "initialChips", .dictionary(idName: "chip", .number(.nonNegative)), default: "{}",
      unit: "chips",
      doc: "Chips owned at the start.", example: "{ h100: 150000 }"),
    FieldSpec(
      "powerUSDPerKWh", .number(.range(0...10)), default: "0.08", unit: "USD per kWh",
      doc: "Electricity price (reserve price).", example: "0.06"),
    FieldSpec(
      "opsUSDPerGPUHour", .number(.range(0...100)), default: "0.2", unit: "$ per GPU-hour",
      doc: "Operating cost besides power (reserve price).", example: "0.3"),
    note,
  ]

  public static let workload: [FieldSpec] = [
    FieldSpec(
      "share", .timePath(.fraction), required: true,
      doc: "Fraction of the capacity left after scripted contracts that the workload needs.",
      example: "0.3"),
    FieldSpec(
      "valueUSDPerH100eHour", .timePath(.nonNegative), default: "(none: keeps its need)",
      unit: "$ per H100e-hour", doc: "What an H100e-hour is worth to the workload.",
      example: "{ 2024-01: 3, 2026-01: 4 }"),
    FieldSpec(
      "priceElasticity", .number(.range(0...20)), default: "1",
      doc: "How fast it gives capacity up as the market's bid rises above its value.",
      example: "0.4"),
    FieldSpec(
      "buyer", .string, default: "(none: internal use)", doc: "Buyer credited with its compute.",
      example: "google-deepmind"),
    note,
  ]

  public static let site: [FieldSpec] = [
    FieldSpec("provider", .string, required: true, doc: "Owner.", example: "coreweave"),
    FieldSpec(
      "powerMW", .timePath(.nonNegative), required: true, unit: "MW", doc: "Grid power.",
      example: "{ 2024-01: 20, 2025-06: 150 }"),
    FieldSpec(
      "pue", .number(.range(1...3)), default: "1.2", doc: "Power usage effectiveness.",
      example: "1.3"),
    FieldSpec(
      "interconnect", .choice(["campus", "fleet"]), default: "campus",
      doc: "campus: one network, so its chips make a block; fleet: many data centres summed.",
      example: "fleet"),
    note,
  ]

  public static let buyer: [FieldSpec] =
    [
      FieldSpec("kind", .string, default: "lab", doc: "Free label.", example: "lab"),
      FieldSpec(
        "region", .string, default: "us", doc: "Region for export controls.", example: "eu"),
      FieldSpec(
        "budgetUSDPerMonth", .timePath(.nonNegative), required: true, unit: "USD per month",
        doc: "Spending on GPU-hours, contracts first.",
        example: "{ 2024-01: 5.0e8, 2026-01: 2.0e9 }"),
      FieldSpec(
        "affinity", .dictionary(idName: "provider", .number(.range(0...100))),
        default: "{}", doc: "Value multiplier per provider; 0 = cannot buy there.",
        example: "{ microsoft: 1.5, google: 0 }"),
      FieldSpec(
        "defaultAffinity", .number(.range(0...100)), default: "1",
        doc: "Affinity to providers not listed.", example: "0.8"),
      FieldSpec(
        "campaigns", .list(.object(campaign), minItems: 0), default: "[]",
        doc: "Training runs it plans, each needing a block at one campus site.",
        example: "[{ start: 2027-01, months: 3, h100e: 300000 }]"),
    ] + demandResponse + [note]

  /// How a buyer's spending answers prices and how much of it goes under contracts: the same
  /// fields, defaults and ranges for a named buyer and for every buyer a generator draws.
  static let demandResponse: [FieldSpec] = [
    FieldSpec(
      "priceElasticity", .number(.range(0...5)), default: "1",
      doc: "Price elasticity of demand for H100e-hours (1: the budget is spent at any price).",
      example: "0.4"),
    FieldSpec(
      "hedgeRatio", .number(.fraction), default: "0",
      doc: "Share of desired spending kept under term contracts.", example: "0.85"),
    FieldSpec(
      "contractTenorMonths", .integer(min: 1, max: 120), default: "12", unit: "months",
      doc: "Tenor of the contracts the buyer signs.", example: "36"),
  ]

  public static let contract: [FieldSpec] = [
    FieldSpec("buyer", .string, required: true, doc: "Buyer id.", example: "openai"),
    FieldSpec("provider", .string, required: true, doc: "Provider id.", example: "coreweave"),
    FieldSpec(
      "gpus", .dictionary(idName: "chip", .number(.nonNegative)), required: true, unit: "chips",
      doc: "Chips reserved.", example: "{ h100: 10000, b200: 5000 }"),
    FieldSpec(
      "priceUSDPerGPUHour", .number(.nonNegative), required: true, unit: "$ per GPU-hour",
      doc: "Contract price.", example: "2.2"),
    FieldSpec("start", .month, required: true, doc: "First month.", example: "2024-01"),
    FieldSpec(
      "months", .integer(min: 1, max: maxDurationMonths), required: true, unit: "months",
      doc: "Length.",
      example: "24"),
    FieldSpec(
      "site", .string, default: "(the provider's only site)",
      doc: "The provider's site whose chips it reserves; a block there (see largestBlock).",
      example: "colossus-1"),
    note,
  ]

  public static let generator: [FieldSpec] =
    [
      FieldSpec(
        "count", .integer(min: 0, max: 1_000_000), required: true, unit: "buyers",
        doc: "Buyers drawn.", example: "500"),
      FieldSpec(
        "seed", .integer(min: 0, max: nil), default: "1", doc: "Seed of the population.",
        example: "7"
      ),
      FieldSpec(
        "totalBudgetUSDPerMonth", .timePath(.nonNegative), required: true, unit: "USD per month",
        doc: "Budget of all generated buyers together.",
        example: "{ 2024-01: 1.0e8, 2026-01: 3.0e8 }"
      ),
      FieldSpec(
        "budgetLogSigma", .number(.range(0...5)), default: "1",
        doc: "Spread of log budget shares.", example: "1.5"),
      FieldSpec(
        "regionWeights", .dictionary(idName: "region", .number(.nonNegative)),
        default: "{ us: 1 }", doc: "Chance of each region (default us).",
        example: "{ us: 0.7, eu: 0.3 }"),
      FieldSpec(
        "affinity", .list(.number(.range(0...100)), minItems: 2), default: "[0.8, 1.2]",
        doc: "[low, high] of the uniform affinity to each provider.", example: "[0.5, 1.5]"),
      FieldSpec(
        "affinityOverrides",
        .dictionary(idName: "provider", .list(.number(.range(0...100)), minItems: 2)),
        default: "{}", doc: "[low, high] for particular providers.", example: "{ aws: [1.0, 2.0] }"),
    ] + demandResponse + [note]

  static let eventCommon: [FieldSpec] = [
    FieldSpec(
      "at", .month, required: true, doc: "Month the event takes effect.", example: "2025-03"),
    FieldSpec(
      "months", .integer(min: 1, max: maxDurationMonths), default: "(to the end)", unit: "months",
      doc: "How long it lasts (absent: to the end).", example: "6"),
    note,
  ]

  public static let eventVariants: [(tag: String, doc: String, fields: [FieldSpec])] = [
    (
      "supplyMultiplier", "Scales an input's units or chip output.",
      eventCommon + [
        FieldSpec(
          "input", .string, default: "(every chip)",
          doc: "Input id (at most one of input, vendor, chip).", example: "cowos"),
        FieldSpec("vendor", .string, default: "(every chip)", doc: "Vendor id.", example: "nvidia"),
        FieldSpec("chip", .string, default: "(every chip)", doc: "Chip id.", example: "h100"),
        FieldSpec(
          "factor", .number(.range(0...100)), required: true, doc: "Multiplier.", example: "0.5"),
      ]
    ),
    (
      "demandMultiplier", "Scales budgets.",
      eventCommon + [
        FieldSpec(
          "buyer", .string, default: "(every buyer)", doc: "Buyer id (absent: every buyer).",
          example: "openai"),
        FieldSpec(
          "factor", .number(.range(0...100)), required: true, doc: "Multiplier.", example: "0.5"),
      ]
    ),
    (
      "exportBan", "Stops deliveries of chips to a region (and, with cloud, rentals from abroad).",
      eventCommon + [
        FieldSpec("region", .string, required: true, doc: "Region.", example: "china"),
        FieldSpec(
          "chips", .list(.string, minItems: 0), default: "[]", doc: "Chip ids (empty: every chip).",
          example: "[h100, h200]"),
        FieldSpec(
          "cloud", .boolean, default: "false", doc: "Also ban renting from abroad.", example: "true"
        ),
        FieldSpec(
          "leakage", .number(.fraction), default: "0",
          doc: "Share of each month's output of a banned chip that reaches the region anyway.",
          example: "0.04"),
        FieldSpec(
          "markup", .number(.range(0...100)), default: "0",
          doc: "What leaked chips cost over the vendor's price, as a fraction of it.",
          example: "0.5"),
      ]
    ),
    (
      "priceCap", "Caps a chip's spot price.",
      eventCommon + [
        FieldSpec("chip", .string, required: true, doc: "Chip id.", example: "h100"),
        FieldSpec(
          "usdPerGPUHour", .number(.nonNegative), required: true, unit: "$ per GPU-hour",
          doc: "Cap.", example: "2.5"),
      ]
    ),
    (
      "chipDelay", "Moves a chip's first month.",
      eventCommon + [
        FieldSpec("chip", .string, required: true, doc: "Chip id.", example: "h100"),
        FieldSpec(
          "delayMonths", .integer(min: -120, max: 120), required: true, unit: "months",
          doc: "Delay (negative: earlier).", example: "6"),
      ]
    ),
    (
      "siteDelay", "Moves a site's power path later (a campus that slips).",
      eventCommon + [
        FieldSpec("site", .string, required: true, doc: "Site id.", example: "colossus-2"),
        FieldSpec(
          "delayMonths", .integer(min: -120, max: 120), required: true, unit: "months",
          doc: "Delay of every dated point of the path (negative: earlier).", example: "12"),
      ]
    ),
    (
      "newSite", "A site that counts from the event's month.",
      eventCommon + [
        FieldSpec("id", .string, required: true, doc: "Site id.", example: "abilene-2026")
      ]
        + site.filter {
          $0.name != "note"
        }
    ),
    (
      "newContract", "A contract signed at the event's month.",
      [
        eventCommon[0],
        FieldSpec("id", .string, required: true, doc: "Contract id.", example: "abilene-2026"),
      ] + contract
    ),
  ]

  /// The JSON Schema of scenario files.
  public static var jsonSchema: JSONValue {
    jsonSchemaDocument(
      title: "gpumarket scenario", description: "A market scenario for `gpumarket run`.",
      fields: top)
  }
}
