import Foundation

/// gpumarket-bench: benchmarks that report figures (tests assert behaviour; this measures).
///
///     gpumarket-bench clearing [--quick] [--output FILE] [--seed N] [--no-peer] [--peer-script FILE]
///                              [--size BUYERSxPRODUCTS ...]
///     gpumarket-bench crossover [--quick] [--seed N]
///
/// `clearing` measures memory bandwidth, clears the benchmark markets with both kernels and the
/// numpy peer, runs the crossover sweep, prints the Markdown and writes it into the "Clearing"
/// section of FILE (default Benchmarks/RESULTS.md). `--size` clears only the sizes given (and
/// skips the crossover sweep), for profiling one case. `crossover` prints the sweep only.

/// The `clearing` and `crossover` commands.
enum ClearingCommand {
  static let usage = """
    usage: gpumarket-bench clearing [--quick] [--output FILE] [--seed N] [--no-peer] [--peer-script FILE]
                                    [--size BUYERSxPRODUCTS ...]
           gpumarket-bench crossover [--quick] [--seed N]
    """

  struct Arguments {
    var command = ""
    var quick = false
    var output = "Benchmarks/RESULTS.md"
    var seed: UInt64 = 1
    var runPeer = true
    var peerScript: String?
    /// Only these (buyers, products) cases, if given.
    var sizes: [(Int, Int)] = []

    static func parse(_ arguments: [String]) -> Result<Arguments, BenchError> {
      var result = Arguments()
      var rest = arguments[...]
      guard let command = rest.popFirst(), ["clearing", "crossover"].contains(command) else {
        return .failure(.usage("expected a command: clearing or crossover"))
      }
      result.command = command
      while let argument = rest.popFirst() {
        switch argument {
        case "--quick": result.quick = true
        case "--no-peer": result.runPeer = false
        case "--output", "--seed", "--peer-script", "--size":
          guard let value = rest.popFirst() else {
            return .failure(.usage("\(argument) needs a value"))
          }
          switch argument {
          case "--output": result.output = value
          case "--peer-script": result.peerScript = value
          case "--size":
            guard let size = MarketSize.parse(value) else {
              return .failure(
                .usage("--size expects BUYERSxPRODUCTS, e.g. 2000x400, got '\(value)'"))
            }
            result.sizes.append(size)
          default:
            guard let seed = UInt64(value) else {
              return .failure(.usage("--seed expects a non-negative integer, got '\(value)'"))
            }
            result.seed = seed
          }
        case "-h", "--help": return .failure(.help)
        default: return .failure(.usage("unknown argument '\(argument)'"))
        }
      }
      return .success(result)
    }
  }

  enum BenchError: Error {
    case help
    case usage(String)
  }

  static func log(_ message: String) {
    FileHandle.standardError.write(Data("[gpumarket-bench] \(message)\n".utf8))
  }

  static func defaultPeerScript() -> URL {
    let nextToSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("peer_clearing.py")
    if FileManager.default.fileExists(atPath: nextToSource.path) { return nextToSource }
    return URL(fileURLWithPath: "Benchmarks/peer_clearing.py")
  }

  /// Runs the command in `commandLine` (the arguments after the program name); exits the
  /// process with 0 on success, 64 on a usage error and 73 when the results cannot be written.
  static func main(_ commandLine: [String]) -> Never {
    let arguments: Arguments
    switch Arguments.parse(commandLine) {
    case .success(let parsed):
      arguments = parsed
    case .failure(.help):
      print(usage)
      exit(0)
    case .failure(.usage(let message)):
      FileHandle.standardError.write(Data("error: \(message)\n\(usage)\n".utf8))
      exit(64)
    }

    let crossover = Crossover(seed: arguments.seed)
    let sides = arguments.quick ? Crossover.quickSides : Crossover.fullSides

    if arguments.command == "crossover" {
      let points = crossover.run(sides: sides, log: log)
      print("n=m\tn*m\tblas_ms\tloops_ms\tloops/blas")
      for p in points {
        print(
          "\(p.side)\t\(p.entries)\t\(p.blas)\t\(p.loops)\t\(String(format: "%.2f", p.speedUp))")
      }
      print("BLAS faster from n*m = \(Crossover.threshold(points).map(String.init) ?? "never")")
      exit(0)
    }

    let cores = ProcessInfo.processInfo.activeProcessorCount
    let startLoad = Machine.loadAverage()
    let bandwidthBytes = (arguments.quick ? 128 : 512) << 20
    log("memory bandwidth over \(bandwidthBytes >> 20) MiB")
    let probe = BandwidthProbe(bytes: bandwidthBytes, repeats: arguments.quick ? 3 : 10)
    let bandwidth = Array(Set([1, min(2, cores), cores])).sorted().map {
      probe.measure(threads: $0)
    }

    let peer = Peer(
      script: arguments.peerScript.map { URL(fileURLWithPath: $0) } ?? defaultPeerScript(),
      threads: cores)
    let skipReason = arguments.runPeer ? peer.availability() : "--no-peer"
    let benchmark = ClearingBenchmark(
      seed: arguments.seed, peer: skipReason == nil ? peer : nil, peerSkipReason: skipReason)
    var cases = arguments.quick ? ClearingBenchmark.quickCases : ClearingBenchmark.fullCases
    if !arguments.sizes.isEmpty {
      cases = arguments.sizes.map { size in
        cases.first { $0.buyers == size.0 && $0.products == size.1 }
          ?? ClearingBenchmark.Case(buyers: size.0, products: size.1, repeats: 5, peerRepeats: 3)
      }
    }
    let rows = benchmark.run(cases, log: log)
    let points = arguments.sizes.isEmpty ? crossover.run(sides: sides, log: log) : []

    let command =
      "swift run -c release gpumarket-bench "
      + commandLine.joined(separator: " ")
    let report = Report(
      command: command, date: Date(), machine: .current(), seed: arguments.seed,
      bandwidth: bandwidth, bandwidthBytes: bandwidthBytes, rows: rows, crossover: points,
      loadAverages: (startLoad, Machine.loadAverage()))
    print(report.markdown)
    do {
      try report.write(to: URL(fileURLWithPath: arguments.output))
      log("wrote \(arguments.output)")
    } catch {
      FileHandle.standardError.write(
        Data("error: cannot write \(arguments.output): \(error)\n".utf8))
      exit(73)
    }
    exit(0)
  }
}
