if CommandLine.arguments.dropFirst().first == "sweep" { runSweepBenchmark(CommandLine.arguments) }
print("bench")
