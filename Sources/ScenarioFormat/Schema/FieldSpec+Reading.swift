import LocatedYAML

/// Reading a field with the rule and default its spec declares, so that the decoder, the schema
/// and the docs take both from one place.
extension MappingReader {
  /// The value of `field`: required fields report a missing key, optional ones are nil when absent.
  private func node(_ field: FieldSpec) -> DocumentNode? {
    field.required ? required(field.name) : optional(field.name)
  }

  /// The number at `field.name` checked against the field's rule; the field's default when the
  /// key is absent; `nil` (with the error logged) when present and invalid, or required and absent.
  func number(_ field: FieldSpec, _ log: DiagnosticLog) -> Double? {
    guard case .number(let rule) = field.type else {
      preconditionFailure("\(field.name) is not a number field")
    }
    guard let node = node(field) else { return field.defaultNumber }
    return node.number(log, rule)
  }

  /// The integer at `field.name` within the field's bounds; the default when absent.
  func integer(_ field: FieldSpec, _ log: DiagnosticLog) -> Int? {
    guard case .integer(let min, let max) = field.type else {
      preconditionFailure("\(field.name) is not an integer field")
    }
    guard let node = node(field) else { return field.defaultNumber.map { Int($0) } }
    return node.integer(log, min: min, max: max)
  }

  /// The number of a field that has a default: the value, or the default when the key is absent
  /// or its value is invalid (the error is logged, so the decode fails and the value is unused).
  func number(defaulted field: FieldSpec, _ log: DiagnosticLog) -> Double {
    guard let fallback = field.defaultNumber else {
      preconditionFailure("\(field.name) has no numeric default")
    }
    return number(field, log) ?? fallback
  }

  /// The string of a field that has a default, as `number(defaulted:_:)`.
  func string(defaulted field: FieldSpec, _ log: DiagnosticLog) -> String {
    guard case .string = field.type, let fallback = field.defaultValue else {
      preconditionFailure("\(field.name) is not a string field with a default")
    }
    return optional(field.name)?.string(log) ?? fallback
  }

  /// The integer of a field that has a default, as `number(defaulted:_:)`.
  func integer(defaulted field: FieldSpec, _ log: DiagnosticLog) -> Int {
    guard let fallback = field.defaultNumber.map({ Int($0) }) else {
      preconditionFailure("\(field.name) has no numeric default")
    }
    return integer(field, log) ?? fallback
  }
}

extension FieldSpec {
  /// The rule of a number field, of the values of a dictionary of numbers or time paths
  /// (`affinity`, `inputShare`), or of the items of a list of numbers (a `[low, high]` range, alone
  /// or in a dictionary).
  public var numberRule: NumberRule? {
    switch type {
    case .number(let rule), .timePath(let rule), .dictionary(_, .number(let rule)),
      .dictionary(_, .timePath(let rule)), .list(.number(let rule), _),
      .dictionary(_, .list(.number(let rule), _)):
      rule
    default: nil
    }
  }

  /// The default as a number (`nil` when the field has none or it is not numeric).
  public var defaultNumber: Double? { defaultValue.flatMap { Double($0) } }

  /// The default written as YAML (`{ us: 1 }`, `[0.8, 1.2]`), parsed, for the decoder to read like
  /// a value from a file. The defaults are checked by the tests to parse and decode.
  var defaultNode: DocumentNode {
    guard let text = defaultValue, let node = try? Document.parse(text, file: "default of \(name)")
    else { preconditionFailure("the default of \(name) is not a YAML value") }
    return node
  }
}

extension Array where Element == FieldSpec {
  /// The field called `name`, which must exist (a programming error otherwise).
  func field(_ name: String) -> FieldSpec {
    guard let field = self[name] else { preconditionFailure("no field '\(name)'") }
    return field
  }
}
