import Experiments
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
  /// Most replicates a run or TCO request may ask for.
  var maxReplicates: Int

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
    maxReplicates = model.limits.maxReplicates
  }

  /// A round step giving about 200 positions over `span`.
  static func step(_ span: Double) -> Double {
    guard span > 0, span.isFinite else { return 0.01 }
    return pow(10, (log10(span / 200)).rounded(.down))
  }
}

/// One named outcome of the what-if next to the unmodified scenario's: with replicates, the
/// means over them and the paired difference's 95% interval (``PairedDifference``).
struct Figure: Encodable {
  var name: String
  var value: Double?
  var baseline: Double?
  var difference: Double?
  var relative: Double?
  /// The 95% interval of the mean paired difference; nil with one replicate.
  var differenceLow: Double?
  var differenceHigh: Double?

  init(name: String, value: Double?, baseline: Double?) {
    self.name = name
    self.value = value.finite
    self.baseline = baseline.finite
    if let value = self.value, let baseline = self.baseline {
      difference = value - baseline
      relative = baseline != 0 ? (value - baseline) / abs(baseline) : nil
    }
  }

  /// Replicate k of `values` paired with replicate k of `baselines` (missing: NaN).
  init(name: String, values: [Double], baselines: [Double]) {
    guard values.count > 1 else {
      self.init(name: name, value: values.first, baseline: baselines.first)
      return
    }
    self.init(
      name: name, value: SampleStatistics(values.filter(\.isFinite)).mean,
      baseline: SampleStatistics(baselines.filter(\.isFinite)).mean)
    let paired = PairedDifference(from: baselines, to: values)
    if paired.count > 0, let baseline = self.baseline {
      difference = Optional(paired.difference).finite
      relative = baseline != 0 ? difference.map { $0 / abs(baseline) } : nil
    }
    differenceLow = paired.interval.map(\.lowerBound)
    differenceHigh = paired.interval.map(\.upperBound)
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
  /// The seed of each replicate run (one: the run's own).
  var seeds: [UInt64]
  var months: Int
  /// Request to response inside the server (checking, running, drawing), milliseconds.
  var milliseconds: Double
  var headline: [Figure]
  var changes: [Figure]
  var charts: [RunCharts.Chart]
  var command: String
  /// With replicates: the `gpumarket compare` line that makes the same replicate runs, the
  /// what-if saved as `scenarioFileName`; nil for one run.
  var compareCommand: String?
  var scenarioFile: String
  var scenarioFileName: String
  var warnings: [String]
  var fan: String

  /// How many changes are listed.
  static let changeCount = 15
  /// Smallest magnitude (in the figure's unit) a figure needs to be listed among the changes.
  static let materialSize = 1e-3

  init(
    model: ExplorerModel, replicates: ExplorerModel.Replicates, overrides: [String],
    seed: UInt64?, requested: Int, milliseconds: Double
  ) {
    let result = replicates.runs[0]
    let scenario = replicates.scenario
    let mine = Self.byName(replicates.runs)
    let base = Self.byName(replicates.baselines)
    let missing = [Double](repeating: .nan, count: replicates.runs.count)
    func figure(_ name: String) -> Figure {
      Figure(name: name, values: mine[name] ?? missing, baselines: base[name] ?? missing)
    }
    self.scenario = scenario.name
    self.overrides = overrides
    self.seed = result.seed
    seeds = replicates.seeds
    months = result.months.count
    headline = Self.headlineNames(result, scenario).map(figure)
    changes = Array(
      result.summary.map { figure($0.name) }
        .filter { figure in
          // Figures near zero in both runs (idle hours of 1e-12) would top any relative list.
          let size = max(abs(figure.value ?? 0), abs(figure.baseline ?? 0))
          return (figure.relative ?? 0) != 0 && size >= Self.materialSize
        }
        .sorted { abs($0.relative!) > abs($1.relative!) }
        .prefix(Self.changeCount))
    charts = RunCharts.charts(replicates.runs, against: replicates.baselines)
    command = WhatIfText.commandLine(source: model.scenarioSource, overrides: overrides, seed: seed)
    scenarioFileName = WhatIfText.fileName(scenarioName: model.scenario.name)
    compareCommand =
      replicates.seeds.count > 1
      ? WhatIfText.compareCommandLine(
        source: model.scenarioSource, whatIfFile: scenarioFileName,
        replicates: replicates.seeds.count, seed: seed)
      : nil
    scenarioFile = WhatIfText.scenarioFile(
      basePath: URL(fileURLWithPath: model.scenarioPath).standardizedFileURL.path,
      name: model.scenario.name, source: model.scenarioSource, overrides: overrides,
      modified: replicates.document)
    let unconverged = Set(replicates.runs.flatMap(\.unconvergedMonths)).sorted()
    warnings =
      unconverged.isEmpty
      ? []
      : [
        "the spot market did not clear to the tolerance in \(unconverged.count) month(s): "
          + unconverged.prefix(6).joined(separator: ", ")
      ]
    fan = Self.fanText(replicates, requested: requested)
    self.milliseconds = milliseconds
  }

  /// Each summary name's values over the replicates, NaN where a replicate lacks it.
  static func byName(_ runs: [RunResult]) -> [String: [Double]] {
    var values: [String: [Double]] = [:]
    for (k, run) in runs.enumerated() {
      for figure in run.summary where values[figure.name]?[k].isNaN ?? true {
        values[figure.name, default: Array(repeating: .nan, count: runs.count)][k] = figure.value
      }
    }
    return values
  }

  /// What the charts and figures are over, in a sentence.
  static func fanText(_ replicates: ExplorerModel.Replicates, requested: Int) -> String {
    let count = replicates.runs.count
    if count > 1 {
      return "Fan charts over \(count) replicates (seeds derived from the run's seed as "
        + "gpumarket compare derives them): the median with its 50% and 90% bands; "
        + "differences are paired, replicate k of the what-if minus replicate k of the scenario "
        + "at the same seed. Figures are means over the replicates; the difference carries its "
        + "95% interval."
    }
    if requested > 1 {
      return "Neither scenario draws random numbers (randomness.demandNoise is 0 and there are no "
        + "supply shocks), so every replicate is the same run: one is shown. Set "
        + "randomness.demandNoise above 0 for fan charts."
    }
    return replicates.drawsRandomNumbers
      ? "One run at one seed. Ask for replicates (the field beside Reset) for fan charts."
      : "One run at one seed; the scenario draws no random numbers (set randomness.demandNoise "
        + "above 0, then ask for replicates, for fan charts)."
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
