import Foundation
import LocatedYAML
import ScenarioFormat
import Simulation

/// `GET /api/scenario`: the scenario, its sliders and every numeric key path.
struct ScenarioBody: Encodable {
  struct KnobBody: Encodable {
    var path: String
    var value: Double
    var unit: String
    var doc: String
    var min: Double
    var max: Double
    var step: Double
    var integer: Bool
    var boundsFromSpec: Bool
  }

  var name: String
  var source: String
  var path: String
  var seed: UInt64
  var start: String
  var months: Int
  var knobs: [KnobBody]
  var paths: [String]
  var chips: [String]
  var tco: TCOBody.Defaults

  init(_ model: ExplorerModel) {
    name = model.scenario.name
    source = model.scenarioSource
    path = model.scenarioPath
    seed = model.scenario.defaultSeed
    start = model.baseline.months.first ?? ""
    months = model.baseline.months.count
    knobs = model.knobs.map { knob in
      KnobBody(
        path: knob.path, value: knob.value, unit: knob.unit, doc: knob.doc, min: knob.minimum,
        max: knob.maximum, step: knob.integer ? 1 : Self.step(knob.maximum - knob.minimum),
        integer: knob.integer, boundsFromSpec: knob.boundsFromSpec)
    }
    paths = Knobs.numericPaths(in: model.document)
    chips = model.scenario.chips.map(\.id)
    tco = TCOBody.Defaults(model)
  }

  /// A round step giving about 200 positions over `span`.
  static func step(_ span: Double) -> Double {
    guard span > 0, span.isFinite else { return 0.01 }
    return pow(10, (log10(span / 200)).rounded(.down))
  }
}

/// One named outcome of the what-if next to the unmodified scenario's.
struct Figure: Encodable {
  var name: String
  var value: Double?
  var baseline: Double?
  var difference: Double?
  var relative: Double?

  init(name: String, value: Double?, baseline: Double?) {
    self.name = name
    self.value = value.finite
    self.baseline = baseline.finite
    if let value = self.value, let baseline = self.baseline {
      difference = value - baseline
      relative = baseline != 0 ? (value - baseline) / abs(baseline) : nil
    }
  }
}

extension Optional where Wrapped == Double {
  /// nil for NaN and infinities, which JSON cannot hold.
  var finite: Double? { flatMap { $0.isFinite ? $0 : nil } }
}

/// `POST /api/run`: the what-if's headline figures and largest changes, its charts, and the two
/// ways to keep it (a scenario file and a command line).
struct RunBody: Encodable {
  var scenario: String
  var overrides: [String]
  var seed: UInt64
  var months: Int
  /// Request to response inside the server (checking, running, drawing), milliseconds.
  var milliseconds: Double
  var headline: [Figure]
  var changes: [Figure]
  var charts: [RunCharts.Chart]
  var command: String
  var scenarioFile: String
  var warnings: [String]
  var fan: String

  /// How many changes are listed.
  static let changeCount = 15
  /// Smallest magnitude (in the figure's unit) a figure needs to be listed among the changes.
  static let materialSize = 1e-3

  init(
    model: ExplorerModel, result: RunResult, scenario: Scenario, document: DocumentNode,
    overrides: [String], seed: UInt64?, milliseconds: Double
  ) {
    let base = Dictionary(model.baseline.summary.map { ($0.name, $0.value) }) { a, _ in a }
    let mine = Dictionary(result.summary.map { ($0.name, $0.value) }) { a, _ in a }
    self.scenario = scenario.name
    self.overrides = overrides
    self.seed = result.seed
    months = result.months.count
    headline = Self.headlineNames(result, scenario).map {
      Figure(name: $0, value: mine[$0], baseline: base[$0])
    }
    changes = Array(
      result.summary.map { Figure(name: $0.name, value: $0.value, baseline: base[$0.name]) }
        .filter { figure in
          // Figures near zero in both runs (idle hours of 1e-12) would top any relative list.
          let size = max(abs(figure.value ?? 0), abs(figure.baseline ?? 0))
          return (figure.relative ?? 0) != 0 && size >= Self.materialSize
        }
        .sorted { abs($0.relative!) > abs($1.relative!) }
        .prefix(Self.changeCount))
    charts = RunCharts.charts(result, against: model.baseline)
    command = WhatIfText.commandLine(source: model.scenarioSource, overrides: overrides, seed: seed)
    scenarioFile = WhatIfText.scenarioFile(
      basePath: URL(fileURLWithPath: model.scenarioPath).standardizedFileURL.path,
      name: model.scenario.name, source: model.scenarioSource, overrides: overrides,
      modified: document)
    let unconverged = result.unconvergedMonths
    warnings =
      unconverged.isEmpty
      ? []
      : [
        "the spot market did not clear to the tolerance in \(unconverged.count) month(s): "
          + unconverged.prefix(6).joined(separator: ", ")
      ]
    fan =
      "One run at one seed: fan charts over replicates are not drawn here (use gpumarket compare "
      + "--replicates K for bands)."
    self.milliseconds = milliseconds
  }

  /// The reference chip's yearly spot price, the last year's HHI and the three largest buyers'
  /// shares in the last year.
  static func headlineNames(_ result: RunResult, _ scenario: Scenario) -> [String] {
    let chip =
      scenario.market.referenceChip.flatMap { result.chipIds.contains($0) ? $0 : nil }
      ?? result.chipIds.first ?? ""
    let years = result.years
    let last = years.last ?? ""
    var names = years.map { "price.\(chip).\($0)" }
    names.append("hhi.\(last)")
    let buyers = Array(result.buyerIds[0..<result.namedBuyerCount])
    let largest = buyers.sorted {
      (result.compute[$0]?.reduce(0, +) ?? 0) > (result.compute[$1]?.reduce(0, +) ?? 0)
    }.prefix(3)
    names += largest.map { "share.\($0).\(last)" }
    return names
  }
}
