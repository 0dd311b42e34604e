import Experiments
import Foundation
import LocatedYAML
import ScenarioFormat
import Simulation

/// A scenario file as an `ExperimentModel`: each point sets the swept key paths in the scenario
/// (as `--set` would), decodes it and plays it with the engine.
///
/// The file and its `extends` chain are read once and the unmodified scenario is decoded once.
/// A point is decoded once, not once per replicate: replicates of a point run from the same
/// decoded scenario (kept in a small cache shared by the worker threads).
public struct ScenarioModel: ExperimentModel {
  /// The resolved document (extends merged, command-line overrides applied).
  public let document: DocumentNode
  /// The scenario without sweep parameters.
  public let base: Scenario
  /// Whether runs report the monthly series (spot price per chip, compute per buyer).
  public let includeSeries: Bool
  private let points = DecodedPoints(capacity: 64)

  /// Reads the scenario at `path`; `overrides` are fixed `--set` values applied before each run's
  /// own parameters. Invalid files throw the loader's diagnostics.
  public init(path: String, overrides: [(KeyPath, String)] = [], includeSeries: Bool = true) throws
  {
    self.document = try Document.load(path: path, overrides: overrides)
    // Fail now, not in every run, when the unmodified scenario is invalid.
    base = try ScenarioDecoder.decode(document)
    self.includeSeries = includeSeries
  }

  /// Refuses a key path that the scenario does not have: setting it makes the decoder report an
  /// unknown key, or a missing required key of an entity that the path would create.
  public func checkParameters(_ keyPaths: [String]) throws {
    for text in keyPaths {
      guard let keyPath = KeyPath(parsing: text) else { throw ScenarioModelError.badKeyPath(text) }
      let edited: DocumentNode
      do {
        edited = try document.applying([(keyPath, "1")])
      } catch {
        throw ScenarioModelError.unknownParameter(text, error.description)
      }
      do {
        _ = try ScenarioDecoder.decode(edited)
      } catch {
        let structural = error.diagnostics.first { diagnostic in
          let at = diagnostic.keyPath.components
          let isOnPath =
            at.count <= keyPath.components.count
            && Array(keyPath.components.prefix(at.count)) == at
          return isOnPath
            && (diagnostic.message.hasPrefix("unknown key")
              || diagnostic.message.hasPrefix("missing required key"))
        }
        if let structural {
          throw ScenarioModelError.unknownParameter(text, structural.description)
        }
      }
    }
  }

  public func run(_ assignments: [ParameterAssignment], seed: UInt64) throws -> RunOutcome {
    let result = try Engine.run(try scenario(at: assignments), seed: seed)
    return Self.outcome(result, includeSeries: includeSeries)
  }

  /// The scenario with `assignments` applied: `base` without parameters, else decoded once per
  /// point (a failed decode is kept too, so every replicate reports the same error).
  public func scenario(at assignments: [ParameterAssignment]) throws -> Scenario {
    if assignments.isEmpty { return base }
    if let set = Self.typedSetting(assignments, base) { return set }
    if let known = points.value(for: assignments) { return try known.get() }
    let decoded = Result { try decode(assignments) }
    points.store(decoded, for: assignments)
    return try decoded.get()
  }

  /// Checks a design point before any run starts: every key path must name a value of this
  /// scenario and the values must decode. Throws the decoder's diagnostics (file, key path,
  /// "did you mean"), so a misspelt `--vary` key stops the sweep instead of failing every run.
  public func check(_ assignments: [ParameterAssignment]) throws {
    _ = try decode(assignments)
  }

  /// The typed setters: when every parameter is one of the market's number fields
  /// (`market.sigma`, `market.availability`, ...) or a named buyer's affinity to a provider of the
  /// scenario (`buyers.anthropic.affinity.amazon`), and every value passes that field's rule in
  /// `ScenarioFields` (the rule the decoder applies), the values are set on the decoded scenario
  /// directly. `nil` otherwise, and the point is decoded (which reports any error).
  static func typedSetting(_ assignments: [ParameterAssignment], _ base: Scenario) -> Scenario? {
    var scenario = base
    for assignment in assignments {
      let parts = assignment.keyPath.split(separator: ".", omittingEmptySubsequences: false)
        .map(String.init)
      if parts.count == 2, parts[0] == "market", let field = marketField(parts[1]),
        ScenarioFields.market[parts[1]]?.numberRule?.accepts(assignment.value) == true
      {
        scenario.market[keyPath: field] = assignment.value
      } else if parts.count == 4, parts[0] == "buyers", parts[2] == "affinity",
        let b = scenario.buyers.firstIndex(where: { $0.id == parts[1] }),
        scenario.providers.contains(where: { $0.id == parts[3] }),
        ScenarioFields.buyer["affinity"]?.numberRule?.accepts(assignment.value) == true
      {
        scenario.buyers[b].affinity[parts[3]] = assignment.value
      } else {
        return nil
      }
    }
    return scenario
  }

  /// The market's number fields by name (their rules are in `ScenarioFields.market`).
  private static func marketField(_ name: String) -> WritableKeyPath<MarketSettings, Double>? {
    switch name {
    case "sigma": \.sigma
    case "tolerance": \.tolerance
    case "hoursPerMonth": \.hoursPerMonth
    case "availability": \.availability
    default: nil
    }
  }

  private func decode(_ assignments: [ParameterAssignment]) throws -> Scenario {
    var overrides: [(KeyPath, String)] = []
    for assignment in assignments {
      guard let keyPath = KeyPath(parsing: assignment.keyPath) else {
        throw ScenarioModelError.badKeyPath(assignment.keyPath)
      }
      overrides.append((keyPath, "\(assignment.value)"))
    }
    return try ScenarioDecoder.decode(try document.applying(overrides))
  }

  /// The sweep's view of a run: the standard summary (`result.summary`, which the engine
  /// computed once; not recomputed here), and the monthly spot price per chip (`price.CHIP`,
  /// $/GPU-hour) and compute per named buyer (`compute.BUYER`, H100e GPU-hours).
  public static func outcome(_ result: RunResult, includeSeries: Bool) -> RunOutcome {
    guard includeSeries else { return RunOutcome(summary: result.summary) }
    var series: [(name: String, values: [Double])] = []
    for chip in result.chipIds {
      if let prices = result.spotPrice[chip] { series.append(("price.\(chip)", prices)) }
    }
    for buyer in result.buyerIds.prefix(result.namedBuyerCount) {
      if let compute = result.compute[buyer] { series.append(("compute.\(buyer)", compute)) }
    }
    return RunOutcome(summary: result.summary, months: result.months, series: series)
  }
}

/// Why a sweep parameter could not be applied.
public enum ScenarioModelError: Error, CustomStringConvertible {
  case badKeyPath(String)
  /// A swept key path the scenario does not have, with the decoder's diagnostic.
  case unknownParameter(String, String)

  public var description: String {
    switch self {
    case .unknownParameter(let text, let diagnostic):
      "cannot vary '\(text)': the scenario has no such value (\(diagnostic))"
    case .badKeyPath(let text):
      "'\(text)' is not a key path (expected e.g. market.sigma or buyers.anthropic.affinity.amazon)"
    }
  }
}

/// The most recently decoded points, shared by worker threads. Replicates of a point run close
/// together (run ids are point-major), so a few dozen entries keep every point decoded once.
private final class DecodedPoints: @unchecked Sendable {
  private let capacity: Int
  private var entries: [[ParameterAssignment]: Result<Scenario, any Error>] = [:]
  private var order: [[ParameterAssignment]] = []
  private let lock = NSLock()

  init(capacity: Int) { self.capacity = capacity }

  func value(for key: [ParameterAssignment]) -> Result<Scenario, any Error>? {
    lock.lock()
    defer { lock.unlock() }
    return entries[key]
  }

  func store(_ value: Result<Scenario, any Error>, for key: [ParameterAssignment]) {
    lock.lock()
    defer { lock.unlock() }
    guard entries.updateValue(value, forKey: key) == nil else { return }
    order.append(key)
    if order.count > capacity { entries[order.removeFirst()] = nil }
  }
}
