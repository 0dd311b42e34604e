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
    var kW = 0.0
    for plant in plants where plant.site == s && plant.runs <= month { kW += plant.itKW }
    return kW
  }

  /// IT kW provider p's plants give in `month` (plants started so far).
  func itKW(_ p: Index<Provider>, at month: YearMonth) -> Double {
    var kW = 0.0
    for plant in plants where plant.provider == p && plant.runs <= month { kW += plant.itKW }
    return kW
  }

  /// Facility kW of provider p's plants running in `month`.
  func facilityKW(_ p: Index<Provider>, runningAt month: YearMonth) -> Double {
    var kW = 0.0
    for plant in plants where plant.provider == p && plant.runs <= month { kW += plant.facilityKW }
    return kW
  }

  /// Facility kW of provider p's plants started in `month`.
  func facilityKW(_ p: Index<Provider>, startedIn month: YearMonth) -> Double {
    var kW = 0.0
    for plant in plants where plant.provider == p && plant.started == month {
      kW += plant.facilityKW
    }
    return kW
  }

  /// Facility kW started in calendar year `year`, all providers.
  func facilityKWStarted(inYear year: Int) -> Double {
    var kW = 0.0
    for plant in plants where plant.started.year == year { kW += plant.facilityKW }
    return kW
  }
}
