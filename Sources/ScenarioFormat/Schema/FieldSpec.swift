import LocatedYAML

/// A declarative description of a file format: every field with its type, unit, default and meaning.
///
/// One description feeds the decoder's list of allowed keys, the JSON Schema (`gpumarket schema`) and the
/// reference documentation, so the three cannot disagree.
public struct FieldSpec: Sendable {
  public var name: String
  public var type: FieldType
  public var required: Bool
  /// The default, as written in a file; in parentheses, what absence means (`(every chip)`); nil
  /// when required.
  public var defaultValue: String?
  /// The unit, e.g. "$ per GPU-hour" (empty when dimensionless).
  public var unit: String
  /// One or two sentences for the reference.
  public var doc: String
  /// An example value as written in YAML.
  public var example: String?

  public init(
    _ name: String, _ type: FieldType, required: Bool = false, default defaultValue: String? = nil,
    unit: String = "", doc: String, example: String? = nil
  ) {
    self.name = name
    self.type = type
    self.required = required
    self.defaultValue = defaultValue
    self.unit = unit
    self.doc = doc
    self.example = example
  }
}

/// The type of a field's value.
public indirect enum FieldType: Sendable {
  /// A number satisfying the rule.
  case number(NumberRule)
  /// An integer within optional bounds.
  case integer(min: Int?, max: Int?)
  case string
  case boolean
  /// A month, `YYYY-MM`.
  case month
  /// One of a fixed set of words.
  case choice([String])
  /// A mapping with fixed keys.
  case object([FieldSpec])
  /// A mapping from ids (`idName`) to values of one type; `null` deletes an inherited entry.
  case dictionary(idName: String, FieldType)
  /// A list.
  case list(FieldType, minItems: Int)
  /// A value that changes over time: either a constant or a mapping from `YYYY-MM` to values, linearly
  /// interpolated between months and held flat outside them.
  case timePath(NumberRule)
  /// Any one of several shapes, told apart by a `kind` key (e.g. events).
  case tagged(tagKey: String, variants: [(tag: String, doc: String, fields: [FieldSpec])])

  /// The field names of an object (empty for other types).
  public var keys: [String] {
    if case .object(let fields) = self { return fields.map(\.name) }
    return []
  }
}

extension Array where Element == FieldSpec {
  /// The names, for `DocumentNode.mapping(_:allowedKeys:)`.
  public var names: [String] { map(\.name) }

  /// The field called `name`.
  public subscript(name: String) -> FieldSpec? { first { $0.name == name } }
}
