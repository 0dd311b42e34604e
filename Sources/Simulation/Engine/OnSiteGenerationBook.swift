/// The on-site plants built or under construction (see docs/model.md, "On-site generation"):
/// generation a provider adds to one of its sites, running from `runs` until the end of the
/// run.
struct OnSiteGenerationBook {
  struct Plant {
    let site: Index<Site>
    let provider: Index<Provider>
    /// Generation, kW of facility power.
    let facilityKW: Double
    /// The IT power it gives the site, kW (`facilityKW / PUE`).
    let itKW: Double
    /// Month the decision to build was taken.
    let started: YearMonth
    /// First month the plant runs.
    let runs: YearMonth
  }

  private(set) var plants: [Plant] = []

  /// Whether any plant has been started.
  var isEmpty: Bool { plants.isEmpty }

  mutating func build(_ plant: Plant) { plants.append(plant) }

  /// IT kW the plants at site `s` give in `month`.
  func itKW(site s: Index<Site>, at month: YearMonth) -> Double {
    total(\.itKW) { $0.site == s && $0.runs <= month }
  }

  /// IT kW provider p's plants give in `month` (plants started so far).
  func itKW(_ p: Index<Provider>, at month: YearMonth) -> Double {
    total(\.itKW) { $0.provider == p && $0.runs <= month }
  }

  /// Facility kW of provider p's plants running in `month`.
  func facilityKW(_ p: Index<Provider>, runningAt month: YearMonth) -> Double {
    total(\.facilityKW) { $0.provider == p && $0.runs <= month }
  }

  /// Facility kW of provider p's plants started in `month`.
  func facilityKW(_ p: Index<Provider>, startedIn month: YearMonth) -> Double {
    total(\.facilityKW) { $0.provider == p && $0.started == month }
  }

  /// Facility kW started in calendar year `year`, all providers.
  func facilityKWStarted(inYear year: Int) -> Double {
    total(\.facilityKW) { $0.started.year == year }
  }

  /// `Σ kW` over the plants `included` picks, in the order they were started.
  private func total(_ kW: KeyPath<Plant, Double>, of included: (Plant) -> Bool) -> Double {
    var sum = 0.0
    for plant in plants where included(plant) { sum += plant[keyPath: kW] }
    return sum
  }
}
