import ArgumentParser

/// The `gpumarket` command line: thin commands over the libraries.
@main
struct GPUMarket: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gpumarket",
    abstract: "Simulate the market for AI accelerators.",
    discussion: """
      Scenario files describe a market of chips, providers and buyers; gpumarket plays them \
      month by month, clearing a CES spot market for GPU-hours each month.
      """,
    version: "0.1.0",
    subcommands: [
      ClearCommand.self, RunCommand.self, ValidateCommand.self, ScenariosCommand.self,
      SchemaCommand.self,
      SweepCommand.self, MergeCommand.self, ReportCommand.self, CompareCommand.self,
    ]
  )
}
