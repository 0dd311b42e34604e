import ArgumentParser
import Foundation
import JSONWriting
import MarketClearing
import ScenarioFormat

/// `gpumarket clear FILE`: clears one market read from a file.
struct ClearCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clear",
    abstract: "Clear one spot market read from a JSON or YAML file.",
    discussion: CommandHelp.discussion(
      """
      The file holds sigma, buyers (name, budget), products (name, supply, reservePrice) and \
      valuations (one row per buyer, one column per product), or valuationsFile naming a .f64 or \
      .csv file beside it that holds them. With budgetSets (K budget vectors) the market is \
      cleared once per set, all together, and K equilibria are printed. See \
      examples/market-small.json and docs/market-file.md.
      """,
      examples: [
        "gpumarket clear examples/market-small.json",
        "gpumarket clear examples/market-2026-05.yaml --format json --verify",
      ])
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json
  }

  @Argument(help: "The market file (JSON or YAML).")
  var file: String

  @Option(help: "Output format: table or json.")
  var format: Format = .table

  @Flag(help: "Check the answer against the equilibrium conditions and print the worst violations.")
  var verify = false

  @Option(help: "Largest relative clearing error accepted (overrides the file; default 1e-9).")
  var tolerance: Double?

  @Option(help: "Most passes over the market before giving up (overrides the file).")
  var maxIterations: Int?

  @Option(help: "Aggregate-demand kernel: automatic, blas or loops.")
  var kernel: String = DemandKernel.automatic.rawValue

  @Option(
    help: ArgumentHelp(
      "Largest market or valuations file read, in bytes, or with KiB, MiB or GiB (default 16MiB).",
      valueName: "size"))
  var maxFileSize: String?

  /// `--max-file-size` in bytes (the default bound when not given).
  var maxBytes: Int {
    maxFileSize.flatMap(Self.parseByteCount) ?? MarketFile.defaultMaxBytes
  }

  /// "123", "64KiB", "200MiB", "1.5GiB" (a space before the unit is allowed) in bytes.
  static func parseByteCount(_ text: String) -> Int? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    var number = Substring(trimmed)
    var unit = 1.0
    for (suffix, size) in [("KiB", 1024.0), ("MiB", 1048576.0), ("GiB", 1073741824.0)]
    where trimmed.hasSuffix(suffix) {
      number = trimmed.dropLast(suffix.count)
      unit = size
    }
    guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value.isFinite,
      value >= 1, value * unit <= Double(1 << 50)
    else { return nil }
    return Int(value * unit)
  }

  func validate() throws {
    if let tolerance, !(tolerance > 0 && tolerance < 1) {
      throw ValidationError("--tolerance must be between 0 and 1, got \(tolerance)")
    }
    if let maxIterations, maxIterations < 1 {
      throw ValidationError("--max-iterations must be at least 1, got \(maxIterations)")
    }
    if let maxFileSize, Self.parseByteCount(maxFileSize) == nil {
      throw ValidationError(
        "--max-file-size must be a size in bytes (e.g. 200MiB, 1GiB, 5000000), got '\(maxFileSize)'"
      )
    }
    if DemandKernel(rawValue: kernel) == nil {
      throw ValidationError("--kernel must be one of automatic, blas, loops; got '\(kernel)'")
    }
  }

  func run() throws {
    let loadStart = DispatchTime.now().uptimeNanoseconds
    let marketFile: MarketFile
    do {
      marketFile = try MarketFile.load(path: file, maxBytes: maxBytes)
    } catch {
      printError(error.description)
      throw ExitStatus.invalidInput
    }
    let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
    var options = marketFile.options
    if let tolerance { options.tolerance = tolerance }
    if let maxIterations { options.maxIterations = maxIterations }
    options.kernel = DemandKernel(rawValue: kernel) ?? .automatic

    if let sets = marketFile.budgetSets {
      try clearBatch(marketFile, sets: sets, options: options, loadSeconds: loadSeconds)
      return
    }
    let market = marketFile.market
    let start = DispatchTime.now().uptimeNanoseconds
    let equilibrium = market.clear(options: options)
    let solveSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let check = verify ? market.check(equilibrium) : nil

    let report = ClearReport(
      file: marketFile, equilibrium: equilibrium, options: options, solveSeconds: solveSeconds,
      loadSeconds: loadSeconds, check: check)
    switch format {
    case .json: Self.printJSON(report.writeJSON)
    case .table: print(report.table())
    }
    if !equilibrium.converged {
      printError(
        "error: did not converge: clearing error \(equilibrium.clearingError) > tolerance \(options.tolerance) "
          + "after \(equilibrium.iterations) iterations")
      throw ExitStatus.notConverged
    }
    if let check, !check.holds(tolerance: verificationTolerance(options)) {
      printError("error: --verify: the worst violation is \(check.worst)")
      throw ExitStatus.verificationFailed
    }
  }

  /// K clears of one market with different budgets, in one batch.
  private func clearBatch(
    _ marketFile: MarketFile, sets: [[Double]], options: ClearingOptions, loadSeconds: Double
  ) throws {
    let market = marketFile.market
    let start = DispatchTime.now().uptimeNanoseconds
    let equilibria: [Equilibrium]
    do {
      equilibria = try market.clear(budgetSets: sets, options: options)
    } catch {
      printError("\(file): error: budgetSets: \(error.description)")
      throw ExitStatus.invalidInput
    }
    let solveSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let markets = sets.map { set in
      // The decoder checked every budget; these markets differ from the file's only in budgets.
      try! Market(
        budgets: set, supplies: market.supplies, reservePrices: market.reservePrices,
        valuations: market.valuations, sigma: market.sigma)
    }
    let reports = zip(markets, equilibria).map { market, equilibrium in
      ClearReport(
        file: marketFile.replacingMarket(market), equilibrium: equilibrium, options: options,
        solveSeconds: solveSeconds, loadSeconds: loadSeconds,
        check: verify ? market.check(equilibrium) : nil)
    }
    let batch = ClearBatchReport(
      reports: reports, solveSeconds: solveSeconds, loadSeconds: loadSeconds)
    switch format {
    case .json: Self.printJSON(batch.writeJSON)
    case .table: print(batch.table())
    }
    let unconverged = equilibria.indices.filter { !equilibria[$0].converged }
    if let first = unconverged.first {
      printError(
        "error: did not converge: \(unconverged.count) of \(equilibria.count) budget sets, "
          + "the first budgetSets[\(first)] (clearing error \(equilibria[first].clearingError) > "
          + "tolerance \(options.tolerance) after \(equilibria[first].iterations) iterations)")
      throw ExitStatus.notConverged
    }
    let failing = reports.indices.filter {
      !(reports[$0].check?.holds(tolerance: verificationTolerance(options)) ?? true)
    }
    if let first = failing.first, let check = reports[first].check {
      printError("error: --verify: budgetSets[\(first)]: the worst violation is \(check.worst)")
      throw ExitStatus.verificationFailed
    }
  }

  /// Streams a JSON document to standard output, then a newline.
  private static func printJSON(_ write: (JSONStream) -> Void) {
    let out = JSONStream.standardOutput()
    write(out)
    out.raw("\n")
    out.flush()
  }

  /// Violations are relative; allow a small multiple of the clearing tolerance for rounding.
  private func verificationTolerance(_ options: ClearingOptions) -> Double {
    max(10 * options.tolerance, 1e-12)
  }
}
