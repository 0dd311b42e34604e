/// Reading a field with the rule and default its spec declares, so that the decoder, the schema
/// and the docs take both from one place.
extension MappingReader {
  /// The number at `field.name` checked against the field's rule; the field's default when the
  /// key is absent; `nil` (with the error logged) when present and invalid.
  func number(_ field: FieldSpec, _ log: DiagnosticLog) -> Double? {
    guard case .number(let rule) = field.type else {
      preconditionFailure("\(field.name) is not a number field")
    }
    guard let node = optional(field.name) else { return field.defaultNumber }
    return node.number(log, rule)
  }

  /// The integer at `field.name` within the field's bounds; the default when absent.
  func integer(_ field: FieldSpec, _ log: DiagnosticLog) -> Int? {
    guard case .integer(let min, let max) = field.type else {
      preconditionFailure("\(field.name) is not an integer field")
    }
    guard let node = optional(field.name) else { return field.defaultNumber.map { Int($0) } }
    return node.integer(log, min: min, max: max)
  }
}

extension FieldSpec {
  /// The rule of a number field, or of the values of a dictionary of numbers (`affinity`).
  public var numberRule: NumberRule? {
    switch type {
    case .number(let rule), .timePath(let rule), .dictionary(_, .number(let rule)): rule
    default: nil
    }
  }

  /// The default as a number (`nil` when the field has none or it is not numeric).
  public var defaultNumber: Double? { defaultValue.flatMap { Double($0) } }
}

extension Array where Element == FieldSpec {
  /// The field called `name`, which must exist (a programming error otherwise).
  func field(_ name: String) -> FieldSpec {
    guard let field = self[name] else { preconditionFailure("no field '\(name)'") }
    return field
  }
}
