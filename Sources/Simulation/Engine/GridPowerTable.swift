/// Each site's grid IT power by calendar month, kW (`Site.itPowerKW(at:opening:)`: planned MW ·
/// 1000 / PUE, zero before the site opens), worked out once for the months a run can ask about:
/// from its first month to `marginMonths` after its last (orders and leases look ahead). A
/// month outside that range is computed from the site's path, so the table only saves work.
struct GridPowerTable: Sendable {
  private let firstMonth: Int
  private let monthCount: Int
  private let sites: IndexedArray<Site, Site>
  private let opening: IndexedArray<Site, YearMonth?>
  /// `siteKW[s][m]`: site s in the m-th month from `firstMonth`.
  private let siteKW: IndexedArray<Site, [Double]>
  /// `providerKW[p][m]`: `Σ` over p's own sites in `providerOwnSites` order.
  private let providerKW: IndexedArray<Provider, [Double]>
  private let providerOwnSites: IndexedArray<Provider, [Index<Site>]>

  init(
    sites: IndexedArray<Site, Site>, opening: IndexedArray<Site, YearMonth?>,
    providerOwnSites: IndexedArray<Provider, [Index<Site>]>, from first: YearMonth,
    months: Int, marginMonths: Int
  ) {
    firstMonth = first.index
    monthCount = months + marginMonths
    self.sites = sites
    self.opening = opening
    self.providerOwnSites = providerOwnSites
    let count = monthCount
    siteKW = IndexedArray(count: sites.count) { s in
      (0..<count).map { sites[s].itPowerKW(at: first.adding(months: $0), opening: opening[s]) }
    }
    let bySite = siteKW
    providerKW = IndexedArray(count: providerOwnSites.count) { p in
      (0..<count).map { m in
        var kW = 0.0
        for s in providerOwnSites[p] { kW += bySite[s][m] }
        return kW
      }
    }
  }

  /// Grid IT power of site s in `month`, kW.
  func kW(site s: Index<Site>, at month: YearMonth) -> Double {
    let m = month.index - firstMonth
    guard m >= 0, m < monthCount else { return sites[s].itPowerKW(at: month, opening: opening[s]) }
    return siteKW[s][m]
  }

  /// Grid IT power of provider p's own sites in `month`, kW: `Σ_s kW(site: s, at: month)`.
  func ownSitesKW(_ p: Index<Provider>, at month: YearMonth) -> Double {
    let m = month.index - firstMonth
    guard m >= 0, m < monthCount else {
      var total = 0.0
      for s in providerOwnSites[p] { total += kW(site: s, at: month) }
      return total
    }
    return providerKW[p][m]
  }
}
