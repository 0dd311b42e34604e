/// The colocation leases in force (see docs/model.md, "Colocation"): IT power a host leases
/// out of one of its sites to a tenant, from the month it is signed until `ends`.
struct ColocationBook {
  struct Lease {
    /// The host's site the power comes out of.
    let site: Index<Site>
    let host: Index<Provider>
    let tenant: Index<Provider>
    /// IT power leased, kW.
    let kW: Double
    /// First month the lease no longer runs.
    let ends: YearMonth
  }

  private(set) var leases: [Lease] = []

  /// Whether any lease has been signed and not yet dropped.
  var isEmpty: Bool { leases.isEmpty }

  mutating func sign(_ lease: Lease) { leases.append(lease) }

  /// Drops the leases that ended before `month`.
  mutating func dropEnded(before month: YearMonth) {
    leases.removeAll { $0.ends <= month }
  }

  /// kW of site `s` leased out in `month`.
  func leasedOutKW(site s: Index<Site>, at month: YearMonth) -> Double {
    total { $0.site == s && month < $0.ends }
  }

  /// kW provider p leases from others in `month`.
  func leasedInKW(_ p: Index<Provider>, at month: YearMonth) -> Double {
    total { $0.tenant == p && month < $0.ends }
  }

  /// kW provider p leases out to others in `month`.
  func leasedOutKW(_ p: Index<Provider>, at month: YearMonth) -> Double {
    total { $0.host == p && month < $0.ends }
  }

  /// `in − out`: what leases add to provider p's IT power in `month`, kW (leases signed so far;
  /// `month` not before this step).
  func netKW(_ p: Index<Provider>, at month: YearMonth) -> Double {
    var kW = 0.0
    for lease in leases where month < lease.ends {
      if lease.tenant == p { kW += lease.kW }
      if lease.host == p { kW -= lease.kW }
    }
    return kW
  }

  /// `Σ kW` over the leases `included` picks, in the order they were signed.
  private func total(of included: (Lease) -> Bool) -> Double {
    var kW = 0.0
    for lease in leases where included(lease) { kW += lease.kW }
    return kW
  }
}
