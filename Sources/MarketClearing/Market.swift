import LinearAlgebra

/// One spot market for GPU-hours: buyers with budgets, products with supply and reserve prices,
/// and how much each buyer values each product.
///
/// Units are the caller's; gpumarket uses dollars for budgets and prices ($/GPU-hour) and
/// GPU-hours for supply. Buyer `i`'s demand at prices `p` is the CES demand
///
///     x_ij = B_i · V_ij^σ · p_j^(-σ) / Σ_k V_ik^σ · p_k^(1-σ)
///
/// (utility `u_i = (Σ_j V_ij · x_ij^ρ)^(1/ρ)` with `ρ = (σ-1)/σ`; σ = 1 is Cobb-Douglas).
public struct Market: Sendable, Equatable {
  /// B_i > 0: what each buyer spends this period.
  public let budgets: [Double]
  /// S_j ≥ 0: units of each product on offer.
  public let supplies: [Double]
  /// r_j ≥ 0: the lowest price at which each product is sold.
  public let reservePrices: [Double]
  /// V_ij ≥ 0: buyers x products. 0 means the buyer cannot or will not buy the product.
  public let valuations: Matrix
  /// σ ≥ 1: the elasticity of substitution between products.
  public let sigma: Double

  /// Number of buyers (n).
  public var buyerCount: Int { budgets.count }
  /// Number of products (m).
  public var productCount: Int { supplies.count }

  /// Creates a market after checking every number; throws `MarketError` naming the first bad one.
  public init(
    budgets: [Double], supplies: [Double], reservePrices: [Double], valuations: Matrix,
    sigma: Double
  ) throws(MarketError) {
    guard !budgets.isEmpty else { throw .empty(what: "buyers") }
    guard !supplies.isEmpty else { throw .empty(what: "products") }
    guard reservePrices.count == supplies.count else {
      throw .shapeMismatch(
        what: "reservePrices", expected: supplies.count, got: reservePrices.count)
    }
    guard valuations.rows == budgets.count else {
      throw .shapeMismatch(what: "valuation rows", expected: budgets.count, got: valuations.rows)
    }
    guard valuations.columns == supplies.count else {
      throw .shapeMismatch(
        what: "valuation columns", expected: supplies.count, got: valuations.columns)
    }
    guard sigma.isFinite, sigma >= 1 else { throw .invalidSigma(sigma) }
    for (i, b) in budgets.enumerated() where !(b.isFinite && b > 0) {
      throw .invalidNumber(what: "budget", index: [i], value: b, expected: "a finite number > 0")
    }
    for (j, s) in supplies.enumerated() where !(s.isFinite && s >= 0) {
      throw .invalidNumber(what: "supply", index: [j], value: s, expected: "a finite number >= 0")
    }
    for (j, r) in reservePrices.enumerated() where !(r.isFinite && r >= 0) {
      throw .invalidNumber(
        what: "reservePrice", index: [j], value: r, expected: "a finite number >= 0")
    }
    for i in 0..<valuations.rows {
      for j in 0..<valuations.columns {
        let v = valuations[i, j]
        if !(v.isFinite && v >= 0) {
          throw .invalidNumber(
            what: "valuation", index: [i, j], value: v, expected: "a finite number >= 0")
        }
      }
    }
    self.budgets = budgets
    self.supplies = supplies
    self.reservePrices = reservePrices
    self.valuations = valuations
    self.sigma = sigma
  }
}

extension Market {
  /// `market` with other budgets, already checked by the caller (finite, positive, one per buyer).
  init(validated market: Market, budgets: [Double]) {
    self.budgets = budgets
    self.supplies = market.supplies
    self.reservePrices = market.reservePrices
    self.valuations = market.valuations
    self.sigma = market.sigma
  }
}

/// Why a `Market` could not be built.
public enum MarketError: Error, Equatable, Sendable, CustomStringConvertible {
  case empty(what: String)
  case shapeMismatch(what: String, expected: Int, got: Int)
  case invalidSigma(Double)
  case invalidNumber(what: String, index: [Int], value: Double, expected: String)

  public var description: String {
    switch self {
    case .empty(let what):
      return "a market needs at least one of \(what)"
    case .shapeMismatch(let what, let expected, let got):
      return "\(what): expected \(expected), got \(got)"
    case .invalidSigma(let sigma):
      return "sigma must be a finite number >= 1, got \(sigma)"
    case .invalidNumber(let what, let index, let value, let expected):
      let at = index.map { "[\($0)]" }.joined()
      return "\(what)\(at) must be \(expected), got \(value)"
    }
  }
}
