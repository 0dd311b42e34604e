/// The `--size BUYERSxPRODUCTS` argument of the clearing benchmarks: e.g. `2000x400`.
enum MarketSize {
  /// `(buyers, products)` from `BUYERSxPRODUCTS` (both positive), or nil.
  static func parse(_ text: String) -> (buyers: Int, products: Int)? {
    let parts = text.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.count == 2, let buyers = parts[0], let products = parts[1], buyers > 0,
      products > 0
    else { return nil }
    return (buyers, products)
  }
}
