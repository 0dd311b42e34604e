if CommandLine.arguments.dropFirst().first == "sweep" { runSweepBenchmark(Array(CommandLine.arguments.dropFirst(2))) }
print("bench")
