import Experiments
import Foundation
import LocatedYAML
import ScenarioFormat
import Simulation

/// `POST /api/tco`: owning a fleet against renting the same compute on the what-if's market,
/// valued as `gpumarket tco` values it (docs/tco.md), spot sales or back-to-back contracts.
struct TCORequest: Decodable {
  var chip: String
  var count: Double
  var purchase: String
  var lifeMonths: Int?
  var powerUSDPerKWh: Double?
  var rate: Double?
  var contractMonths: Int?
  var replicates: Int?
  var overrides: [String]?
}

/// The answer: each quantity's mean over replicates with the mean's 95% interval (Student t;
/// none with one replicate) and the terms used.
struct TCOBody: Encodable {
  struct Quantity: Encodable {
    var key: String
    var label: String
    var unit: String
    var mean: Double?
    var low: Double?
    var high: Double?
  }

  /// The fields' defaults for the panel, from the scenario and the format's specs.
  struct Defaults: Encodable {
    var chip: String
    var count: Double
    var purchase: String
    var lifeMonths: Int
    var powerUSDPerKWh: Double
    var rate: Double
    var contractMonths: [Int]

    init(_ model: ExplorerModel) {
      let scenario = model.scenario
      let chip =
        scenario.market.referenceChip.flatMap { id in scenario.chips.first { $0.id == id } }
        ?? scenario.chips.first
      self.chip = chip?.id ?? ""
      count = 1000
      let first = max(scenario.start.index, chip?.available.index ?? scenario.start.index)
      purchase =
        YearMonth(index: min(first, scenario.start.index + scenario.months - 1))
        .description
      lifeMonths = Int((scenario.market.contracts.lifeYears * 12).rounded())
      powerUSDPerKWh = TCOValuation.specDefault(ScenarioFields.provider, "powerUSDPerKWh")
      rate = scenario.market.contracts.costOfCapital
      contractMonths = Fleet.postedTenorsMonths
    }
  }

  var scenario: String
  var chip: String
  var purchase: String
  var replicates: Int
  var seeds: [UInt64]
  var lifeMonths: Int
  var rate: Double
  var powerUSDPerKWh: Double
  var selling: String
  var quantities: [Quantity]
  var notes: [String]
}

enum TCOValuation {
  /// A field's documented default, as a number.
  static func specDefault(_ specs: [FieldSpec], _ name: String) -> Double {
    specs[name]?.defaultValue.flatMap(Double.init) ?? 0
  }

  /// The fields' ranges, as `gpumarket tco` checks them; nil when all are in range.
  static func problem(_ request: TCORequest, maxReplicates: Int) -> String? {
    if !(request.count.isFinite && request.count >= 1 && request.count <= 1e8) {
      return "count must be in 1...1e8, got \(request.count)"
    }
    if let life = request.lifeMonths, !(1...240).contains(life) {
      return "lifeMonths must be in 1...240, got \(life)"
    }
    if let power = request.powerUSDPerKWh, !(0...10).contains(power) {
      return "powerUSDPerKWh must be in 0...10, got \(power)"
    }
    if let rate = request.rate, !(0...1).contains(rate) {
      return "rate must be in 0...1, got \(rate)"
    }
    if let tenor = request.contractMonths, !Fleet.postedTenorsMonths.contains(tenor) {
      return "contractMonths must be one of "
        + Fleet.postedTenorsMonths.map(String.init).joined(separator: ", ") + ", got \(tenor)"
    }
    if let replicates = request.replicates, !(1...maxReplicates).contains(replicates) {
      return "replicates must be in 1...\(maxReplicates), got \(replicates)"
    }
    if YearMonth(request.purchase) == nil {
      return "purchase must be YYYY-MM, got '\(request.purchase)'"
    }
    return nil
  }

  /// Values the fleet; `.failure` holds a 400 response's message and diagnostics.
  static func value(_ request: TCORequest, model: ExplorerModel) -> Result<
    TCOBody, ExplorerResponse
  > {
    if let problem = problem(request, maxReplicates: model.limits.maxReplicates) {
      return .failure(.error(400, problem))
    }
    let overrides = request.overrides ?? []
    guard overrides.count <= model.limits.maxOverrides else {
      return .failure(.error(400, "at most \(model.limits.maxOverrides) overrides"))
    }
    var scenario: Scenario
    switch model.check(overrides: overrides) {
    case .failure(.invalid(let diagnostics)):
      return .failure(
        .error(
          400, "the overrides do not make a scenario that runs",
          diagnostics: ExplorerModel.messages(diagnostics)))
    case .failure(.tooLarge(let reason)): return .failure(.error(400, reason))
    case .success(let (checked, _)): scenario = checked
    }
    guard scenario.stepMonths == 1 else {
      return .failure(.error(400, "fleets are valued on monthly runs only (horizon.stepMonths: 1)"))
    }
    guard let chip = scenario.chips.first(where: { $0.id == request.chip }) else {
      let hint = NameSuggestion.hint(for: request.chip, among: scenario.chips.map(\.id))
      return .failure(
        .error(
          400, "no chip '\(request.chip)' in \(scenario.name)" + (hint.map { " (\($0))" } ?? "")))
    }
    let purchase = YearMonth(request.purchase)!
    guard purchase >= chip.available else {
      return .failure(
        .error(400, "\(chip.id) is first available in \(chip.available), after \(request.purchase)")
      )
    }
    let offset = purchase.index - scenario.start.index
    guard offset >= 0, offset < scenario.months else {
      return .failure(
        .error(
          400,
          "purchase \(request.purchase) is outside the scenario's run (\(scenario.start) to "
            + "\(YearMonth(index: scenario.start.index + scenario.months - 1)))"))
    }
    let contracts = scenario.market.contracts
    let fleet = Fleet(
      count: request.count, capitalUSDPerChip: chip.capitalUSD, kWPerChip: chip.kWPerChip,
      pue: specDefault(ScenarioFields.site, "pue"),
      powerUSDPerKWh: request.powerUSDPerKWh
        ?? specDefault(ScenarioFields.provider, "powerUSDPerKWh"),
      opsUSDPerGPUHour: specDefault(ScenarioFields.provider, "opsUSDPerGPUHour"),
      discountRatePerYear: request.rate ?? contracts.costOfCapital,
      lifeMonths: request.lifeMonths ?? Int((contracts.lifeYears * 12).rounded()),
      selling: request.contractMonths.map { .contracts(tenorMonths: $0) } ?? .spot)
    let withinHorizon = min(fleet.lifeMonths, scenario.months - offset)
    var notes: [String] = []
    if offset + fleet.lifeMonths > scenario.months {
      let longer = overrides + ["horizon.months=\(offset + fleet.lifeMonths)"]
      guard case .success(let (extended, _)) = model.check(overrides: longer) else {
        return .failure(.error(400, "the run cannot be extended to cover the fleet's life"))
      }
      scenario = extended
      notes.append(
        "The last \(offset + fleet.lifeMonths - model.scenario.months) month(s) of the life are "
          + "past the horizon: the run was extended, every dated path held at its last value.")
    }
    let replicates = request.replicates ?? 1
    let base = scenario.defaultSeed
    let seeds = SeedDerivation.replicateSeeds(base: base, count: replicates)
    let runs: [RunResult]
    do {
      runs = try ExplorerModel.runAll(scenario, seeds: seeds)
    } catch {
      return .failure(.error(422, "the run stopped: \(error.description)"))
    }
    var values: [FleetValue] = []
    for result in runs {
      let path: FleetPricePath
      do {
        path = try FleetPricePath.from(
          result, chip: chip.id, purchase: request.purchase, lifeMonths: fleet.lifeMonths,
          installDelayMonths: chip.leadTimeMonths, selling: fleet.selling)
      } catch {
        return .failure(.error(400, error.description))
      }
      if path.monthsWithoutMarket > 0, values.isEmpty {
        notes.append(
          "In \(path.monthsWithoutMarket) month(s) of the life no \(chip.id) was installed in the "
            + "market (or no contract was posted): those hours earn nothing.")
      }
      values.append(
        FleetValue(
          fleet, on: path, hoursPerMonth: scenario.market.hoursPerMonth,
          availability: scenario.market.availability, monthsWithinHorizon: withinHorizon))
    }
    if replicates == 1 {
      notes.append(
        "One replicate: no interval (ask for replicates, with demand noise on, for one).")
    } else if values.allSatisfy({ $0 == values[0] }) {
      notes.append(
        "All replicates gave the same values: the scenario draws no random numbers (set "
          + "randomness.demandNoise above 0).")
    }
    let rows = FleetValue.quantities.map { quantity in
      let statistics = SampleStatistics(values.map(quantity.read))
      let interval = values.count > 1 ? statistics.confidenceInterval() : nil
      return TCOBody.Quantity(
        key: quantity.key, label: quantity.label, unit: quantity.unit,
        mean: Optional(statistics.mean).finite,
        low: interval.map(\.lowerBound), high: interval.map(\.upperBound))
    }
    let selling: String
    switch fleet.selling {
    case .spot: selling = "spot"
    case .contracts(let tenor): selling = "\(tenor)-month contracts"
    }
    return .success(
      TCOBody(
        scenario: scenario.name, chip: chip.id, purchase: request.purchase,
        replicates: replicates, seeds: seeds, lifeMonths: fleet.lifeMonths,
        rate: fleet.discountRatePerYear, powerUSDPerKWh: fleet.powerUSDPerKWh, selling: selling,
        quantities: rows, notes: notes))
  }
}

extension ExplorerApp {
  func tco(_ body: [UInt8]) async -> ExplorerResponse {
    let request: TCORequest
    switch decode(TCORequest.self, body) {
    case .success(let value): request = value
    case .failure(let response): return response
    }
    let model = self.model
    switch await bounded({ TCOValuation.value(request, model: model) }) {
    case .busy: return Self.busy(model.limits.maxConcurrentRuns)
    case .late: return Self.late(model.limits.runTimeLimitSeconds)
    case .done(.failure(let response)): return response
    case .done(.success(let answer)): return .json(200, answer)
    }
  }
}
