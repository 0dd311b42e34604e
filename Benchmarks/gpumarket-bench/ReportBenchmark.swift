import Experiments
import Foundation
import Reports
import ScenarioExperiments

/// `gpumarket-bench report [--db PATH] [--repeats N] [--results FILE]`: seconds to make a report
/// of a 1,152-run sweep database with monthly series in each format (read the database, build
/// the document, render it), best of `repeats`. Without --db it first runs the sweep of
/// scripts/make-results (a Saltelli design, N = 128, over seven assumptions of the baseline)
/// with --series into a temporary database. Writes the section between `<!-- report:begin -->`
/// and `<!-- report:end -->` of Benchmarks/RESULTS.md.
enum ReportBenchmark {
  static let begin = "<!-- report:begin -->"
  static let end = "<!-- report:end -->"

  static func main(_ arguments: [String]) throws {
    var database: String?
    var repeats = 3
    var results = "Benchmarks/RESULTS.md"
    var index = 0
    while index < arguments.count {
      let value = index + 1 < arguments.count ? arguments[index + 1] : ""
      switch arguments[index] {
      case "--db": database = value
      case "--repeats": repeats = max(1, Int(value) ?? repeats)
      case "--results": results = value
      default:
        FileHandle.standardError.write(Data("unknown option \(arguments[index])\n".utf8))
        exit(64)
      }
      index += 2
    }
    let path = try database ?? makeDatabase()
    let source = try SweepDatabase(path: path)
    let runs = try source.runCounts()
    let loadBefore = Machine.loadAverage()
    var rows: [String] = []
    for format in ReportFormat.allCases {
      var best = Double.infinity
      var bestCPU = Double.infinity
      var bytes = 0
      for _ in 0..<repeats {
        let cpu = processCPUSeconds()
        let start = ContinuousClock.now
        let document = try SweepReportSource(path: path).makeDocument()
        let rendered = document.render(format, stem: "report")
        let elapsed = start.duration(to: .now)
        bestCPU = min(bestCPU, processCPUSeconds() - cpu)
        best = min(
          best,
          Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        bytes =
          rendered.main.utf8.count + rendered.companions.reduce(0) { $0 + $1.contents.utf8.count }
      }
      rows.append(
        "| \(format.rawValue) | \(String(format: "%.3f", best)) | \(String(format: "%.3f", bestCPU)) "
          + "| \(String(format: "%.0f", Double(bytes) / 1024)) |"
      )
      FileHandle.standardError.write(Data("\(format.rawValue): \(best) s, CPU \(bestCPU) s\n".utf8))
    }
    let machine = Machine.current()
    let section = """
      \(begin)
      ## Reports

      ### Report time per format (`gpumarket-bench report`)

      A sweep database of \(runs.ok + runs.failed) runs with monthly series (\(source.plan.design.rawValue), \
      \(source.plan.parameters.count) parameters): the sweep of scripts/make-results run with --series. \
      Each figure is the best of \(repeats) of: open the database, build the report, render it \
      (in memory: the LaTeX figures' conversion to PDF, which the command does, is not counted); \
      wall seconds, and CPU seconds of the process, which other work on the machine inflates \
      less. \(machine.cpu), \(machine.cores) cores, \(machine.buildMode) build; load average \
      \(loadBefore) at start, \(Machine.loadAverage()) at end. Target: under 1 s per format.

      | format | seconds | CPU seconds | output KiB |
      |---|---:|---:|---:|
      \(rows.joined(separator: "\n"))
      \(end)
      """
    let url = URL(fileURLWithPath: results)
    var text = (try? String(contentsOf: url, encoding: .utf8)) ?? "# Benchmark results\n"
    if let start = text.range(of: begin), let stop = text.range(of: end),
      start.lowerBound < stop.upperBound
    {
      text.replaceSubrange(start.lowerBound..<stop.upperBound, with: section)
    } else {
      text += (text.hasSuffix("\n") ? "\n" : "\n\n") + section + "\n"
    }
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  /// CPU time of this process so far (all threads), in seconds.
  static func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }

  /// The make-results sweep with series, into a temporary database; returns its path.
  static func makeDatabase() throws -> String {
    let vary = [
      "market.sigma=4..12", "market.availability=0.85..0.99",
      "vendors.nvidia.inputShare.cowos=0.45..0.75",
      "inputs.cowos.unitsPerMonth.2026-12=90000..130000",
      "buyers.anthropic.budgetUSDPerMonth.2026-04=1.5e9..6e9",
      "buyers.anthropic.affinity.amazon=1.0..2.0",
      "contracts.anthropic-colossus-2026.gpus.h100=0..300000",
    ]
    let scenario = "scenarios/baseline-2026.yaml"
    let plan = SweepPlan(
      scenario: scenario, design: .sobol, parameters: try vary.map { try VarySyntax.parse($0) },
      samples: 128, replicates: 1, seed: 1, recordSeries: true)
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("gpumarket-bench-report-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("sweep.sqlite").path
    try? FileManager.default.removeItem(atPath: path)
    FileHandle.standardError.write(Data("sweeping into \(path)\n".utf8))
    _ = try SweepRunner(
      design: try SweepDesign(plan: plan), model: try ScenarioModel(path: scenario),
      databasePath: path, jobs: ProcessInfo.processInfo.activeProcessorCount
    ).run()
    return path
  }
}
