/// Sample quantiles by linear interpolation between order statistics (Hyndman & Fan 1996,
/// type 7; the default of R's `quantile` and numpy's `percentile`):
///
///     h = (n − 1)·p,   Q(p) = x_(⌊h⌋) + (h − ⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋))   (0-based order statistics)
///
/// Used for fan charts: the median and the 50% and 90% bands of a series over replicates.
public enum Quantile {
  /// The p-quantile (0 ≤ p ≤ 1) of the finite values; NaN when there are none.
  public static func of(_ values: [Double], _ p: Double) -> Double {
    of(sorted: values.filter(\.isFinite).sorted(), p)
  }

  /// The p-quantile of values already sorted ascending (all finite).
  public static func of(sorted values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let h = Double(values.count - 1) * min(max(p, 0), 1)
    let low = Int(h.rounded(.down))
    let high = min(low + 1, values.count - 1)
    return values[low] + (h - Double(low)) * (values[high] - values[low])
  }
}
