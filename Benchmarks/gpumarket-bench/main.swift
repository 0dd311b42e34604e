import Foundation

// Subcommands: `engine` (EngineBenchmark.swift), `sweep` (SweepBenchmark.swift), `report`
// (ReportBenchmark.swift), `clearing` and `crossover` (ClearingCommand.swift).
let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "engine":
  EngineBenchmark.main(Array(arguments.dropFirst()))
  exit(0)
case "sweep":
  runSweepBenchmark(CommandLine.arguments)
case "report":
  do {
    try ReportBenchmark.main(Array(arguments.dropFirst()))
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
  }
case "clearing", "crossover":
  ClearingCommand.main(arguments)
default:
  FileHandle.standardError.write(
    Data(
      """
      error: expected a command
      usage: gpumarket-bench engine [--repeats N] [--write FILE]
             gpumarket-bench sweep [--help]
             gpumarket-bench report [--db PATH] [--repeats N] [--results FILE]
      \(ClearingCommand.usage.replacingOccurrences(of: "usage: ", with: "       "))

      """.utf8))
  exit(64)
}
