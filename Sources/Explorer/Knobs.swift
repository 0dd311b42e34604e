import LocatedYAML
import ScenarioFormat

/// One assumption the page offers as a slider: a numeric value of the scenario, its unit and the
/// range the scenario format allows (or, where the format leaves it open, a range around the
/// scenario's own value).
public struct Knob: Sendable, Equatable {
  /// The `--set` key path, e.g. `market.sigma`.
  public var path: String
  /// The scenario's value.
  public var value: Double
  /// The unit from the field spec (empty when dimensionless).
  public var unit: String
  /// The field spec's sentence.
  public var doc: String
  /// Slider bounds, in the field's unit.
  public var minimum: Double
  public var maximum: Double
  /// Whether the field takes integers only.
  public var integer: Bool
  /// Whether the bounds are the format's own (true) or chosen around the scenario's value (false).
  public var boundsFromSpec: Bool
}

/// Finds the field spec of a key path and the scenario's numeric values worth a slider.
public enum Knobs {
  /// Key paths offered first when the scenario has them (the assumptions with most effect on
  /// prices and compute); `*` stands for every id of a dictionary.
  public static let preferred = [
    "market.sigma", "market.availability", "randomness.demandNoise",
    "market.contracts.costOfCapital", "market.contracts.lifeYears",
    "market.contracts.meanReversionPerMonth", "market.investment.marginElasticity",
    "market.investment.capexHigh", "market.investment.choiceExponent",
    "chips.*.priceUSD", "chips.*.leadTimeMonths", "providers.*.powerUSDPerKWh",
  ]

  /// The spec of the field at `path` in a scenario file (nil for events, list items of tagged
  /// values and unknown keys).
  public static func spec(at path: KeyPath) -> FieldSpec? {
    var type = FieldType.object(ScenarioFields.top)
    var found: FieldSpec?
    for component in path.components {
      switch (type, component) {
      case (.object(let fields), .key(let key)):
        guard let field = fields[key] else { return nil }
        found = field
        type = field.type
      case (.dictionary(_, let valueType), .key):
        type = valueType
      case (.list(let itemType, _), .index):
        type = itemType
      default:
        return nil
      }
    }
    guard var spec = found else { return nil }
    spec.type = type
    return spec
  }

  /// A slider for the value at `path` in `document`, when it is a single number.
  public static func knob(at path: KeyPath, in document: DocumentNode) -> Knob? {
    guard let spec = spec(at: path), let node = node(at: path, in: document),
      case .scalar(let text, quoted: false) = node.value, let value = Double(text), value.isFinite
    else { return nil }
    switch spec.type {
    case .number(let rule), .timePath(let rule):
      let (low, high, fromSpec) = bounds(rule, around: value)
      return Knob(
        path: path.description, value: value, unit: spec.unit, doc: spec.doc, minimum: low,
        maximum: high, integer: false, boundsFromSpec: fromSpec)
    case .integer(let min, let max):
      let low = Double(min ?? 0)
      let open = Swift.max(low + 10, (value * 3).rounded())
      let high = max.map { Swift.min(Double($0), open) } ?? open
      return Knob(
        path: path.description, value: value, unit: spec.unit, doc: spec.doc, minimum: low,
        maximum: high, integer: true, boundsFromSpec: max.map { Double($0) <= open } ?? false)
    default:
      return nil
    }
  }

  /// The preferred knobs that `document` has, in the order of `preferred`.
  public static func preferred(in document: DocumentNode) -> [Knob] {
    var knobs: [Knob] = []
    for pattern in preferred {
      for path in expand(pattern, in: document) {
        if let knob = knob(at: path, in: document) { knobs.append(knob) }
      }
    }
    return knobs
  }

  /// Every key path of `document` that holds a single number, for typing a path by hand.
  public static func numericPaths(in document: DocumentNode, limit: Int = 2000) -> [String] {
    var paths: [String] = []
    func walk(_ node: DocumentNode) {
      guard paths.count < limit else { return }
      switch node.value {
      case .mapping(let entries):
        for entry in entries { walk(entry.node) }
      case .sequence(let items): items.forEach(walk)
      case .scalar(let text, quoted: false):
        if Double(text) != nil { paths.append(node.keyPath.description) }
      default: break
      }
    }
    walk(document)
    return paths
  }

  private static func expand(_ pattern: String, in document: DocumentNode) -> [KeyPath] {
    var paths = [KeyPath.root]
    for part in pattern.split(separator: ".").map(String.init) {
      paths = paths.flatMap { path -> [KeyPath] in
        guard part == "*" else { return [path.appending(part)] }
        guard let node = node(at: path, in: document), case .mapping(let entries) = node.value
        else { return [] }
        return entries.map { path.appending($0.key) }
      }
    }
    return paths
  }

  static func node(at path: KeyPath, in document: DocumentNode) -> DocumentNode? {
    var node = document
    for component in path.components {
      switch (component, node.value) {
      case (.key(let key), .mapping):
        guard let next = node[key] else { return nil }
        node = next
      case (.index(let index), .sequence(let items)):
        guard items.indices.contains(index) else { return nil }
        node = items[index]
      default:
        return nil
      }
    }
    return node
  }

  private static func bounds(_ rule: NumberRule, around value: Double) -> (Double, Double, Bool) {
    let open = value > 0 ? value * 3 : (value < 0 ? -value : 1)
    switch rule {
    case .range(let range): return (range.lowerBound, range.upperBound, true)
    case .fraction: return (0, 1, true)
    case .atLeast(let bound): return (bound, Swift.max(open, bound + 1), false)
    case .nonNegative, .positive: return (0, open, false)
    case .finite: return (Swift.min(value * 3, -open), open, false)
    }
  }
}
