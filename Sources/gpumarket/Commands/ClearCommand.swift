import ArgumentParser
import Foundation
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
      valuations (one row per buyer, one column per product). See examples/market-small.json.
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

  func validate() throws {
    if let tolerance, !(tolerance > 0 && tolerance < 1) {
      throw ValidationError("--tolerance must be between 0 and 1, got \(tolerance)")
    }
    if let maxIterations, maxIterations < 1 {
      throw ValidationError("--max-iterations must be at least 1, got \(maxIterations)")
    }
    if DemandKernel(rawValue: kernel) == nil {
      throw ValidationError("--kernel must be one of automatic, blas, loops; got '\(kernel)'")
    }
  }

  func run() throws {
    let marketFile: MarketFile
    do {
      marketFile = try MarketFile.load(path: file)
    } catch {
      printError(error.description)
      throw ExitStatus.invalidInput
    }
    var options = marketFile.options
    if let tolerance { options.tolerance = tolerance }
    if let maxIterations { options.maxIterations = maxIterations }
    options.kernel = DemandKernel(rawValue: kernel) ?? .automatic

    let market = marketFile.market
    let start = DispatchTime.now().uptimeNanoseconds
    let equilibrium = market.clear(options: options)
    let solveSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let check = verify ? market.check(equilibrium) : nil

    let report = ClearReport(
      file: marketFile, equilibrium: equilibrium, options: options, solveSeconds: solveSeconds,
      check: check)
    switch format {
    case .json: print(try report.json())
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

  /// Violations are relative; allow a small multiple of the clearing tolerance for rounding.
  private func verificationTolerance(_ options: ClearingOptions) -> Double {
    max(10 * options.tolerance, 1e-12)
  }
}
