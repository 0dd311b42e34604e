import Foundation
import LinearAlgebra
import MarketClearing
import Randomness

/// `gpumarket-bench batch`: K markets that share W (replicates with demand noise) cleared in one
/// batch (`Market.clear(budgetSets:)`) against the same K markets cleared one after another,
/// side by side in alternating rounds.
///
///     gpumarket-bench batch [--size BUYERSxPRODUCTS] [--markets K] [--rounds N] [--output FILE]
///
/// Budgets: the benchmark market's (`RandomMarket`, seed 1) times LogNormal(0, 0.3) per buyer and
/// market. Both sides reuse a `ClearingWorkspace` and recycle their previous answers (the
/// separate clears would otherwise also pay for a fresh W and allocation each); each round times
/// both, in alternating order, and the ratio is taken per round; the report gives the median.
enum BatchBenchmark {
  static let begin = "<!-- batch:begin -->"
  static let end = "<!-- batch:end -->"

  static func main(_ arguments: [String]) -> Never {
    var buyers = 4000
    var products = 800
    var k = 32
    var rounds = 5
    var output = "Benchmarks/RESULTS.md"
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      guard let value = rest.popFirst() else { fail("\(argument) needs a value") }
      switch argument {
      case "--size":
        guard let size = MarketSize.parse(value) else {
          fail("--size expects BUYERSxPRODUCTS, got '\(value)'")
        }
        (buyers, products) = size
      case "--markets": k = positive(value, argument)
      case "--rounds": rounds = positive(value, argument)
      case "--output": output = value
      default: fail("unknown argument '\(argument)'")
      }
    }
    let startLoad = Machine.loadAverage()
    let market = RandomMarket(buyers: buyers, products: products, seed: 1).market
    var random = SplitMix64(seed: 2)
    let sets = (0..<k).map { _ in
      market.budgets.map { $0 * random.nextLogNormal(mu: 0, s: 0.3) }
    }
    let separateMarkets = sets.map {
      try! Market(
        budgets: $0, supplies: market.supplies, reservePrices: market.reservePrices,
        valuations: market.valuations, sigma: market.sigma)
    }
    // Each side keeps a workspace and recycles its previous answers into it before clearing
    // again, so neither pays for page-faulting fresh matrices (the kernel's page clearing cost
    // more than the clears' own work when measured).
    let batchWorkspace = ClearingWorkspace()
    let separateWorkspace = ClearingWorkspace()
    var batch: [Equilibrium] = []
    var separate: [Equilibrium] = []
    func clearBatch() -> Double {
      batchWorkspace.recycle(batch)
      batch = []
      return Stopwatch.milliseconds {
        batch = try! market.clear(budgetSets: sets, workspace: batchWorkspace)
      }
    }
    func clearSeparately() -> Double {
      separateWorkspace.recycle(separate)
      separate = []
      return Stopwatch.milliseconds {
        separate = separateMarkets.map { $0.clear(workspace: separateWorkspace) }
      }
    }
    _ = clearBatch()  // warm-up
    _ = clearSeparately()
    var batchTimes: [Double] = []
    var separateTimes: [Double] = []
    for round in 0..<rounds {
      log("batch \(buyers)x\(products) K=\(k): round \(round + 1) of \(rounds)")
      if round % 2 == 0 {
        batchTimes.append(clearBatch())
        separateTimes.append(clearSeparately())
      } else {
        separateTimes.append(clearSeparately())
        batchTimes.append(clearBatch())
      }
    }
    let ratios = zip(batchTimes, separateTimes).map { $0 / $1 }
    let difference = zip(batch, separate).map { maxRelative($0.prices, $1.prices) }.max() ?? 0
    let batchPasses = batch.map(\.iterations)
    let separatePasses = separate.map(\.iterations)
    let median = Timings(ratios).median
    let command = "swift run -c release gpumarket-bench batch " + arguments.joined(separator: " ")
    let lines = [
      "## K markets per pass of W", "",
      "Measured \(ISO8601DateFormatter().string(from: Date())) on the machine above; load average "
        + "at start \(startLoad), at end \(Machine.loadAverage()) (other work was running).", "",
      "```", command.trimmingCharacters(in: .whitespaces), "```", "",
      "\(k) markets of \(buyers.formatted(.number)) x \(products.formatted(.number)) sharing the "
        + "benchmark market's valuations, supplies and reserves, budgets × LogNormal(0, 0.3) per "
        + "buyer and market; one `Market.clear(budgetSets:)` against \(k) `Market.clear` calls, "
        + "each side with its own `ClearingWorkspace` and its previous answers recycled into it, "
        + "\(rounds) rounds in alternating order.", "",
      "| | median ms | min ms | passes per market (min–max) |", "| --- | ---: | ---: | --- |",
      "| batch | \(fmt(Timings(batchTimes).median)) | \(fmt(Timings(batchTimes).minimum)) | "
        + "\(batchPasses.min() ?? 0)–\(batchPasses.max() ?? 0) |",
      "| \(k) separate clears | \(fmt(Timings(separateTimes).median)) | "
        + "\(fmt(Timings(separateTimes).minimum)) | "
        + "\(separatePasses.min() ?? 0)–\(separatePasses.max() ?? 0) |",
      "",
      "Batch / separate, per round: "
        + ratios.map { String(format: "%.3f", $0) }.joined(separator: ", ")
        + String(
          format: "; median %.3f (target ≤ 0.25: %@). ", median, median <= 0.25 ? "met" : "not met")
        + String(
          format: "Prices of the batch against the separate clears: max rel. diff. %.1e.",
          difference),
    ]
    let markdown = lines.joined(separator: "\n")
    print(markdown)
    let url = URL(fileURLWithPath: output)
    let section = "\(begin)\n\(markdown)\n\(end)"
    var text = (try? String(contentsOf: url, encoding: .utf8)) ?? "# Benchmark results\n"
    if let start = text.range(of: begin), let stop = text.range(of: end),
      start.lowerBound < stop.upperBound
    {
      text.replaceSubrange(start.lowerBound..<stop.upperBound, with: section)
    } else {
      text += "\n\(section)\n"
    }
    do {
      try text.write(to: url, atomically: true, encoding: .utf8)
    } catch {
      FileHandle.standardError.write(Data("error: cannot write \(output): \(error)\n".utf8))
      exit(73)
    }
    exit(0)
  }

  private static func maxRelative(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { abs($0 - $1) / max(abs($1), .leastNormalMagnitude) }.max() ?? 0
  }

  private static func fmt(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
  }

  private static func positive(_ value: String, _ name: String) -> Int {
    guard let number = Int(value), number > 0 else {
      fail("\(name) expects a positive integer, got '\(value)'")
    }
    return number
  }

  private static func log(_ message: String) {
    FileHandle.standardError.write(Data("[gpumarket-bench] \(message)\n".utf8))
  }

  private static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(
      Data(
        "error: \(message)\nusage: gpumarket-bench batch [--size BUYERSxPRODUCTS] [--markets K] [--rounds N] [--output FILE]\n"
          .utf8))
    exit(64)
  }
}
