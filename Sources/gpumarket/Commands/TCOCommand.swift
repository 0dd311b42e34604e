import ArgumentParser
import Experiments
import Foundation
import JSONWriting
import LocatedYAML
import Reports
import ScenarioFormat
import Simulation

/// `gpumarket tco FILE --chip C --count N --purchase YYYY-MM`: what a fleet earns when owned and
/// sold on the simulated market, against renting the same compute (docs/tco.md).
struct TCOCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tco",
    abstract: "Value owning a fleet against renting the same compute on the simulated market.",
    discussion: CommandHelp.discussion(
      """
      Runs the scenario --replicates times (replicate k with a seed derived from (--seed, k), as \
      compare does) and values the fleet against each run's prices: the net present value of \
      buying it and selling its hours on the market (spot, or back-to-back contracts with \
      --contract-months), the cost of renting the same hours at the same prices, owning's \
      advantage over renting, and the break-even prices. The fleet is installed the chip's lead \
      time after purchase; a life past the scenario's horizon is simulated on a longer run, the \
      scenario's dated paths held at their last values. Every formula is in \
      docs/tco.md. Amounts are present values at the purchase month in USD; prices in $ per \
      GPU-hour.

      Defaults: the chip's capital per chip from the scenario (systemCapitalUSD, else priceUSD), \
      its kWPerChip, the discount rate and life of market.contracts (costOfCapital, lifeYears), \
      and the scenario format's defaults for a site's PUE and a provider's power and operating \
      costs.
      """,
      examples: [
        "gpumarket tco baseline-2026 --chip h100 --count 10000 --purchase 2024-01",
        "gpumarket tco baseline-2026 --chip b200 --count 1000 --purchase 2025-06 --contract-months 12 --replicates 4 --set randomness.demandNoise=0.1",
        "gpumarket tco baseline-2026 --chip h100 --count 1000 --purchase 2023-06 --life-months 36 --format json",
      ])
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, json
  }

  @Argument(help: "The scenario file, or a bundled scenario's name.")
  var file: String

  @Option(help: "The chip id of the fleet.")
  var chip: String

  @Option(help: "Chips in the fleet.")
  var count: Double

  @Option(help: "Purchase month, YYYY-MM (within the scenario's run).")
  var purchase: String

  @Option(help: "Months owned. (default: market.contracts.lifeYears x 12)")
  var lifeMonths: Int?

  @Option(help: "Capital per chip, USD. (default: the chip's systemCapitalUSD, else priceUSD)")
  var capitalUSD: Double?

  @Option(
    name: .customLong("power-usd-per-kwh"),
    help: "Electricity price, USD per kWh. (default: the provider default)")
  var powerUSDPerKWh: Double?

  @Option(help: "Site power usage effectiveness. (default: the site default)")
  var pue: Double?

  @Option(help: "Operating cost besides power, USD per GPU-hour. (default: the provider default)")
  var opsUSDPerGPUHour: Double?

  @Option(help: "Annual discount rate. (default: market.contracts.costOfCapital)")
  var rate: Double?

  @Option(
    help: "Sell forward in contracts of this many months (1, 3, 6, 12, 24, 36) instead of spot.")
  var contractMonths: Int?

  @Option(help: "Runs of the scenario.")
  var replicates = 1

  @Option(help: "Base seed. (default: the scenario's seed)")
  var seed: UInt64?

  @Option(name: .customLong("set"), help: "Override a value: key.path=value (repeatable).")
  var overrides: [String] = []

  @Option(help: "Worker threads. (default: the number of cores)")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Output format: table, markdown or json.")
  var format: Format = .table

  func validate() throws {
    func check(_ ok: Bool, _ message: String) throws {
      if !ok { throw ValidationError(message) }
    }
    try check(
      count.isFinite && count >= 1 && count <= 1e8, "--count must be in 1...1e8, got \(count)")
    try check(
      (1...SweepLimits.maxReplicates).contains(replicates),
      "--replicates must be between 1 and \(SweepLimits.maxReplicates), got \(replicates)")
    try check(
      (1...SweepLimits.maxJobs).contains(jobs),
      "--jobs must be between 1 and \(SweepLimits.maxJobs), got \(jobs)")
    if let lifeMonths {
      try check(
        (1...240).contains(lifeMonths), "--life-months must be in 1...240, got \(lifeMonths)")
    }
    if let capitalUSD {
      try check(
        capitalUSD.isFinite && capitalUSD >= 0 && capitalUSD <= 1e9,
        "--capital-usd must be in 0...1e9, got \(capitalUSD)")
    }
    if let powerUSDPerKWh {
      try check(
        (0...10).contains(powerUSDPerKWh),
        "--power-usd-per-kwh must be in 0...10, got \(powerUSDPerKWh)")
    }
    if let pue { try check((1...3).contains(pue), "--pue must be in 1...3, got \(pue)") }
    if let opsUSDPerGPUHour {
      try check(
        (0...100).contains(opsUSDPerGPUHour),
        "--ops-usd-per-gpu-hour must be in 0...100, got \(opsUSDPerGPUHour)")
    }
    if let rate { try check((0...1).contains(rate), "--rate must be in 0...1, got \(rate)") }
    if let contractMonths {
      try check(
        Fleet.postedTenorsMonths.contains(contractMonths),
        "--contract-months must be one of "
          + Fleet.postedTenorsMonths.map(String.init).joined(separator: ", ")
          + ", got \(contractMonths)")
    }
    try check(YearMonth(purchase) != nil, "--purchase must be YYYY-MM, got '\(purchase)'")
  }

  func run() throws {
    let checked = ScenarioCheck.check(file, overrides: overrides)
    guard var scenario = checked.scenario else { throw ExitStatus.invalidInput }
    guard scenario.stepMonths == 1 else {
      printError(
        "error: \(file) steps \(scenario.stepMonths) months at a time; fleets are valued on "
          + "monthly runs only (horizon.stepMonths: 1)")
      throw ExitStatus.invalidInput
    }
    guard let chipSpec = scenario.chips.first(where: { $0.id == chip }) else {
      let hint = NameSuggestion.hint(for: chip, among: scenario.chips.map(\.id)).map { " (\($0))" }
      printError("error: --chip: no chip '\(chip)' in \(scenario.name)\(hint ?? "")")
      throw ExitStatus.invalidInput
    }
    let purchaseMonth = YearMonth(purchase)!
    guard purchaseMonth >= chipSpec.available else {
      printError(
        "error: --purchase: \(chip) is first available in \(chipSpec.available), after \(purchase)")
      throw ExitStatus.invalidInput
    }
    let offset = purchaseMonth.index - scenario.start.index
    guard offset >= 0, offset < scenario.months else {
      printError(
        "error: --purchase: \(purchase) is outside the scenario's run (\(scenario.start) to "
          + "\(YearMonth(index: scenario.start.index + scenario.months - 1)))")
      throw ExitStatus.invalidInput
    }
    let contracts = scenario.market.contracts
    let fleet = Fleet(
      count: count, capitalUSDPerChip: capitalUSD ?? chipSpec.capitalUSD,
      kWPerChip: chipSpec.kWPerChip, pue: pue ?? Self.specDefault(ScenarioFields.site, "pue"),
      powerUSDPerKWh: powerUSDPerKWh ?? Self.specDefault(ScenarioFields.provider, "powerUSDPerKWh"),
      opsUSDPerGPUHour: opsUSDPerGPUHour
        ?? Self.specDefault(ScenarioFields.provider, "opsUSDPerGPUHour"),
      discountRatePerYear: rate ?? contracts.costOfCapital,
      lifeMonths: lifeMonths ?? Int((contracts.lifeYears * 12).rounded()),
      selling: contractMonths.map { .contracts(tenorMonths: $0) } ?? .spot)
    // A life past the scenario's horizon is simulated: the run is extended to cover it, every
    // dated path held at its last value.
    let withinHorizon = min(fleet.lifeMonths, scenario.months - offset)
    let horizonEnd = YearMonth(index: scenario.start.index + scenario.months - 1)
    if offset + fleet.lifeMonths > scenario.months {
      let extended = ScenarioCheck.check(
        file, overrides: overrides + ["horizon.months=\(offset + fleet.lifeMonths)"])
      guard let longer = extended.scenario else { throw ExitStatus.invalidInput }
      scenario = longer
    }
    let baseSeed = seed ?? scenario.defaultSeed
    let seeds = CompareRuns.seeds(base: baseSeed, replicates: replicates)
    let delay = chipSpec.leadTimeMonths
    let reporter = replicates < 2 ? nil : ProgressReporter()
    var values: [FleetValue] = []
    var withoutMarket = 0
    var installedAtStart = Double.infinity
    // Replicates run in chunks and are reduced to their values, so memory stays flat in K.
    let chunk = 64
    for first in stride(from: 0, to: seeds.count, by: chunk) {
      let part = Array(seeds[first..<min(seeds.count, first + chunk)])
      let runs: [RunResult]
      do {
        runs = try CompareRuns(scenarios: [scenario], seeds: part, jobs: jobs).run(
          progress: reporter.map { r in
            { snapshot in
              r.update(
                SweepProgressSnapshot(
                  done: first + snapshot.done, total: seeds.count, failed: 0,
                  ranThisTime: first + snapshot.done, elapsed: snapshot.elapsed))
            }
          })[0]
      } catch let failure as CompareRuns.Failure {
        reporter?.finish()
        printError("error: \(file) (seed \(failure.seed)): \(failure.error)")
        throw ExitStatus.runStopped
      }
      for result in runs {
        let path: FleetPricePath
        do {
          path = try FleetPricePath.from(
            result, chip: chip, purchase: purchase, lifeMonths: fleet.lifeMonths,
            installDelayMonths: delay, selling: fleet.selling)
        } catch {
          reporter?.finish()
          printError("error: \(error.description)")
          throw ExitStatus.invalidInput
        }
        withoutMarket = max(withoutMarket, path.monthsWithoutMarket)
        let installedMonth = min(offset + delay, result.months.count - 1)
        installedAtStart = min(installedAtStart, result.installedChips[chip]?[installedMonth] ?? 0)
        values.append(
          FleetValue(
            fleet, on: path, hoursPerMonth: scenario.market.hoursPerMonth,
            availability: scenario.market.availability, monthsWithinHorizon: withinHorizon))
      }
    }
    reporter?.finish()
    if replicates > 1, values.allSatisfy({ $0 == values[0] }) {
      printError(
        "warning: all \(replicates) replicates gave the same values: the scenario draws no random "
          + "numbers (draw some with e.g. --set randomness.demandNoise=0.1)")
    }
    if count > 0.05 * installedAtStart {
      printError(
        "warning: the fleet is \(NumberFormat.format(100 * count / max(installedAtStart, 1)))% of the "
          + "\(chip)s installed in the market when it is installed; the valuation takes prices as "
          + "given, which a fleet this large would move")
    }
    if withoutMarket > 0 {
      printError(
        "warning: in up to \(withoutMarket) month(s) of the life no \(chip) was installed in the "
          + "market (or no contract was posted), so those hours earn nothing")
    }
    let report = TCOReport(
      scenario: scenario.name, chip: chip, purchase: purchase, fleet: fleet, baseSeed: baseSeed,
      seeds: seeds, values: values, installDelayMonths: delay,
      monthsBeyondHorizon: fleet.lifeMonths - withinHorizon, horizonEnd: horizonEnd.description,
      monthsWithoutMarket: withoutMarket)
    switch format {
    case .table: print(report.text(markdown: false), terminator: "")
    case .markdown: print(report.text(markdown: true), terminator: "")
    case .json: print(report.json())
    }
  }

  /// A field's documented default, as a number.
  private static func specDefault(_ specs: [FieldSpec], _ name: String) -> Double {
    specs.first { $0.name == name }!.defaultValue.flatMap(Double.init)!
  }
}
