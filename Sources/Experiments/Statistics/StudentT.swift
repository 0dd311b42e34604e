import Foundation

/// Student's t distribution: CDF and quantile for ν > 0 degrees of freedom.
///
/// The CDF uses the regularized incomplete beta function,
///     F(t; ν) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½)   for t ≥ 0,   F(−t) = 1 − F(t),
/// evaluated with Lentz's continued fraction (Numerical Recipes §6.4), accurate to ~1e-14. The
/// quantile inverts the CDF by bracketing and bisection to a relative width of 1e-13; it is used
/// for confidence intervals, where a dozen significant digits are plenty.
public enum StudentT {
  /// P(T ≤ t) for T ~ t(ν).
  public static func cdf(_ t: Double, degreesOfFreedom ν: Double) -> Double {
    precondition(ν > 0, "degrees of freedom must be positive")
    if t.isNaN { return .nan }
    if t.isInfinite { return t > 0 ? 1 : 0 }
    let x = ν / (ν + t * t)
    let tail = 0.5 * regularizedIncompleteBeta(x, a: ν / 2, b: 0.5)
    return t >= 0 ? 1 - tail : tail
  }

  /// The p-quantile of t(ν), 0 < p < 1.
  public static func quantile(_ p: Double, degreesOfFreedom ν: Double) -> Double {
    precondition(p > 0 && p < 1, "probability must be in (0, 1)")
    precondition(ν > 0, "degrees of freedom must be positive")
    if p == 0.5 { return 0 }
    if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: ν) }
    var low = 0.0
    var high = 1.0
    while cdf(high, degreesOfFreedom: ν) < p {
      low = high
      high *= 2
    }
    for _ in 0..<200 {
      let mid = 0.5 * (low + high)
      if cdf(mid, degreesOfFreedom: ν) < p { low = mid } else { high = mid }
      if high - low <= 1e-13 * high { break }
    }
    return 0.5 * (low + high)
  }

  /// I_x(a, b), the regularized incomplete beta function.
  static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
    let front = exp(logFront)
    if x < (a + 1) / (a + b + 2) {
      return front * continuedFraction(x, a: a, b: b) / a
    }
    return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
  }

  /// The continued fraction of I_x(a, b) by the modified Lentz method.
  static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...10_000 {
      let m = Double(m)
      let m2 = 2 * m
      var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-15 { break }
    }
    return h
  }
}
