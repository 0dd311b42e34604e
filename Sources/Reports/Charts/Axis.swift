import Foundation

/// A linear axis with "nice" ticks (steps of 1, 2 or 5 × 10^k; Heckbert, "Nice numbers for
/// graph labels", Graphics Gems 1990).
struct Axis {
  let lower: Double
  let upper: Double
  let ticks: [Double]
  let decimals: Int
  /// Labels show value / 10^scale; nonzero (a multiple of 3) for very large or small values, and
  /// then the axis title says "×10^scale" (see ``scaleSuffix``).
  let scale: Int

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
    let magnitude = max(abs(first), abs(last))
    let scale =
      magnitude >= 1e6 || (magnitude < 1e-3 && magnitude > 0)
      ? Int(floor(log10(magnitude) / 3)) * 3 : 0
    self.scale = scale
    decimals = max(0, -Int(floor(log10(step) + 1e-9)) + scale)
  }

  /// An axis from `lower` to `upper` exactly, for callers that place their own ticks.
  init(exactly lower: Double, _ upper: Double) {
    self.lower = lower
    self.upper = upper
    ticks = []
    decimals = 0
    scale = 0
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
    NumberFormat.fixed(value / pow(10, Double(scale)), decimals: decimals)
  }

  /// Appended to the axis title when labels are scaled: " (×10⁹)"; empty otherwise.
  var scaleSuffix: String {
    guard scale != 0 else { return "" }
    let superscripts: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸",
      "9": "⁹", "-": "⁻",
    ]
    return " (×10" + String(String(scale).map { superscripts[$0] ?? $0 }) + ")"
  }
}
