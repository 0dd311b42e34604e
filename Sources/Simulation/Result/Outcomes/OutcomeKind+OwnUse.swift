/// The outcome kinds of own use and of who contracted with whom (see docs/model.md, "Own use as
/// an internal bid").
extension OutcomeKind {
  public static let usedH100e = OutcomeKind(
    "usedH100e", unit: "H100e", entity: .buyerOrGenerator, aggregation: .lastStep,
    doc: "H100e in use: H100e GPU-hours received in the period's last month over one GPU's hours"
  ) { r, entity, steps in
    r.groupCompute(entity!, [steps.last!]).map { $0 / r.hoursPerGPU }
  }

  public static let ownUse = OutcomeKind(
    "ownUse", unit: "fraction", entity: .provider, aggregation: .ratioOfSums,
    doc: "GPU-hours the owner's own workloads used, over its capacity"
  ) { r, entity, steps in
    guard let own = r.ownUseHours[entity!], let capacity = r.capacityHours[entity!] else {
      return nil
    }
    let total = steps.reduce(0) { $0 + capacity[$1] }
    return total > 0 ? steps.reduce(0) { $0 + own[$1] } / total : nil
  }

  public static let contracted = OutcomeKind(
    "contracted", unit: "H100e GPU-hours", entity: .buyerAndProvider, aggregation: .sum,
    doc:
      "H100e GPU-hours the buyer received under contracts (scripted and signed) from the provider"
  ) { r, entity, steps in
    r.pairSum(r.contractComputeByProvider, all: r.contractCompute, entity!, steps)
  }

  public static let contractPrice = OutcomeKind(
    "contractPrice", unit: "$/H100e-hour", entity: .buyerAndProvider, aggregation: .ratioOfSums,
    doc: "USD the buyer paid under contracts with the provider per H100e GPU-hour received"
  ) { r, entity, steps in
    guard
      let hours = r.pairSum(r.contractComputeByProvider, all: r.contractCompute, entity!, steps),
      let spend = r.pairSum(r.contractSpendByProvider, all: r.contractSpending, entity!, steps)
    else { return nil }
    return hours > 0 ? spend / hours : nil
  }
}

extension RunResult {
  /// `Σ_t x[t]` over `steps` of the series of `buyer.provider` in a pair table (`buyer.all`:
  /// every provider): 0 for a pair that never contracted, `nil` for an unknown buyer or
  /// provider.
  func pairSum(
    _ table: [String: [String: [Double]]], all: [String: [Double]], _ entity: String,
    _ steps: [Int]
  ) -> Double? {
    guard let dot = entity.firstIndex(of: ".") else { return nil }
    let buyer = String(entity[..<dot])
    let provider = String(entity[entity.index(after: dot)...])
    let series: [Double]
    if provider == "all" {
      guard let total = all[buyer] else { return nil }
      series = total
    } else {
      guard compute[buyer] != nil, capacityHours[provider] != nil else { return nil }
      guard let pair = table[buyer]?[provider] else { return 0 }
      series = pair
    }
    return steps.reduce(0) { $0 + series[$1] }
  }

  /// Providers each buyer received contracted compute from, in provider order.
  public func contractProviders(of buyer: String) -> [String] {
    providerIds.filter { contractComputeByProvider[buyer]?[$0] != nil }
  }
}
