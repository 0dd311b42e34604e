import Foundation

// Subcommands: `engine` (EngineBenchmark.swift), `sweep` (SweepBenchmark.swift), `batch`
// (BatchBenchmark.swift), `market-file` (MarketFileWriter.swift), `clearing` and
// `crossover` (ClearingCommand.swift).
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "engine":
  EngineBenchmark.main(Array(arguments.dropFirst()))
  exit(0)
case "sweep":
  runSweepBenchmark(CommandLine.arguments)
case "batch":
  BatchBenchmark.main(Array(arguments.dropFirst()))
case "market-file":
  MarketFileWriter.main(Array(arguments.dropFirst()))
case "clearing", "crossover":
  ClearingCommand.main(arguments)
default:
  FileHandle.standardError.write(
    Data(
      """
      error: expected a command
      usage: gpumarket-bench engine [--repeats N] [--write FILE]
             gpumarket-bench sweep [--help]
             gpumarket-bench batch [--size BUYERSxPRODUCTS] [--markets K] [--rounds N] [--output FILE]
             gpumarket-bench market-file [--size BUYERSxPRODUCTS] [--out BASE]
      \(ClearingCommand.usage.replacingOccurrences(of: "usage: ", with: "       "))

      """.utf8))
  exit(64)
}
