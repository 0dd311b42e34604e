import Foundation

/// A capacity owner: buys chips from its capex, installs them in its sites and sells GPU-hours.
public struct Provider: Sendable, Equatable {
  public var id: String
  public var kind: ProviderKind
  /// Region for export controls (e.g. "us", "china", "gulf").
  public var region: String
  /// Spending on merchant chips, USD per month.
  public var capexUSDPerMonth: DatedPath
  /// Fraction (0...1) of capacity left after contracts that the owner keeps for itself.
  public var ownUse: DatedPath
  /// The buyer (a `Buyer.id`) credited with own use; `nil` counts it as internal use.
  public var ownUseBuyer: String?
  /// Chips installed at the start month, by `Chip.id`.
  public var initialChips: [String: Double]
  /// Electricity price, USD per kWh (reserve price input).
  public var powerUSDPerKWh: Double
  /// Operating cost per GPU-hour excluding power, USD (reserve price input).
  public var opsUSDPerGPUHour: Double
  /// The owner's own workloads (frontier lab, internal services), each with a need and a value
  /// (see docs/model.md, "Own use as an internal bid"). Empty: `ownUse` and `ownUseBuyer` are one
  /// workload without a value.
  public var workloads: [Workload] = []

  /// The workloads the engine plays: `workloads`, else the legacy `ownUse` share as one workload
  /// that keeps its need whatever the market pays.
  public var ownUseWorkloads: [Workload] {
    if !workloads.isEmpty { return workloads }
    return [Workload(id: "ownUse", share: ownUse, buyer: ownUseBuyer)]
  }

  public init(
    id: String, kind: ProviderKind, region: String = "us",
    capexUSDPerMonth: DatedPath = .constant(0), ownUse: DatedPath = .constant(0),
    ownUseBuyer: String? = nil, initialChips: [String: Double] = [:],
    powerUSDPerKWh: Double = 0.08, opsUSDPerGPUHour: Double = 0.2
  ) {
    self.id = id
    self.kind = kind
    self.region = region
    self.capexUSDPerMonth = capexUSDPerMonth
    self.ownUse = ownUse
    self.ownUseBuyer = ownUseBuyer
    self.initialChips = initialChips
    self.powerUSDPerKWh = powerUSDPerKWh
    self.opsUSDPerGPUHour = opsUSDPerGPUHour
  }
}

/// What kind of capacity owner a provider is (used for shares such as the hyperscalers' share).
public enum ProviderKind: String, Sendable, CaseIterable {
  case hyperscaler, neocloud, lab, supercomputer, sovereign, enterprise, other
}

/// One use an owner has for its own capacity: a frontier lab or an internal service.
public struct Workload: Sendable, Equatable {
  public var id: String
  /// `s_w(t)`: fraction of the owner's capacity left after scripted contracts that it needs.
  public var share: DatedPath
  /// `v_w(t)`: what an H100e-hour is worth to it, $/H100e-hour; `nil`: it keeps its need at any
  /// price the market offers.
  public var valueUSDPerH100eHour: DatedPath?
  /// `η_w`: how fast it gives capacity up as the outside bid rises above its value.
  public var priceElasticity: Double
  /// The buyer credited with its compute (a `Buyer.id`); `nil`: internal use.
  public var buyer: String?

  public init(
    id: String, share: DatedPath, valueUSDPerH100eHour: DatedPath? = nil,
    priceElasticity: Double = 1, buyer: String? = nil
  ) {
    self.id = id
    self.share = share
    self.valueUSDPerH100eHour = valueUSDPerH100eHour
    self.priceElasticity = priceElasticity
    self.buyer = buyer
  }

  /// `k = s · min(1, (v · h100e / b)^η)`: the share of capacity it keeps against an outside bid
  /// `bid` ($/GPU-hour) for a chip of `h100e`; the whole need without a value or a bid.
  public static func keptShare(
    need: Double, value: Double?, elasticity: Double, h100e: Double, bid: Double
  ) -> Double {
    guard let value, bid > 0, need > 0 else { return max(0, need) }
    let ratio = value * h100e / bid
    return ratio >= 1 ? need : need * pow(max(0, ratio), elasticity)
  }
}
