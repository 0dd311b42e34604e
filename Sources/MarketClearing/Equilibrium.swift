import LinearAlgebra

/// The outcome of clearing a `Market`: prices, who gets what, and how well it clears.
public struct Equilibrium: Sendable, Equatable {
  /// Price of each product (same units as budgets per unit of supply).
  public let prices: [Double]
  /// `x_ij`: units of product `j` bought by buyer `i` (buyers x products).
  public let allocation: Matrix
  /// What each buyer spends, `Σ_j p_j x_ij` (≤ budget).
  public let spending: [Double]
  /// Supply left unsold, `S_j - Σ_i x_ij` (≥ 0).
  public let unsold: [Double]
  /// Whether `clearingError <= tolerance` was reached.
  public let converged: Bool
  /// Passes over the valuation matrix (each is one aggregate-demand evaluation).
  public let iterations: Int
  /// The relative clearing error before the allocation is capped at supply:
  /// `max_j |D_j - S_j| / S_j` over products priced above reserve, and `max(0, D_j - S_j) / S_j`
  /// over products at their reserve price.
  public let clearingError: Double
  /// Buyers who value nothing on offer and keep their whole budget.
  public let idleBuyers: [Int]
  /// Products with zero supply: nothing is sold and the price shown is the reserve price.
  public let withdrawnProducts: [Int]
  /// Products on offer that nobody values: unsold, at the reserve price.
  public let unvaluedProducts: [Int]
  /// The kernel that evaluated demand.
  public let kernel: DemandKernel
  /// Whether some pass had to use the log-domain evaluation (extreme σ or prices).
  public let usedLogDomain: Bool
}
