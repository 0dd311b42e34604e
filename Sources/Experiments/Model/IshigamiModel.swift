import Foundation
import Randomness

/// The Ishigami test function, a model whose Sobol indices are known in closed form.
///
///     y = sin x1 + a sin² x2 + b x3⁴ sin x1,   a = 7, b = 0.1,   x_i ~ U(-π, π)
///
/// Parameters `x1`, `x2`, `x3` (missing ones count as 0); outcomes `y` and `sin.x1`. With
/// `noise > 0` the seed adds a N(0, noise²)-like perturbation so replicates differ. It also
/// returns fake 12-month series (`price.a`, `price.b`, `compute.a`, `compute.b`) so charts and the
/// series table have something to show. Reference: Ishigami & Homma (1990); indices
/// S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
public struct IshigamiModel: ExperimentModel {
  public var a: Double
  public var b: Double
  public var noise: Double
  /// Seconds each run sleeps, to stand in for a slower model (progress and interruption demos).
  public var delay: Double

  public init(a: Double = 7, b: Double = 0.1, noise: Double = 0, delay: Double = 0) {
    self.a = a
    self.b = b
    self.noise = noise
    self.delay = delay
  }

  /// The function itself.
  public func value(_ x1: Double, _ x2: Double, _ x3: Double) -> Double {
    let s2 = sin(x2)
    return sin(x1) + a * s2 * s2 + b * x3 * x3 * x3 * x3 * sin(x1)
  }

  public func checkParameters(_ keyPaths: [String]) throws {
    for keyPath in keyPaths where !["x1", "x2", "x3"].contains(keyPath) {
      throw IshigamiModelError.unknownParameter(keyPath)
    }
  }

  public func run(_ assignments: [ParameterAssignment], seed: UInt64) throws -> RunOutcome {
    var x = [0.0, 0.0, 0.0]
    for assignment in assignments {
      switch assignment.keyPath {
      case "x1": x[0] = assignment.value
      case "x2": x[1] = assignment.value
      case "x3": x[2] = assignment.value
      default: throw IshigamiModelError.unknownParameter(assignment.keyPath)
      }
    }
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    var generator = SplitMix64(seed: seed)
    let epsilon =
      noise > 0 ? noise * (generator.nextUnitInterval() * 2 - 1) * 1.7320508075688772 : 0
    let y = value(x[0], x[1], x[2]) + epsilon
    let months = (0..<12).map { String(format: "2026-%02d", $0 + 1) }
    let spread = noise > 0 ? 0.2 : 0
    let priceA = months.indices.map { month in
      2.0 + 0.1 * Double(month) * (1 + 0.1 * x[0]) + 0.05 * sin(Double(month) + x[1])
        + spread * (generator.nextUnitInterval() - 0.5)
    }
    let priceB = months.indices.map { month in
      3.2 - 0.06 * Double(month) + 0.1 * cos(Double(month) / 2 + x[2])
        + spread * (generator.nextUnitInterval() - 0.5)
    }
    let computeA = months.indices.map { 100 + 10 * Double($0) + 5 * x[1] }
    let computeB = months.indices.map { 80 + 12 * Double($0) + 3 * x[2] }
    return RunOutcome(
      summary: [("y", y), ("sin.x1", sin(x[0]))],
      months: months,
      series: [
        ("price.a", priceA), ("price.b", priceB), ("compute.a", computeA), ("compute.b", computeB),
      ]
    )
  }
}

/// Why the Ishigami model refused a run.
public enum IshigamiModelError: Error, CustomStringConvertible {
  case unknownParameter(String)

  public var description: String {
    switch self {
    case .unknownParameter(let keyPath):
      "unknown parameter '\(keyPath)': the Ishigami model takes x1, x2 and x3"
    }
  }
}
