/// The scenario format, field by field: the decoder's allowed keys come from here, and the same
/// descriptions can produce a JSON Schema (`jsonSchemaDocument`) and reference tables
/// (`markdownReference`). Units are in the names or stated; see docs/model.md for meanings.
public enum ScenarioFields {
  public static let top: [FieldSpec] = [
    FieldSpec("name", .string, required: true, doc: "Scenario name.", example: "baseline-2026"),
    FieldSpec(
      "description", .string, required: true, doc: "One line shown by `gpumarket scenarios`."),
    FieldSpec(
      "extends", .string,
      doc: "A file (relative to this one) whose content this file is laid over.",
      example: "baseline-2026.yaml"),
    FieldSpec("horizon", .object(horizon), required: true, doc: "First month and length."),
    FieldSpec(
      "seed", .integer(min: 0, max: nil), default: "1", doc: "Seed when `--seed` is not given."),
    FieldSpec("market", .object(market), doc: "How each month's spot market clears."),
    FieldSpec("randomness", .object(randomness), doc: "Random shocks and noise."),
    FieldSpec(
      "inputs", .dictionary(idName: "input", .object(input)),
      doc: "Shared manufacturing inputs (e.g. CoWoS wafers)."),
    FieldSpec("chips", .dictionary(idName: "chip", .object(chip)), required: true, doc: "Chips."),
    FieldSpec(
      "vendors", .dictionary(idName: "vendor", .object(vendor)), required: true,
      doc: "Chip makers."),
    FieldSpec(
      "providers", .dictionary(idName: "provider", .object(provider)), required: true,
      doc: "Capacity owners."),
    FieldSpec("sites", .dictionary(idName: "site", .object(site)), doc: "Data centres."),
    FieldSpec("buyers", .dictionary(idName: "buyer", .object(buyer)), doc: "Compute buyers."),
    FieldSpec(
      "contracts", .dictionary(idName: "contract", .object(contract)),
      doc: "Long-term arrangements, taken before own use and spot."),
    FieldSpec(
      "events", .list(.tagged(tagKey: "kind", variants: eventVariants), minItems: 0),
      doc: "Dated shocks and deals."),
    FieldSpec(
      "generators", .dictionary(idName: "generator", .object(generator)),
      doc: "Many buyers drawn from stated distributions."),
  ]

  public static let horizon: [FieldSpec] = [
    FieldSpec("start", .month, required: true, doc: "First month.", example: "2023-01"),
    FieldSpec(
      "months", .integer(min: 1, max: 1200), required: true,
      doc: "Length in months (a multiple of stepMonths)."),
    FieldSpec(
      "stepMonths", .integer(min: 1, max: 12), default: "1", unit: "months",
      doc: "Months per step: 1 monthly, 3 quarterly."),
  ]

  public static let market: [FieldSpec] = [
    FieldSpec(
      "sigma", .number(.range(1...50)), default: "2.5",
      doc: "Elasticity of substitution between spot products."),
    FieldSpec(
      "tolerance", .number(.range(1e-15...0.1)), default: "1e-9", unit: "relative",
      doc: "Clearing tolerance."),
    FieldSpec(
      "maxIterations", .integer(min: 1, max: 1_000_000), default: "10000",
      doc: "Clearing iteration limit."),
    FieldSpec(
      "hoursPerMonth", .number(.range(1...744)), default: "730", unit: "hours",
      doc: "Hours in a month."),
    FieldSpec(
      "availability", .number(.fraction), default: "0.95",
      doc: "Fraction of installed chip-hours that can be sold."),
  ]

  public static let supplyShock: [FieldSpec] = [
    FieldSpec("input", .string, doc: "Target input id (give at most one of input, vendor, chip)."),
    FieldSpec("vendor", .string, doc: "Target vendor id."),
    FieldSpec("chip", .string, doc: "Target chip id."),
    FieldSpec(
      "probabilityPerMonth", .number(.fraction), required: true,
      doc: "Chance that a shock starts in a month."),
    FieldSpec(
      "factor", .list(.number(.range(0...100)), minItems: 2), required: true,
      doc: "[low, high]: the output multiplier is uniform in this range.", example: "[0.5, 0.9]"),
    FieldSpec("months", .integer(min: 1, max: nil), required: true, doc: "Length of a shock."),
  ]

  public static let randomness: [FieldSpec] = [
    FieldSpec(
      "demandNoise", .number(.range(0...2)), default: "0",
      doc: "Standard deviation of monthly log-normal budget noise (mean 1)."),
    FieldSpec("supplyShock", .object(supplyShock), doc: "Random supply shocks."),
  ]

  static let note = FieldSpec("note", .string, doc: "Free text.")

  public static let input: [FieldSpec] = [
    FieldSpec(
      "unitsPerMonth", .timePath(.nonNegative), required: true, unit: "units per month",
      doc: "Industry capacity."),
    note,
  ]

  public static let chip: [FieldSpec] = [
    FieldSpec("vendor", .string, required: true, doc: "The vendor id."),
    FieldSpec(
      "tflopsBF16", .number(.positive), required: true, unit: "TFLOPS",
      doc: "Dense BF16 rate; H100e = tflopsBF16 / 989."),
    FieldSpec("hbmGB", .number(.nonNegative), default: "0", unit: "GB", doc: "Memory."),
    FieldSpec("tdpW", .number(.nonNegative), default: "0", unit: "W", doc: "Chip power."),
    FieldSpec(
      "kWPerChip", .number(.positive), required: true, unit: "kW",
      doc: "All-in IT power per installed chip, before PUE."),
    FieldSpec("priceUSD", .number(.positive), required: true, unit: "USD", doc: "List price."),
    FieldSpec("available", .month, required: true, doc: "First month shipped."),
    FieldSpec(
      "leadTimeMonths", .integer(min: 0, max: 60), default: "0", unit: "months",
      doc: "Allocation to arrival."),
    FieldSpec(
      "inputUse", .dictionary(idName: "input", .number(.nonNegative)), unit: "input units per chip",
      doc: "Shared inputs consumed per good chip."),
    FieldSpec(
      "valueFactor", .number(.range(0...10)), default: "1",
      doc: "Multiplier of the chip's value per H100e for what TFLOPS miss (memory, software)."),
    note,
  ]

  public static let vendor: [FieldSpec] = [
    FieldSpec(
      "inputShare", .dictionary(idName: "input", .timePath(.fraction)),
      doc: "Fraction of each input the vendor receives."),
    FieldSpec(
      "unitsPerMonth", .timePath(.nonNegative), unit: "chips per month",
      doc: "A direct output limit (needed when there is no inputShare)."),
    FieldSpec(
      "mix", .dictionary(idName: "chip", .timePath(.nonNegative)), required: true,
      doc: "Relative weight of each chip in the output."),
    FieldSpec("captiveOwner", .string, doc: "Provider that takes the whole output at no charge."),
    FieldSpec(
      "allocation", .choice(["proRata", "priority", "marketPrice"]), default: "proRata",
      doc: "How scarce output is shared among orders."),
    FieldSpec(
      "priority", .dictionary(idName: "provider", .number(.nonNegative)),
      doc: "Weights for `priority` allocation (default 1)."),
    note,
  ]

  public static let provider: [FieldSpec] = [
    FieldSpec(
      "kind",
      .choice([
        "hyperscaler", "neocloud", "lab", "supercomputer", "sovereign", "enterprise", "other",
      ]),
      required: true, doc: "Kind of owner (used for shares)."),
    FieldSpec("region", .string, default: "us", doc: "Region for export controls."),
    FieldSpec(
      "capexUSDPerMonth", .timePath(.nonNegative), default: "0", unit: "USD per month",
      doc: "Spending on merchant chips."),
    FieldSpec(
      "ownUse", .timePath(.fraction), default: "0",
      doc: "Fraction of post-contract capacity kept for own use."),
    FieldSpec("ownUseBuyer", .string, doc: "Buyer credited with own use."),
    FieldSpec(
      "initialChips", .dictionary(idName: "chip", .number(.nonNegative)), unit: "chips",
      doc: "Chips owned at the start."),
    FieldSpec(
      "powerUSDPerKWh", .number(.range(0...10)), default: "0.08", unit: "USD per kWh",
      doc: "Electricity price (reserve price)."),
    FieldSpec(
      "opsUSDPerGPUHour", .number(.range(0...100)), default: "0.2", unit: "$ per GPU-hour",
      doc: "Operating cost besides power (reserve price)."),
    note,
  ]

  public static let site: [FieldSpec] = [
    FieldSpec("provider", .string, required: true, doc: "Owner."),
    FieldSpec("powerMW", .timePath(.nonNegative), required: true, unit: "MW", doc: "Grid power."),
    FieldSpec("pue", .number(.range(1...3)), default: "1.2", doc: "Power usage effectiveness."),
    note,
  ]

  public static let buyer: [FieldSpec] = [
    FieldSpec("kind", .string, default: "lab", doc: "Free label."),
    FieldSpec("region", .string, default: "us", doc: "Region for export controls."),
    FieldSpec(
      "budgetUSDPerMonth", .timePath(.nonNegative), required: true, unit: "USD per month",
      doc: "Spending on GPU-hours, contracts first."),
    FieldSpec(
      "affinity", .dictionary(idName: "provider", .number(.range(0...100))),
      doc: "Value multiplier per provider; 0 = cannot buy there."),
    FieldSpec(
      "defaultAffinity", .number(.range(0...100)), default: "1",
      doc: "Affinity to providers not listed."),
    note,
  ]

  public static let contract: [FieldSpec] = [
    FieldSpec("buyer", .string, required: true, doc: "Buyer id."),
    FieldSpec("provider", .string, required: true, doc: "Provider id."),
    FieldSpec(
      "gpus", .dictionary(idName: "chip", .number(.nonNegative)), required: true, unit: "chips",
      doc: "Chips reserved."),
    FieldSpec(
      "priceUSDPerGPUHour", .number(.nonNegative), required: true, unit: "$ per GPU-hour",
      doc: "Contract price."),
    FieldSpec("start", .month, required: true, doc: "First month."),
    FieldSpec("months", .integer(min: 1, max: nil), required: true, doc: "Length."),
    note,
  ]

  public static let generator: [FieldSpec] = [
    FieldSpec("count", .integer(min: 0, max: 1_000_000), required: true, doc: "Buyers drawn."),
    FieldSpec("seed", .integer(min: 0, max: nil), default: "1", doc: "Seed of the population."),
    FieldSpec(
      "totalBudgetUSDPerMonth", .timePath(.nonNegative), required: true, unit: "USD per month",
      doc: "Budget of all generated buyers together."),
    FieldSpec(
      "budgetLogSigma", .number(.range(0...5)), default: "1",
      doc: "Spread of log budget shares."),
    FieldSpec(
      "regionWeights", .dictionary(idName: "region", .number(.nonNegative)),
      doc: "Chance of each region (default us)."),
    FieldSpec(
      "affinity", .list(.number(.range(0...100)), minItems: 2), default: "[0.8, 1.2]",
      doc: "[low, high] of the uniform affinity to each provider."),
    FieldSpec(
      "affinityOverrides",
      .dictionary(idName: "provider", .list(.number(.range(0...100)), minItems: 2)),
      doc: "[low, high] for particular providers."),
    note,
  ]

  static let eventCommon: [FieldSpec] = [
    FieldSpec("at", .month, required: true, doc: "Month the event takes effect."),
    FieldSpec(
      "months", .integer(min: 1, max: nil), doc: "How long it lasts (absent: to the end)."),
    note,
  ]

  public static let eventVariants: [(tag: String, doc: String, fields: [FieldSpec])] = [
    (
      "supplyMultiplier", "Scales an input's units or chip output.",
      eventCommon + [
        FieldSpec("input", .string, doc: "Input id (at most one of input, vendor, chip)."),
        FieldSpec("vendor", .string, doc: "Vendor id."),
        FieldSpec("chip", .string, doc: "Chip id."),
        FieldSpec("factor", .number(.range(0...100)), required: true, doc: "Multiplier."),
      ]
    ),
    (
      "demandMultiplier", "Scales budgets.",
      eventCommon + [
        FieldSpec("buyer", .string, doc: "Buyer id (absent: every buyer)."),
        FieldSpec("factor", .number(.range(0...100)), required: true, doc: "Multiplier."),
      ]
    ),
    (
      "exportBan", "Stops deliveries of chips to a region (and, with cloud, rentals from abroad).",
      eventCommon + [
        FieldSpec("region", .string, required: true, doc: "Region."),
        FieldSpec("chips", .list(.string, minItems: 0), doc: "Chip ids (empty: every chip)."),
        FieldSpec("cloud", .boolean, default: "false", doc: "Also ban renting from abroad."),
      ]
    ),
    (
      "priceCap", "Caps a chip's spot price.",
      eventCommon + [
        FieldSpec("chip", .string, required: true, doc: "Chip id."),
        FieldSpec(
          "usdPerGPUHour", .number(.nonNegative), required: true, unit: "$ per GPU-hour",
          doc: "Cap."),
      ]
    ),
    (
      "chipDelay", "Moves a chip's first month.",
      eventCommon + [
        FieldSpec("chip", .string, required: true, doc: "Chip id."),
        FieldSpec(
          "delayMonths", .integer(min: -120, max: 120), required: true, unit: "months",
          doc: "Delay (negative: earlier)."),
      ]
    ),
    (
      "newSite", "A site that counts from the event's month.",
      eventCommon + [FieldSpec("id", .string, required: true, doc: "Site id.")]
        + site.filter {
          $0.name != "note"
        }
    ),
    (
      "newContract", "A contract signed at the event's month.",
      [eventCommon[0], FieldSpec("id", .string, required: true, doc: "Contract id.")] + contract
    ),
  ]

  /// The JSON Schema of scenario files.
  public static var jsonSchema: JSONValue {
    jsonSchemaDocument(
      title: "gpumarket scenario", description: "A market scenario for `gpumarket run`.",
      fields: top)
  }
}
