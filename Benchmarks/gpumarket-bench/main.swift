import Foundation

// Subcommands: `engine` (EngineBenchmark.swift), `sweep` (SweepBenchmark.swift), `clearing` and
// `crossover` (ClearingCommand.swift).
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "engine":
  EngineBenchmark.main(Array(arguments.dropFirst()))
  exit(0)
case "sweep":
  runSweepBenchmark(CommandLine.arguments)
case "clearing", "crossover":
  ClearingCommand.main(arguments)
default:
  FileHandle.standardError.write(
    Data(
      """
      error: expected a command
      usage: gpumarket-bench engine [--repeats N] [--write FILE]
             gpumarket-bench sweep [--help]
      \(ClearingCommand.usage.replacingOccurrences(of: "usage: ", with: "       "))

      """.utf8))
  exit(64)
}
