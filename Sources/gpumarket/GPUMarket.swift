import ArgumentParser
import Experiments
import Foundation
import SafeIO

/// The `gpumarket` command line: thin commands over the libraries.
@main
struct GPUMarket: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gpumarket",
    abstract: "Simulate the market for AI accelerators.",
    discussion: CommandHelp.discussion(
      """
      Scenario files describe a market of chips, providers and buyers; gpumarket plays them \
      month by month, clearing a CES spot market for GPU-hours each month. Each command's \
      --help has its own examples; the exit statuses below are those of every command.
      """,
      examples: [
        "gpumarket scenarios",
        "gpumarket run baseline-2026 --out baseline",
        "gpumarket report baseline --out baseline.html",
        "gpumarket compare baseline-2026 counterfactual-no-colossus",
        "gpumarket sweep baseline-2026 --vary market.sigma=4,8 --out sigma.sqlite",
        "gpumarket report sigma.sqlite --out sigma.md",
        "gpumarket clear examples/market-small.json",
        "gpumarket explore baseline-2026 --port 0",
      ]),
    version: Provenance.toolVersion,
    subcommands: [
      ClearCommand.self, RunCommand.self, ValidateCommand.self, ScenariosCommand.self,
      SchemaCommand.self,
      SweepCommand.self, MergeCommand.self, ReportCommand.self, CompareCommand.self,
      ExportCommand.self, TCOCommand.self, ExploreCommand.self,
    ]
  )

  /// Parses and runs the command. A file too large for RLIMIT_FSIZE fails its write (reported)
  /// instead of killing the process with SIGXFSZ; error messages quote user text escaped.
  static func main() {
    signal(SIGXFSZ, SIG_IGN)
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { print(message) }
      } else if !message.isEmpty {
        printError(message)
      }
      Foundation.exit(code.rawValue)
    }
  }
}
