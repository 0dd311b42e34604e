import Foundation

/// Number formats for human-readable output (machine formats print full precision).
enum NumberFormatting {
  /// Four significant digits, switching to scientific notation outside [1e-3, 1e6).
  static func short(_ x: Double) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
    if x == 0 { return "0" }
    let magnitude = abs(x)
    if magnitude >= 1e6 || magnitude < 1e-3 { return String(format: "%.3e", x) }
    return String(format: "%.4g", x)
  }

  /// A duration in milliseconds with three significant digits.
  static func milliseconds(_ seconds: Double) -> String {
    String(format: "%.3g ms", seconds * 1000)
  }
}
