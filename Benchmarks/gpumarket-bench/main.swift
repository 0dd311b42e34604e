// Subcommands: `engine` (EngineBenchmark.swift).
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "engine" {
  EngineBenchmark.main(Array(arguments.dropFirst()))
} else {
  print("usage: gpumarket-bench engine [--repeats N] [--write Benchmarks/RESULTS.md]")
}
