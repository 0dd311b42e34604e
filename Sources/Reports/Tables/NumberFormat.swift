import Foundation

/// Fixed, locale-independent number formatting, so reports are byte-identical across machines.
///
/// `significant` significant digits in positional notation for 1e-3 ≤ |x| < 1e7 (trailing zeros
/// kept, so a column reads evenly; integer digits are never rounded away, so 1234567 stays
/// 1234567), scientific `1.23e+08` outside that; `nan`, `inf`, `-inf`
/// spelled out; negative zero printed as 0.
public enum NumberFormat {
  public static func format(_ value: Double, significant: Int = 4) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e7 || magnitude < 1e-3 {
      return String(format: "%.\(max(significant - 1, 0))e", value)
    }
    let exponent = Int(floor(log10(magnitude)))
    let decimals = max(0, significant - 1 - exponent)
    return fixed(value, decimals: decimals)
  }

  /// Formats with a fixed number of decimals (for axis ticks sharing a step).
  public static func fixed(_ value: Double, decimals: Int) -> String {
    let text = String(format: "%.\(decimals)f", value)
    return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
      ? String(text.dropFirst()) : text
  }
}
