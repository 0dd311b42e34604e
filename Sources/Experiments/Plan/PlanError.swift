import Foundation

/// Why a sweep plan is invalid.
public enum PlanError: Error, Equatable, CustomStringConvertible {
  case noParameters
  case duplicateParameter(String)
  case gridNeedsCount(String)
  case emptyValues(String)
  case invalidRange(String, lower: Double, upper: Double)
  case nonFiniteValue(String)
  case invalidSamples(Int)
  case invalidReplicates(Int)
  case invalidVary(String, expected: String)
  case invalidShard(String)
  /// A count past its bound in ``SweepLimits``: what is counted, the count, the bound.
  case tooLarge(String, count: Int, limit: Int)
  /// More runs (points times replicates) than ``SweepLimits/maxRuns``.
  case tooManyRuns(Double, limit: Int)
  /// A design that cannot be built from the plan (`design`, why).
  case invalidDesign(String, String)
  /// A Sobol design samples continuous ranges; a list or a grid count cannot be used.
  case notARange(String, given: String)

  public var description: String {
    switch self {
    case .noParameters:
      "a sampling design needs at least one parameter (--vary key.path=LOW..HIGH); "
        + "for replicates of the scenario alone use --design grid with no --vary"
    case .duplicateParameter(let key):
      "parameter '\(key)' is varied twice"
    case .gridNeedsCount(let key):
      "a grid needs a count for range parameter '\(key)': write \(key)=LOW..HIGH:COUNT"
    case .emptyValues(let key):
      "parameter '\(key)' has no values"
    case .invalidRange(let key, let lower, let upper):
      "range of '\(key)' is \(lower)..\(upper): expected LOW < HIGH"
    case .nonFiniteValue(let key):
      "parameter '\(key)' has a value that is not a finite number"
    case .invalidSamples(let n):
      "samples must be at least 1, got \(n)"
    case .invalidReplicates(let k):
      "replicates must be at least 1, got \(k)"
    case .invalidVary(let text, let expected):
      "cannot read '--vary \(text)': expected \(expected)"
    case .tooLarge(let what, let count, let limit):
      "\(what) is \(count); the limit is \(limit)"
    case .tooManyRuns(let runs, let limit):
      "the sweep has \(runs < 1e18 ? String(Int(runs)) : String(format: "%.3g", runs)) runs "
        + "(points times replicates); the limit is \(limit)"
    case .invalidDesign(let design, let reason):
      "--design \(design): \(reason)"
    case .notARange(let key, let given):
      "--design sobol, sobol2 and morris take each parameter over a range, so '\(key)=\(given)' "
        + "cannot be used: write \(key)=LOW..HIGH (no list, no :COUNT)"
    case .invalidShard(let text):
      "invalid shard '\(text)': expected I/N with N >= 1 and 0 <= I < N, e.g. 0/4"
    }
  }
}
