/// One run of a sweep database in wide form, for `gpumarket export`.
public struct ExportedRun: Sendable {
  public var runID: Int
  public var point: Int
  public var replicate: Int
  public var seed: String
  public var status: String
  public var error: String
  /// In ``SweepDatabase/StoredPlan/parameters`` order; NaN where absent.
  public var parameters: [Double]
  /// In the order of the `outcomes` argument; NaN where absent (failed runs have none).
  public var outcomes: [Double]
}

extension SweepDatabase {
  /// Calls `body` for every stored run in run-id order, with its parameter values and the
  /// values of `outcomes`. Three ordered scans (runs, run_parameters, outcomes) merged by run
  /// id, so memory holds one run at a time.
  public func forEachRun(
    outcomes: [String], _ body: (ExportedRun) throws -> Void
  ) throws {
    let parameterIndex = Dictionary(
      uniqueKeysWithValues: plan.parameters.enumerated().map { ($1, $0) })
    let outcomeIndex = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($1, $0) })
    let runs = try database.prepare(
      "SELECT run_id, point, replicate, seed, status, coalesce(error, '') FROM runs ORDER BY run_id"
    )
    let parameters = try database.prepare(
      "SELECT run_id, key_path, value FROM run_parameters ORDER BY run_id")
    let values = try database.prepare("SELECT run_id, name, value FROM outcomes ORDER BY run_id")
    var parameterRow = try parameters.step()
    var valueRow = try values.step()
    while try runs.step() {
      let id = runs.int(0)
      var run = ExportedRun(
        runID: id, point: runs.int(1), replicate: runs.int(2), seed: runs.string(3) ?? "",
        status: runs.string(4) ?? "", error: runs.string(5) ?? "",
        parameters: Array(repeating: .nan, count: plan.parameters.count),
        outcomes: Array(repeating: .nan, count: outcomes.count))
      while parameterRow && parameters.int(0) <= id {
        if parameters.int(0) == id, let j = parameterIndex[parameters.string(1) ?? ""] {
          run.parameters[j] = parameters.double(2)
        }
        parameterRow = try parameters.step()
      }
      while valueRow && values.int(0) <= id {
        if values.int(0) == id, let j = outcomeIndex[values.string(1) ?? ""] {
          run.outcomes[j] = values.double(2)
        }
        valueRow = try values.step()
      }
      try body(run)
    }
  }
}
