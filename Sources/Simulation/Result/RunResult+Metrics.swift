import Foundation

/// Named scalar outcomes computed from the monthly series.
///
/// A name is `metric.entity.period`, the period being a month ("2026-04") or a year ("2026"):
///
/// | metric | entity | period | value |
/// |---|---|---|---|
/// | `price` | chip | month or year | average spot price, $/GPU-hour (year: mean of traded months) |
/// | `installed` | provider or `world` | month | installed H100e |
/// | `waiting` | provider | month | H100e delivered but waiting for power |
/// | `installedShare` | provider kind | month | fraction of world installed H100e |
/// | `shipments` | chip or vendor | year | chips shipped |
/// | `purchases` | provider | year | merchant chips shipped to it |
/// | `revenue` | vendor | year | USD from merchant chip sales |
/// | `compute` | buyer or generator | year | H100e GPU-hours |
/// | `share` | buyer or generator | year | fraction of all buyers' H100e GPU-hours |
/// | `hhi` | (none: `hhi.2026`) | year | Herfindahl index of compute shares, 0...10,000 |
/// | `contractedShare` | (none) | month or year | contracted GPU-hours / (contracted + spot sold) |
/// | `idle` | (none) | month or year | spot GPU-hours offered and not sold / capacity |
/// | `spend` | buyer or generator | month or year | USD on contracts and spot |
/// | `forward` | `<chip>.<tenor months>` | month or year | posted contract price, $/GPU-hour (year: mean of offered months) |
/// | `spotVolatility` | chip | year | standard deviation of monthly changes in log spot price |
/// | `volatilityRatio` | `<chip>.<tenor months>` | year | spot volatility over the same measure for the forward price |
extension RunResult {
  /// The value of a named outcome, or `nil` when the name or period is unknown or nothing traded.
  public func metric(_ name: String) -> Double? {
    let parts = name.split(separator: ".").map(String.init)
    guard parts.count >= 2 else { return nil }
    let kind = parts[0]
    let period = parts[parts.count - 1]
    let entity = parts.dropFirst().dropLast().joined(separator: ".")
    let monthIndices: [Int]
    if period.count == 4, Int(period) != nil {
      monthIndices = months.indices.filter { months[$0].hasPrefix(period + "-") }
    } else if let i = months.firstIndex(of: period) {
      monthIndices = [i]
    } else {
      return nil
    }
    guard let last = monthIndices.last else { return nil }
    switch kind {
    case "price":
      let values = monthIndices.compactMap { spotPrice[entity]?[$0] }.filter { !$0.isNaN }
      return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    case "installed":
      if entity == "world" { return installedWorld(at: last) }
      return installedH100e[entity]?[last]
    case "waiting":
      return waitingH100e[entity]?[last]
    case "installedShare":
      let world = installedWorld(at: last)
      guard world > 0 else { return nil }
      var sum = 0.0
      for (p, id) in providerIds.enumerated() where providerKinds[p] == entity {
        sum += installedH100e[id]![last]
      }
      return sum / world
    case "shipments":
      if let series = shipments[entity] { return monthIndices.reduce(0) { $0 + series[$1] } }
      let chips = chipIds.indices.filter { chipVendors[$0] == entity }
      guard !chips.isEmpty else { return nil }
      return chips.reduce(0) { sum, c in
        sum + monthIndices.reduce(0) { $0 + shipments[chipIds[c]]![$1] }
      }
    case "purchases":
      guard let series = purchases[entity] else { return nil }
      return monthIndices.reduce(0) { $0 + series[$1] }
    case "revenue":
      guard let series = vendorRevenue[entity] else { return nil }
      return monthIndices.reduce(0) { $0 + series[$1] }
    case "compute":
      return groupCompute(entity, monthIndices)
    case "share":
      guard let mine = groupCompute(entity, monthIndices) else { return nil }
      let total = totalCompute(monthIndices)
      return total > 0 ? mine / total : nil
    case "hhi":
      let total = totalCompute(monthIndices)
      guard total > 0 else { return nil }
      var hhi = 0.0
      for series in computeInBuyerOrder {
        let share = monthIndices.reduce(0) { $0 + series[$1] } / total
        hhi += (100 * share) * (100 * share)
      }
      return hhi
    case "contractedShare":
      let contracted = sumOverProviders(contractHours, monthIndices)
      let rented = contracted + sumOverProviders(spotSoldHours, monthIndices)
      return rented > 0 ? contracted / rented : nil
    case "idle":
      let capacity = sumOverProviders(capacityHours, monthIndices)
      return capacity > 0 ? sumOverProviders(idleHours, monthIndices) / capacity : nil
    case "spend":
      if let series = spending[entity] { return monthIndices.reduce(0) { $0 + series[$1] } }
      guard let group = buyerGroups.first(where: { $0.id == entity }) else { return nil }
      return group.range.reduce(0) { sum, b in
        sum + monthIndices.reduce(0) { $0 + spending[buyerIds[b]]![$1] }
      }
    case "forward":
      let pieces = entity.split(separator: ".")
      guard pieces.count == 2, let tenor = Int(pieces[1]),
        let k = forwardTenorsMonths.firstIndex(of: tenor), let curve = forward[String(pieces[0])]
      else { return nil }
      let values = monthIndices.map { curve[k][$0] }.filter { !$0.isNaN }
      return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    case "spotVolatility":
      guard let series = spotPrice[entity] else { return nil }
      return logChangeDeviation(series, monthIndices)
    case "volatilityRatio":
      let pieces = entity.split(separator: ".")
      guard pieces.count == 2, let tenor = Int(pieces[1]),
        let k = forwardTenorsMonths.firstIndex(of: tenor), let curve = forward[String(pieces[0])],
        let spot = spotPrice[String(pieces[0])],
        let spotSD = logChangeDeviation(spot, monthIndices),
        let forwardSD = logChangeDeviation(curve[k], monthIndices), forwardSD > 0
      else { return nil }
      return spotSD / forwardSD
    default:
      return nil
    }
  }

  /// Standard deviation of `log x[t] − log x[t−1]` over the months `t` given (t ≥ 1, both
  /// values finite and positive); `nil` with fewer than two changes.
  private func logChangeDeviation(_ x: [Double], _ months: [Int]) -> Double? {
    var changes: [Double] = []
    for t in months where t >= 1 {
      let (a, b) = (x[t - 1], x[t])
      if a.isFinite, b.isFinite, a > 0, b > 0 { changes.append(log(b / a)) }
    }
    guard changes.count >= 2 else { return nil }
    let mean = changes.reduce(0, +) / Double(changes.count)
    let variance =
      changes.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(changes.count - 1)
    return variance.squareRoot()
  }

  private func sumOverProviders(_ table: [String: [Double]], _ months: [Int]) -> Double {
    var sum = 0.0
    for id in providerIds {
      let series = table[id]!
      for t in months { sum += series[t] }
    }
    return sum
  }

  private func installedWorld(at month: Int) -> Double {
    providerIds.reduce(0) { $0 + installedH100e[$1]![month] }
  }

  private func totalCompute(_ months: [Int]) -> Double {
    months.reduce(0) { $0 + totalComputeByMonth[$1] }
  }

  private func groupCompute(_ entity: String, _ months: [Int]) -> Double? {
    if let series = compute[entity] { return months.reduce(0) { $0 + series[$1] } }
    guard let group = buyerGroups.first(where: { $0.id == entity }) else { return nil }
    var sum = 0.0
    for b in group.range {
      let series = compute[buyerIds[b]]!
      for t in months { sum += series[t] }
    }
    return sum
  }

  /// Calendar years the run covers, in order.
  public var years: [String] {
    var out: [String] = []
    for month in months {
      let year = String(month.prefix(4))
      if out.last != year { out.append(year) }
    }
    return out
  }

  /// The figures every run reports, in this order: yearly spot price per chip; yearly
  /// shipments and revenue per vendor; installed H100e per provider at the last month of each
  /// year; yearly compute and share per named buyer (generated buyers as one group each);
  /// yearly HHI of compute; yearly contracted share and idle share; yearly spending per named
  /// buyer; the yearly mean forward price per chip and tenor.
  public func standardSummary() -> [(name: String, value: Double)] {
    var out: [(name: String, value: Double)] = []
    func add(_ name: String) {
      if let value = metric(name), value.isFinite { out.append((name, value)) }
    }
    let years = self.years
    let lastMonthOfYear = years.map { y in months.last { $0.hasPrefix(y + "-") }! }
    for chip in chipIds { for y in years { add("price.\(chip).\(y)") } }
    for vendor in vendorIds {
      for y in years { add("shipments.\(vendor).\(y)") }
      for y in years { add("revenue.\(vendor).\(y)") }
    }
    for provider in providerIds { for m in lastMonthOfYear { add("installed.\(provider).\(m)") } }
    for m in lastMonthOfYear { add("installedShare.hyperscaler.\(m)") }
    let groups = Array(buyerIds[0..<namedBuyerCount]) + buyerGroups.map(\.id)
    for buyer in groups { for y in years { add("compute.\(buyer).\(y)") } }
    for buyer in groups { for y in years { add("share.\(buyer).\(y)") } }
    for y in years { add("hhi.\(y)") }
    for y in years { add("contractedShare.\(y)") }
    for y in years { add("idle.\(y)") }
    for buyer in groups { for y in years { add("spend.\(buyer).\(y)") } }
    for chip in chipIds {
      for tenor in forwardTenorsMonths { for y in years { add("forward.\(chip).\(tenor).\(y)") } }
    }
    return out
  }
}
