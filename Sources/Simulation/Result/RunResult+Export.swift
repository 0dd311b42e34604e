import Foundation
import JSONWriting

/// Machine-readable forms of a run. Every form lists entities in scenario order and is
/// byte-identical for the same scenario and seed.
extension RunResult {
  /// One JSON object: `scenario`, `seed`, `months`, `prices` (chip → spot $/GPU-hour per
  /// month, null when none sold), `forward` (chip → tenor in months → posted contract price,
  /// $/GPU-hour per month, null when not offered), `compute` (buyer → H100e GPU-hours per month)
  /// and `summary` (name → value, in `summary` order).
  public func summaryJSON() -> String {
    JSONText.object([
      ("scenario", JSONText.string(scenarioName)),
      ("seed", String(seed)),
      ("months", "[" + months.map(JSONText.string).joined(separator: ",") + "]"),
      ("prices", series(chipIds, spotPrice)),
      ("forward", forwardJSON()),
      ("compute", series(buyerIds, compute)),
      (
        "summary",
        JSONText.object(summary.map { ($0.name, JSONText.number($0.value)) }, indent: "  ")
      ),
    ]) + "\n"
  }

  /// Every monthly table as one JSON object (the `--out` file `series.json`).
  public func seriesJSON() -> String {
    var members: [(String, String)] = [
      ("scenario", JSONText.string(scenarioName)),
      ("seed", String(seed)),
      ("months", "[" + months.map(JSONText.string).joined(separator: ",") + "]"),
    ]
    for (name, ids, table) in tables {
      members.append((name, series(ids, table)))
    }
    members.append(
      ("spotProducts", "[" + spotProducts.map(String.init).joined(separator: ",") + "]"))
    members.append(
      ("clearingIterations", "[" + clearingIterations.map(String.init).joined(separator: ",") + "]")
    )
    return JSONText.object(members) + "\n"
  }

  /// Every monthly table in long form: `table,entity,month,value` (the `--out` file
  /// `series.csv`); an empty value where a price is undefined.
  public func seriesCSV() -> String {
    var lines = ["table,entity,month,value"]
    for (name, ids, table) in tables {
      for id in ids {
        let values = table[id]!
        for (t, month) in months.enumerated() {
          let v = values[t].isFinite ? JSONText.number(values[t]) : ""
          lines.append("\(name),\(csvField(id)),\(month),\(v)")
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The summary as `name,value` lines.
  public func summaryCSV() -> String {
    (["name,value"] + summary.map { "\(csvField($0.name)),\(JSONText.number($0.value))" })
      .joined(separator: "\n") + "\n"
  }

  /// The monthly tables: name, entity order, values. Units: see the properties.
  public var tables: [(name: String, ids: [String], table: [String: [Double]])] {
    [
      ("priceUSDPerGPUHour", chipIds, spotPrice),
      ("spotGPUHours", chipIds, spotHours),
      ("shipmentsChips", chipIds, shipments),
      ("productionChips", chipIds, production),
      ("backlogChips", chipIds, backlogChips),
      ("vendorStockChips", chipIds, vendorStockChips),
      ("leadTimeMonths", chipIds, leadTimeMonths),
      ("installedChips", chipIds, installedChips),
      ("failedChips", chipIds, failedChips),
      ("retiredChips", chipIds, retiredChips),
      ("usedSoldChips", chipIds, usedSoldChips),
      ("usedPriceUSD", chipIds, usedPriceUSD),
      ("computeH100eHours", buyerIds, compute),
      ("spendingUSD", buyerIds, spending),
      ("contractSpendingUSD", buyerIds, contractSpending),
      ("contractComputeH100eHours", buyerIds, contractCompute),
      ("resoldComputeH100eHours", buyerIds, resoldCompute),
      ("resaleRevenueUSD", buyerIds, resaleRevenue),
      ("largestBlockH100e", buyerIds, largestBlockH100e),
      ("campaignBlockH100e", buyerIds, campaignBlockH100e),
      ("campaignsMet", buyerIds, campaignsMet),
      ("campaignsUnmet", buyerIds, campaignsUnmet),
      ("campaignPremiumUSD", buyerIds, campaignPremiumUSD),
      ("installedH100e", providerIds, installedH100e),
      ("siteInstalledH100e", siteIds, siteInstalledH100e),
      ("waitingH100e", providerIds, waitingH100e),
      ("powerShadowPriceUSDPerKWh", providerIds, powerShadowPrice),
      ("fleetAgeYears", providerIds, fleetAgeYears),
      ("fleetAgeWorldYears", ["world"], fleetAgeYears),
      ("waitingShare", ["world"], ["world": waitingShareByMonth]),
      ("installedByRegionH100e", regionIds, installedByRegionH100e),
      ("purchasesChips", providerIds, purchases),
      ("capexSpentUSD", providerIds, capexSpentUSD),
      ("ordersCutByPowerUSD", providerIds, ordersCutByPowerUSD),
      ("ordersDeferredH100e", providerIds, ordersDeferredH100e),
      ("colocatedMW", providerIds, colocatedMW),
      ("colocationHostedMW", providerIds, colocationHostedMW),
      ("onSiteMW", providerIds, onSiteMW),
      ("onSiteCapexUSD", providerIds, onSiteCapexUSD),
      ("capacityGPUHours", providerIds, capacityHours),
      ("contractGPUHours", providerIds, contractHours),
      ("ownUseGPUHours", providerIds, ownUseHours),
      ("spotSoldGPUHours", providerIds, spotSoldHours),
      ("idleGPUHours", providerIds, idleHours),
      ("vendorRevenueUSD", vendorIds, vendorRevenue),
    ]
  }

  /// chip → tenor → monthly posted price.
  private func forwardJSON() -> String {
    JSONText.object(
      chipIds.map { chip in
        let curve = forward[chip] ?? []
        return (
          chip,
          JSONText.object(
            forwardTenorsMonths.enumerated().map { k, tenor in
              (String(tenor), JSONText.array(k < curve.count ? curve[k] : []))
            }, indent: "    ")
        )
      }, indent: "  ")
  }

  private func series(_ ids: [String], _ table: [String: [Double]]) -> String {
    JSONText.object(ids.map { ($0, JSONText.array(table[$0]!)) }, indent: "  ")
  }

  private func csvField(_ s: String) -> String {
    s.contains(",") || s.contains("\"")
      ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
  }
}
