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

  /// Formats with a fixed number of decimals (for axis ticks sharing a step): `%.Nf`, without
  /// the sign of a value that rounds to zero.
  public static func fixed(_ value: Double, decimals: Int) -> String {
    if let text = fastFixed(value, decimals: decimals) { return text }
    let text = String(format: "%.\(decimals)f", value)
    return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." })
      ? String(text.dropFirst()) : text
  }

  private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

  /// `fixed` without `String(format:)` (which charts call for every coordinate), where that is
  /// sure to give the same text: |value| · 10^decimals below 10^9, where the product's rounding
  /// error (under 2.3e-7) cannot move it across a half; nil near a half, where `%.Nf` rounds the
  /// exact binary value and only it can say which way.
  static func fastFixed(_ value: Double, decimals: Int) -> String? {
    guard decimals >= 0, decimals < powersOfTen.count, value.isFinite else { return nil }
    let scaled = abs(value) * powersOfTen[decimals]
    guard scaled < 1e9 else { return nil }
    let whole = scaled.rounded(.down)
    let fraction = scaled - whole
    guard abs(fraction - 0.5) > 1e-6 else { return nil }
    let units = Int(whole) + (fraction > 0.5 ? 1 : 0)
    var digits = String(units)
    if decimals > 0 {
      if digits.count <= decimals {
        digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return value < 0 && units != 0 ? "-" + digits : digits
  }
}
