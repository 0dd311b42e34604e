import Foundation
import ScenarioFormat
import Simulation
import Testing

/// Runs the bundled baseline and holds it to the bands of `docs/calibration.md`.
///
/// The table between the `calibration:begin` and `calibration:end` markers is the single source
/// of the targets: each row names a metric (see `RunResult.metric`), a band and a status. Rows
/// marked `met` must stay inside their band; rows marked `not met` are documented misses.
/// Set `CALIBRATION_PRINT=1` to print the rows with the simulated values filled in.
@Suite struct CalibrationTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  struct Target {
    var cells: [String]
    var key: String { cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
    var target: Double { Double(cells[1])! }
    var low: Double { Double(cells[2])! }
    var high: Double { Double(cells[3])! }
    var met: Bool { cells[7] == "met" }
  }

  static func targets() throws -> [Target] {
    let text = try String(
      contentsOf: root.appendingPathComponent("docs/calibration.md"), encoding: .utf8)
    guard let begin = text.range(of: "<!-- calibration:begin -->"),
      let end = text.range(of: "<!-- calibration:end -->")
    else { return [] }
    return text[begin.upperBound..<end.lowerBound].split(separator: "\n")
      .filter { $0.hasPrefix("| `") }
      .map { line in
        Target(
          cells: line.split(separator: "|", omittingEmptySubsequences: false).dropFirst()
            .dropLast().map { $0.trimmingCharacters(in: .whitespaces) })
      }
  }

  @Test func baselineStaysInsideTheDocumentedBands() throws {
    let targets = try Self.targets()
    #expect(targets.count >= 15)
    let scenario = try ScenarioLoader.load(
      path: Self.root.appendingPathComponent("scenarios/baseline-2026.yaml").path)
    let result = try Engine.run(scenario, seed: scenario.defaultSeed)
    var printed: [String] = []
    for target in targets {
      let value = result.metric(target.key)
      #expect(value != nil, "\(target.key): unknown metric")
      guard let value else { continue }
      #expect(target.low <= target.target && target.target <= target.high, "\(target.key): band")
      if target.met {
        #expect(
          target.low <= value && value <= target.high,
          "\(target.key): simulated \(value) outside [\(target.low), \(target.high)]")
      }
      var cells = target.cells
      cells[5] = Self.format(value)
      cells[6] = String(format: "%+.0f%%", 100 * (value - target.target) / target.target)
      let inside = target.low <= value && value <= target.high
      cells[7] = inside ? "met" : "not met"
      printed.append("| " + cells.joined(separator: " | ") + " |")
    }
    if ProcessInfo.processInfo.environment["CALIBRATION_PRINT"] != nil {
      print(printed.joined(separator: "\n"))
    }
  }

  static func format(_ x: Double) -> String {
    if abs(x) >= 1e5 {
      let exponent = Int((log10(abs(x))).rounded(.down))
      return String(format: "%.3g", x / pow(10, Double(exponent))) + "e\(exponent)"
    }
    return String(format: "%.2f", x)
  }
}
