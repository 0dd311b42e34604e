/// Failures, retirement, the used market, fleet age and the price of power (docs/model.md,
/// "Vintages, retirement and the used market").
extension OutcomeKind {
  public static let failed = chipsSummed(
    "failed", doc: "installed chips lost to failures", \.failedChips)

  public static let retired = chipsSummed(
    "retired", doc: "installed chips their owner took out to power better waiting chips",
    \.retiredChips)

  public static let usedSales = chipsSummed(
    "usedSales", doc: "retired chips bought by providers with spare power", \.usedSoldChips)

  /// A count of chips per chip, summed over the period, from one of the run's chip tables.
  private static func chipsSummed(
    _ name: String, doc: String, _ table: KeyPath<RunResult, [String: [Double]]> & Sendable
  ) -> OutcomeKind {
    OutcomeKind(name, unit: "chips", entity: .chip, aggregation: .sum, doc: doc) {
      r, entity, steps in
      r[keyPath: table][entity!].map { series in steps.reduce(0) { $0 + series[$1] } }
    }
  }

  public static let usedPrice = OutcomeKind(
    "usedPrice", unit: "USD per chip", entity: .chip, aggregation: .monthMean,
    doc: "used market's price: present value of the chip's expected net rents"
  ) { r, entity, steps in
    r.usedPriceUSD[entity!].flatMap { series in meanOfFinite(steps.map { series[$0] }) }
  }

  public static let fleetAge = OutcomeKind(
    "fleetAge", unit: "years", entity: .providerOrWorld, aggregation: .lastStep,
    doc: "mean age of installed chips since delivery, weighted by H100e"
  ) { r, entity, steps in
    r.fleetAgeYears[entity!].flatMap { series in
      let age = series[steps.last!]
      return age.isFinite ? age : nil
    }
  }

  public static let ordersCutByPower = OutcomeKind(
    "ordersCutByPower", unit: "USD", entity: .provider, aggregation: .sum,
    doc:
      "orders a provider did not place, and its own captive chips not made (at list price): it expects no power for the chips when they arrive"
  ) { r, entity, steps in
    r.ordersCutByPowerUSD[entity!].map { series in steps.reduce(0) { $0 + series[$1] } }
  }

  public static let deferred = OutcomeKind(
    "deferred", unit: "H100e", entity: .provider, aggregation: .lastStep,
    doc:
      "chips on order, of a chip the vendor has in stock, that it holds in the book because the provider cannot power them on arrival"
  ) { r, entity, steps in
    r.ordersDeferredH100e[entity!]?[steps.last!]
  }

  public static let colocated = OutcomeKind(
    "colocated", unit: "MW", entity: .provider, aggregation: .lastStep,
    doc: "IT power the provider leases in other owners' sites for chips waiting for power"
  ) { r, entity, steps in
    r.colocatedMW[entity!]?[steps.last!]
  }

  public static let colocationHosted = OutcomeKind(
    "colocationHosted", unit: "MW", entity: .provider, aggregation: .lastStep,
    doc: "IT power the provider leases out of its sites to other providers"
  ) { r, entity, steps in
    r.colocationHostedMW[entity!]?[steps.last!]
  }

  public static let onSite = OutcomeKind(
    "onSite", unit: "MW", entity: .provider, aggregation: .lastStep,
    doc: "facility power of the on-site plants running at the provider's sites"
  ) { r, entity, steps in
    r.onSiteMW[entity!]?[steps.last!]
  }

  public static let onSiteCapex = OutcomeKind(
    "onSiteCapex", unit: "USD", entity: .provider, aggregation: .sum,
    doc: "capital of the on-site plants the provider started"
  ) { r, entity, steps in
    r.onSiteCapexUSD[entity!].map { series in steps.reduce(0) { $0 + series[$1] } }
  }

  public static let powerShadowPrice = OutcomeKind(
    "powerShadowPrice", unit: "$/kWh", entity: .provider, aggregation: .monthMean,
    doc: "best net rent per kWh among the provider's chips waiting for power (0: none waits)"
  ) { r, entity, steps in
    r.powerShadowPrice[entity!].flatMap { series in meanOfFinite(steps.map { series[$0] }) }
  }
}

/// The mean of the finite values, nil when there are none.
private func meanOfFinite(_ values: [Double]) -> Double? {
  let finite = values.filter(\.isFinite)
  return finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count)
}
