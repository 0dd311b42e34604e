import Foundation

/// Parses the command-line parameter syntax.
///
/// - `key.path=1,2,4`: an explicit list of values;
/// - `key.path=0.5..2.0:7`: 7 evenly spaced values from 0.5 to 2.0 (both included);
/// - `key.path=0.5..2.0`: a range for sampling designs (random, lhs, sobol).
public enum VarySyntax {
  static let expected = "KEY=V1,V2,... or KEY=LOW..HIGH[:COUNT] (numbers; COUNT a positive integer)"

  public static func parse(_ text: String) throws(PlanError) -> ParameterSpec {
    guard let equals = text.firstIndex(of: "=") else {
      throw .invalidVary(text, expected: expected)
    }
    let key = text[..<equals].trimmingSpaces
    let body = text[text.index(after: equals)...].trimmingSpaces
    guard !key.isEmpty, !body.isEmpty else { throw .invalidVary(text, expected: expected) }
    if let dots = body.range(of: "..") {
      let lowerText = body[..<dots.lowerBound]
      var upperText = body[dots.upperBound...]
      var count: Int? = nil
      if let colon = upperText.firstIndex(of: ":") {
        guard let n = Int(upperText[upperText.index(after: colon)...]), n >= 1 else {
          throw .invalidVary(text, expected: expected)
        }
        count = n
        upperText = upperText[..<colon]
      }
      guard let lower = Double(lowerText), let upper = Double(upperText) else {
        throw .invalidVary(text, expected: expected)
      }
      return ParameterSpec(keyPath: key, domain: .range(lower: lower, upper: upper, count: count))
    }
    var values: [Double] = []
    for item in body.split(separator: ",", omittingEmptySubsequences: false) {
      guard let value = Double(item.trimmingSpaces) else {
        throw .invalidVary(text, expected: expected)
      }
      values.append(value)
    }
    return ParameterSpec(keyPath: key, domain: .values(values))
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
