import Foundation
import Yams

/// Reads a sweep file (YAML, documented in docs/sweeps.md) into a ``SweepPlan``.
///
///     scenario: scenarios/baseline-2026.yaml   # relative to this file; or builtin:NAME
///     design: lhs                              # grid | random | lhs | sobol (default grid)
///     samples: 256                             # random, lhs: points; sobol: base samples N
///     replicates: 3                            # default 1
///     seed: 42                                 # default 1
///     series: true                             # store monthly series (default false)
///     vary:
///       market.sigma: 1.5..4.0:6               # text form, as on the command line
///       buyers.anthropic.affinity.amazon: [1, 1.5, 2]
///       inputs.cowos.unitsPerMonth.2026-12: { low: 90000, high: 130000, count: 5 }
///
/// Errors name the file, line, column and key path, and say what was expected.
public enum SweepFile {
  public static func load(path: String) throws(SweepFileError) -> SweepPlan {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw SweepFileError(
        file: path, line: nil, column: nil, keyPath: "",
        message: "cannot read file: \(error.localizedDescription)")
    }
    return try parse(text, file: path)
  }

  public static func parse(_ text: String, file: String) throws(SweepFileError) -> SweepPlan {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw SweepFileError(
        file: file, line: nil, column: nil, keyPath: "", message: "not valid YAML: \(error)")
    } catch {
      throw SweepFileError(
        file: file, line: nil, column: nil, keyPath: "", message: "not valid YAML: \(error)")
    }
    let reader = Reader(file: file)
    guard let root, let mapping = root.mapping else {
      throw reader.error(root, "", "a mapping with keys scenario, design, vary, ...")
    }
    var scenario: String?
    var design = DesignKind.grid
    var samples = 64
    var replicates = 1
    var seed: UInt64 = 1
    var series = false
    var parameters: [ParameterSpec] = []
    for (keyNode, value) in mapping {
      let key = keyNode.string ?? ""
      switch key {
      case "scenario":
        guard let text = value.scalar?.string, !text.isEmpty else {
          throw reader.error(value, key, "a scenario path or builtin:NAME")
        }
        scenario = text
      case "design":
        guard let text = value.scalar?.string, let kind = DesignKind(rawValue: text) else {
          throw reader.error(value, key, "one of grid, random, lhs, sobol")
        }
        design = kind
      case "samples":
        samples = try reader.positiveInt(value, key)
      case "replicates":
        replicates = try reader.positiveInt(value, key)
      case "seed":
        guard let text = value.scalar?.string, let number = UInt64(text) else {
          throw reader.error(value, key, "a non-negative integer below 2^64")
        }
        seed = number
      case "series":
        guard let flag = value.scalar.flatMap({ Bool.construct(from: $0) }) else {
          throw reader.error(value, key, "true or false")
        }
        series = flag
      case "vary":
        guard let entries = value.mapping, !entries.isEmpty else {
          throw reader.error(value, key, "a mapping from parameter key paths to values or ranges")
        }
        for (parameterNode, domain) in entries {
          let parameter = parameterNode.string ?? ""
          parameters.append(try reader.parameter(parameter, domain))
        }
      default:
        throw reader.error(
          keyNode, key, "one of scenario, design, samples, replicates, seed, series, vary")
      }
    }
    guard let scenario else {
      throw reader.error(root, "scenario", "a scenario path (the key is missing)")
    }
    guard !parameters.isEmpty else {
      throw reader.error(root, "vary", "at least one parameter (the key is missing)")
    }
    var resolved = scenario
    if !scenario.hasPrefix(BuiltinModels.prefix) && !scenario.hasPrefix("/") {
      let directory = (file as NSString).deletingLastPathComponent
      if !directory.isEmpty { resolved = (directory as NSString).appendingPathComponent(scenario) }
    }
    let plan = SweepPlan(
      scenario: resolved, design: design, parameters: parameters, samples: samples,
      replicates: replicates, seed: seed, recordSeries: series)
    do {
      _ = try SweepDesign(plan: plan)
    } catch {
      throw reader.error(mapping["vary"] ?? root, "vary", "a valid design: \(error)")
    }
    return plan
  }

  struct Reader {
    let file: String

    func error(_ node: Node?, _ keyPath: String, _ expected: String) -> SweepFileError {
      SweepFileError(
        file: file, line: node?.mark?.line, column: node?.mark?.column, keyPath: keyPath,
        message: "expected \(expected)" + (node?.scalar.map { ", found '\($0.string)'" } ?? ""))
    }

    func positiveInt(_ node: Node, _ key: String) throws(SweepFileError) -> Int {
      guard let text = node.scalar?.string, let value = Int(text), value >= 1 else {
        throw error(node, key, "a positive integer")
      }
      return value
    }

    func number(_ node: Node?, _ keyPath: String) throws(SweepFileError) -> Double {
      guard let text = node?.scalar?.string, let value = Double(text), value.isFinite else {
        throw error(node, keyPath, "a finite number")
      }
      return value
    }

    func parameter(_ name: String, _ node: Node) throws(SweepFileError) -> ParameterSpec {
      let keyPath = "vary.\(name)"
      switch node {
      case .scalar(let scalar):
        do {
          return try VarySyntax.parse("\(name)=\(scalar.string)")
        } catch {
          throw self.error(node, keyPath, "V1,V2,... or LOW..HIGH[:COUNT]")
        }
      case .sequence(let sequence):
        var values: [Double] = []
        for (index, item) in sequence.enumerated() {
          values.append(try number(item, "\(keyPath)[\(index)]"))
        }
        return ParameterSpec(keyPath: name, domain: .values(values))
      case .mapping(let mapping):
        for (key, _) in mapping where !["low", "high", "count"].contains(key.string ?? "") {
          throw error(key, "\(keyPath).\(key.string ?? "")", "one of low, high, count")
        }
        let low = try number(mapping["low"], "\(keyPath).low")
        let high = try number(mapping["high"], "\(keyPath).high")
        var count: Int?
        if let countNode = mapping["count"] {
          count = try positiveInt(countNode, "\(keyPath).count")
        }
        return ParameterSpec(keyPath: name, domain: .range(lower: low, upper: high, count: count))
      case .alias:
        throw error(node, keyPath, "a list, a range text or a {low, high, count} mapping")
      }
    }
  }
}

/// A problem in a sweep file, located by file, line, column and key path.
public struct SweepFileError: Error, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var column: Int?
  public var keyPath: String
  public var message: String

  public var description: String {
    var location = file
    if let line { location += ":\(line)" }
    if let column { location += ":\(column)" }
    let key = keyPath.isEmpty ? "" : " \(keyPath):"
    return "\(location):\(key) \(message)"
  }
}
