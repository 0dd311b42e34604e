/// The outcome kinds of the vendors' order book (see docs/model.md, "Chip buyers").
extension OutcomeKind {
  public static let leadTime = OutcomeKind(
    "leadTime", unit: "months", entity: .chip, aggregation: .mean,
    doc: "lead time quoted for a new order: orders stock cannot fill over output, plus delivery"
  ) { r, entity, steps in
    let values = steps.compactMap { r.leadTimeMonths[entity!]?[$0] }.filter { !$0.isNaN }
    return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  public static let backlog = OutcomeKind(
    "backlog", unit: "chips", entity: .chipOrVendor, aggregation: .lastStep,
    doc: "chips ordered and not yet shipped"
  ) { r, entity, steps in
    r.chipOrVendorStock(r.backlogChips, entity!, at: steps.last!)
  }

  public static let vendorStock = OutcomeKind(
    "vendorStock", unit: "chips", entity: .chipOrVendor, aggregation: .lastStep,
    doc: "chips made and not yet sold"
  ) { r, entity, steps in
    r.chipOrVendorStock(r.vendorStockChips, entity!, at: steps.last!)
  }
}

extension RunResult {
  /// A chip's value of a per-chip stock at step t, or the sum over a vendor's chips.
  func chipOrVendorStock(_ table: [String: [Double]], _ entity: String, at t: Int) -> Double? {
    if let series = table[entity] { return series[t] }
    let chips = chipIds.indices.filter { chipVendors[$0] == entity }
    guard !chips.isEmpty else { return nil }
    return chips.reduce(0) { $0 + (table[chipIds[$1]]?[t] ?? 0) }
  }
}
