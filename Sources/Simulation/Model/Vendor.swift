/// A chip maker: how much of each shared input it gets, which chips it makes from it, and how it
/// allocates scarce output.
///
/// Output of chip `c` in month `t` is
///
///     Q_c(t) = mult_c(t) · w_c(t) · min( cap(t), min_k share_k(t) · U_k(t) / u_ck )
///
/// with `w_c` the chip's weight in the vendor's mix (normalised over chips already launched),
/// `share_k` the vendor's fraction of input `k`, `U_k` the input's units per month, `u_ck` the
/// units of `k` per chip (see `Chip.inputUse`), `cap` an optional direct limit in chips per month
/// and `mult_c` the product of supply events and shocks for the chip, its vendor and its inputs.
public struct Vendor: Sendable, Equatable {
  public var id: String
  /// Fraction (0...1) of each input this vendor receives.
  public var inputShare: [String: DatedPath]
  /// A direct limit on total output, chips per month (used for captive silicon). `nil`: none.
  public var unitsPerMonth: DatedPath?
  /// Relative weight of each chip (a `Chip.id`) in the output mix.
  public var mix: [String: DatedPath]
  /// A provider that takes the whole output at no market price (captive silicon such as TPU).
  public var captiveOwner: String?
  /// How output is shared when orders exceed it.
  public var allocation: AllocationPolicy
  /// Priority weight per provider for `.priority` (default 1).
  public var priority: [String: Double]

  public init(
    id: String, inputShare: [String: DatedPath] = [:], unitsPerMonth: DatedPath? = nil,
    mix: [String: DatedPath], captiveOwner: String? = nil,
    allocation: AllocationPolicy = .proRata, priority: [String: Double] = [:]
  ) {
    self.id = id
    self.inputShare = inputShare
    self.unitsPerMonth = unitsPerMonth
    self.mix = mix
    self.captiveOwner = captiveOwner
    self.allocation = allocation
    self.priority = priority
  }
}

/// How a vendor shares a month's output of a chip among the providers that ordered it.
public enum AllocationPolicy: String, Sendable, CaseIterable {
  /// Every order is filled in the same proportion `min(1, Q / Σ orders)`; chips sell at list price.
  case proRata
  /// Output goes in proportion to `priority × order`, no order over-filled (water-filling);
  /// chips sell at list price.
  case priority
  /// The price rises until orders (fixed dollar budgets) buy exactly the output:
  /// `p = max(list, Σ orderUSD / Q)`; each provider gets `orderUSD / p` chips.
  case marketPrice
}
