import ArgumentParser
import Foundation
import LocatedYAML
import ScenarioFormat
import Simulation

/// `gpumarket-bench engine`: time per run of each bundled scenario, and time per month as the
/// number of generated buyers grows (synthetic-large with 1k, 10k, 100k buyers).
///
/// Runs are in-process; scenario loading is outside the timed region. Figures are the median
/// and the fastest of `--repeats` runs after one untimed warm-up run. Build with `-c release`.
struct EngineBenchmark: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "engine",
    abstract: "Time Engine.run on the bundled scenarios and on growing buyer counts."
  )

  @Option(help: "The scenarios folder.")
  var scenarios = "scenarios"

  @Option(help: "Timed runs per figure (the median is reported).")
  var repeats = 5

  @Option(help: "Buyer counts for the scaling table (none: skip it).")
  var buyers: [Int] = [1_000, 10_000, 100_000]

  @Option(help: "Write the figures into this results file, between the engine markers.")
  var write: String?

  func run() throws {
    var lines: [String] = []
    var baselineMS: Double?
    var tenThousandMonthMS: Double?
    lines.append(
      "Engine runs, in-process, release build; median and fastest of \(repeats) runs after a "
        + "warm-up (the machine is shared, so the fastest is the better estimate of the cost).")
    lines.append("")
    lines.append(
      "| scenario | buyers | months | ms per run (median) | ms per run (fastest) | ms per month (fastest) | clearing passes per month (mean) |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    let names = (try FileManager.default.contentsOfDirectory(atPath: scenarios))
      .filter { $0.hasSuffix(".yaml") }.sorted()
    for name in names {
      let scenario = try load("\(scenarios)/\(name)")
      let (seconds, fastest) = try measure {
        _ = try Engine.run(scenario, seed: scenario.defaultSeed)
      }
      if name == "baseline-2026.yaml" { baselineMS = fastest * 1e3 }
      // Months with a spot market (0 passes: nothing to clear).
      let passes = try Engine.run(scenario, seed: scenario.defaultSeed).clearingIterations
        .filter { $0 > 0 }
      let meanPasses = Double(passes.reduce(0, +)) / Double(max(1, passes.count))
      let buyerCount =
        scenario.buyers.count + scenario.generators.reduce(0) { $0 + $1.count }
      lines.append(
        "| \(name.dropLast(5)) | \(buyerCount) | \(scenario.months) | "
          + String(format: "%.1f", seconds * 1e3) + " | " + String(format: "%.1f", fastest * 1e3)
          + " | " + String(format: "%.2f", fastest * 1e3 / Double(scenario.months)) + " | "
          + String(format: "%.2f", meanPasses) + " |")
      print(lines.last!)
    }
    lines.append("")
    lines.append(
      "synthetic-large with the generator's buyer count overridden (the 60-month run divided by 60; "
        + "the spot market has 16 to 51 products a month):")
    lines.append("")
    lines.append(
      "| generated buyers | ms per run (median) | ms per run (fastest) | ms per month (fastest) |")
    lines.append("|---:|---:|---:|---:|")
    for count in buyers {
      let scenario = try load(
        "\(scenarios)/synthetic-large.yaml",
        overrides: ["generators.enterprise-fleet.count=\(count)"])
      let (seconds, fastest) = try measure(count >= 100_000 ? max(1, repeats / 3) : repeats) {
        _ = try Engine.run(scenario, seed: scenario.defaultSeed)
      }
      if count == 10_000 { tenThousandMonthMS = fastest * 1e3 / Double(scenario.months) }
      lines.append(
        "| \(count) | " + String(format: "%.0f", seconds * 1e3) + " | "
          + String(format: "%.0f", fastest * 1e3) + " | "
          + String(format: "%.1f", fastest * 1e3 / Double(scenario.months)) + " |")
      print(lines.last!)
    }
    lines.append("")
    lines.append(
      "`gpumarket explore` (docs/explore.md): `POST /api/run` on baseline-2026 over loopback, one "
        + "connection per request, from the first byte sent to the last byte of the answer "
        + "(checking the overrides, the run, eight SVG charts and the JSON, about 100 KB); load "
        + "average at the time \(Self.loadAverage()):")
    lines.append("")
    lines.append("| request | ms (median) | ms (fastest) |")
    lines.append("|---|---:|---:|")
    let requests = [
      ("explore request, baseline-2026 unmodified", #"{"overrides":[]}"#),
      ("explore request, baseline-2026 --set market.sigma=6", #"{"overrides":["market.sigma=6"]}"#),
      (
        "explore request, \(Self.fanReplicates) replicates with randomness.demandNoise=0.1 (fan charts)",
        #"{"overrides":["randomness.demandNoise=0.1","market.sigma=6"],"replicates":"#
          + "\(Self.fanReplicates)}"
      ),
    ]
    let timings = try ExploreRequest.measure(
      scenarioPath: "\(scenarios)/baseline-2026.yaml", bodies: requests.map(\.1), repeats: repeats)
    for ((label, _), timing) in zip(requests, timings) {
      lines.append(
        "| \(label) | " + String(format: "%.1f", timing.median) + " | "
          + String(format: "%.1f", timing.fastest) + " |")
      print(lines.last!)
    }
    lines.append("")
    let redraws = try ExploreRequest.redraw(
      scenarioPath: "\(scenarios)/baseline-2026.yaml", repeats: max(5, repeats),
      fanReplicates: Self.fanReplicates)
    if let redraws {
      lines.append(
        "The page in headless Chromium (chromedriver), from the change event of the market.sigma "
          + "field to the first frame painted after the answer is laid out, as the page "
          + "records it (`data-redraw-ms`); \(max(5, repeats)) changes each, load average "
          + "\(Self.loadAverage()):")
      lines.append("")
      lines.append(
        "| redraw | ms (median) | ms (fastest) | the answer, ms (median) | the page update, ms (median) |"
      )
      lines.append("|---|---:|---:|---:|---:|")
      let labels = [
        "browser redraw, baseline-2026, one run",
        "browser redraw, baseline-2026, \(Self.fanReplicates) replicates with noise (fan charts)",
      ]
      for (label, timing) in zip(labels, redraws) {
        lines.append(
          "| \(label) | " + String(format: "%.1f", timing.median) + " | "
            + String(format: "%.1f", timing.fastest) + " | "
            + String(format: "%.1f", timing.answerMedian) + " | "
            + String(format: "%.1f", timing.updateMedian) + " |")
        print(lines.last!)
      }
    } else {
      lines.append("The browser redraw was not measured: chromium or chromedriver is not on PATH.")
    }
    lines.append("")
    let measured = { (x: Double?) in x.map { String(format: "%.1f ms", $0) } ?? "not measured" }
    lines.append(
      "Targets: the baseline runs in under 20 ms (\(measured(baselineMS))); a 10,000-buyer month "
        + "clears in under 100 ms (\(measured(tenThousandMonthMS)) per month on average); an "
        + "explore request answers in under 100 ms (\(measured(timings.first?.median)) median); "
        + "the page redraws in well under 100 ms (\(measured(redraws?.first?.median)) median).")
    print(lines.last!)
    if let write {
      try replaceSection(in: write, with: lines.joined(separator: "\n"))
    }
  }

  /// Replicates of the explorer's fan-chart rows.
  static let fanReplicates = 8

  /// `/proc/loadavg`'s first three fields (1, 5 and 15 minutes).
  static func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    return text.split(separator: " ").prefix(3).joined(separator: " ")
  }

  private func load(_ path: String, overrides: [String] = []) throws -> Scenario {
    let parsed = try overrides.map { text throws(DiagnosticsError) in
      try Document.parseOverride(text)
    }
    return try ScenarioLoader.load(path: path, overrides: parsed)
  }

  /// Median and fastest wall time of `body`, seconds.
  private func measure(_ count: Int? = nil, _ body: () throws -> Void) throws -> (Double, Double) {
    try body()
    var times: [Double] = []
    for _ in 0..<(count ?? repeats) {
      let start = DispatchTime.now().uptimeNanoseconds
      try body()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    times.sort()
    return (times[times.count / 2], times[0])
  }

  /// Replaces the text between `<!-- engine:begin -->` and `<!-- engine:end -->` (appending the
  /// markers when missing), touching nothing else; written to a temporary file and renamed.
  private func replaceSection(in path: String, with body: String) throws {
    let begin = "<!-- engine:begin -->"
    let end = "<!-- engine:end -->"
    var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    let block = "\(begin)\n## Engine\n\n\(body)\n\(end)"
    if let b = text.range(of: begin), let e = text.range(of: end), b.lowerBound < e.lowerBound {
      text.replaceSubrange(b.lowerBound..<e.upperBound, with: block)
    } else {
      if !text.isEmpty && !text.hasSuffix("\n\n") { text += text.hasSuffix("\n") ? "\n" : "\n\n" }
      text += block + "\n"
    }
    let temporary = path + ".partial"
    try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
    guard rename(temporary, path) == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
    }
  }
}
