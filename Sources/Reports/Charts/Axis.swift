import Foundation

/// A linear axis with "nice" ticks (steps of 1, 2 or 5 × 10^k; Heckbert, "Nice numbers for
/// graph labels", Graphics Gems 1990).
struct Axis {
  let lower: Double
  let upper: Double
  let ticks: [Double]
  let decimals: Int

  /// An axis covering `[minimum, maximum]` with about `target` ticks.
  init(minimum: Double, maximum: Double, target: Int = 5, includeZero: Bool = false) {
    var low = minimum.isFinite ? minimum : 0
    var high = maximum.isFinite ? maximum : 1
    if includeZero {
      low = min(low, 0)
      high = max(high, 0)
    }
    if high - low < 1e-12 * max(abs(low), abs(high), 1) {
      let pad = max(abs(low) * 0.1, 1)
      low -= pad
      high += pad
    }
    let step = Self.niceStep((high - low) / Double(max(target - 1, 1)))
    let first = floor(low / step) * step
    let last = ceil(high / step) * step
    lower = first
    upper = last
    let count = Int(((last - first) / step).rounded()) + 1
    ticks = (0..<count).map { first + Double($0) * step }
    decimals = max(0, -Int(floor(log10(step) + 1e-9)))
  }

  static func niceStep(_ raw: Double) -> Double {
    let exponent = floor(log10(raw))
    let fraction = raw / pow(10, exponent)
    let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
    return nice * pow(10, exponent)
  }

  /// Maps a value to [start, end] (pixels).
  func position(_ value: Double, from start: Double, to end: Double) -> Double {
    start + (value - lower) / (upper - lower) * (end - start)
  }

  func label(_ value: Double) -> String {
    let magnitude = max(abs(lower), abs(upper))
    if magnitude >= 1e6 || (magnitude < 1e-3 && magnitude > 0) {
      return String(format: "%.1e", value)
    }
    return NumberFormat.fixed(value, decimals: decimals)
  }
}
