import Foundation

/// The outcome kinds of the term-contract market and of price-responsive demand
/// (see docs/model.md, "The term-contract market").
extension OutcomeKind {
  public static let contractedShare = OutcomeKind(
    "contractedShare", unit: "fraction", entity: .none, aggregation: .ratioOfSums,
    doc: "contracted GPU-hours over contracted plus spot-sold GPU-hours"
  ) { r, _, steps in
    let contracted = r.sumOverProviders(r.contractHours, steps)
    let rented = contracted + r.sumOverProviders(r.spotSoldHours, steps)
    return rented > 0 ? contracted / rented : nil
  }

  public static let idle = OutcomeKind(
    "idle", unit: "fraction", entity: .none, aggregation: .ratioOfSums,
    doc: "GPU-hours offered on spot and not sold, over capacity"
  ) { r, _, steps in
    let capacity = r.sumOverProviders(r.capacityHours, steps)
    return capacity > 0 ? r.sumOverProviders(r.idleHours, steps) / capacity : nil
  }

  public static let resold = OutcomeKind(
    "resold", unit: "H100e GPU-hours", entity: .buyerOrGenerator, aggregation: .sum,
    doc: "contract H100e GPU-hours the buyer did not need and sold on spot"
  ) { r, entity, steps in
    r.groupSum(r.resoldCompute, entity!, steps)
  }

  public static let resaleRevenue = OutcomeKind(
    "resaleRevenue", unit: "USD", entity: .buyerOrGenerator, aggregation: .sum,
    doc: "USD the buyer earned reselling contract hours on spot"
  ) { r, entity, steps in
    r.groupSum(r.resaleRevenue, entity!, steps)
  }

  public static let spend = OutcomeKind(
    "spend", unit: "USD", entity: .buyerOrGenerator, aggregation: .sum,
    doc: "USD paid on contracts and spot"
  ) { r, entity, steps in
    if let series = r.spending[entity!] { return steps.reduce(0) { $0 + series[$1] } }
    guard let group = r.buyerGroups.first(where: { $0.id == entity }) else { return nil }
    return group.range.reduce(0) { sum, b in
      sum + steps.reduce(0) { $0 + r.spending[r.buyerIds[b]]![$1] }
    }
  }

  public static let forward = OutcomeKind(
    "forward", unit: "$/GPU-hour", entity: .chipAndTenor, aggregation: .mean,
    doc: "posted contract price, mean over the months the chip is offered"
  ) { r, entity, steps in
    guard let series = r.forwardSeries(entity!) else { return nil }
    var sum = 0.0
    var count = 0
    for t in steps where !series[t].isNaN {
      sum += series[t]
      count += 1
    }
    return count == 0 ? nil : sum / Double(count)
  }

  public static let spotVolatility = OutcomeKind(
    "spotVolatility", unit: "per month", entity: .chip, aggregation: .logChanges,
    doc: "standard deviation of monthly changes in the log spot price"
  ) { r, entity, steps in
    r.spotPrice[entity!].flatMap { RunResult.logChangeDeviation($0, steps) }
  }

  public static let volatilityRatio = OutcomeKind(
    "volatilityRatio", unit: "ratio", entity: .chipAndTenor, aggregation: .logChanges,
    doc: "spot volatility over the same measure for the forward price of the tenor"
  ) { r, entity, steps in
    let chip = String(entity!.split(separator: ".").first ?? "")
    guard let forward = r.forwardSeries(entity!), let spot = r.spotPrice[chip],
      let spotSD = RunResult.logChangeDeviation(spot, steps),
      let forwardSD = RunResult.logChangeDeviation(forward, steps), forwardSD > 0
    else { return nil }
    return spotSD / forwardSD
  }
}

extension RunResult {
  /// The forward series of `chip.tenor` (`h100.12`), or `nil` for an unknown chip or tenor.
  func forwardSeries(_ entity: String) -> [Double]? {
    guard let dot = entity.firstIndex(of: "."), entity.lastIndex(of: ".") == dot,
      let tenor = Int(entity[entity.index(after: dot)...]),
      let k = forwardTenorsMonths.firstIndex(of: tenor), let curve = forward[String(entity[..<dot])]
    else { return nil }
    return curve[k]
  }

  /// A table's values summed over every provider and the steps given.
  func sumOverProviders(_ table: [String: [Double]], _ steps: [Int]) -> Double {
    var sum = 0.0
    for id in providerIds {
      let series = table[id]!
      for t in steps { sum += series[t] }
    }
    return sum
  }

  /// Standard deviation of `log x[t] − log x[t−1]` over the steps `t` given (t ≥ 1, both values
  /// finite and positive); `nil` with fewer than two changes.
  static func logChangeDeviation(_ x: [Double], _ steps: [Int]) -> Double? {
    var changes: [Double] = []
    for t in steps where t >= 1 {
      let (a, b) = (x[t - 1], x[t])
      if a.isFinite, b.isFinite, a > 0, b > 0 { changes.append(log(b / a)) }
    }
    guard changes.count >= 2 else { return nil }
    let mean = changes.reduce(0, +) / Double(changes.count)
    let variance =
      changes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(changes.count - 1)
    return variance.squareRoot()
  }
}
