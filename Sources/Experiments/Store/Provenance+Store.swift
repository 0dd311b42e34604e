/// A sweep database's `provenance` table: one `key, value` row per field of ``Provenance``
/// (docs/results-database.md lists the keys).
extension Provenance {
  /// The rows, in a fixed order.
  var storeRows: [(key: String, value: String)] {
    let scenario = scenarios.first
    return [
      ("tool_version", toolVersion), ("command", command), ("date", date), ("seed", String(seed)),
      ("replicates", String(replicates)), ("overrides", overrides.joined(separator: "\n")),
      ("scenario_name", scenario?.name ?? ""), ("scenario_source", scenario?.source ?? ""),
      ("scenario_digest", scenario?.digest ?? ""), ("resolved_scenario", scenario?.resolved ?? ""),
    ]
  }

  /// Writes the rows (inside the caller's transaction).
  func store(in database: SQLiteDatabase) throws(StoreError) {
    let insert = try database.prepare(
      "INSERT OR REPLACE INTO provenance (key, value) VALUES (?, ?)")
    for row in storeRows {
      insert.bind(1, row.key)
      insert.bind(2, row.value)
      try insert.run()
    }
  }

  /// The provenance stored in `database`; nil for a database written before the table existed.
  static func stored(in database: SQLiteDatabase) throws(StoreError) -> Provenance? {
    let exists = try database.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'provenance'")
    try exists.step()
    guard exists.int(0) == 1 else { return nil }
    let query = try database.prepare("SELECT key, value FROM provenance")
    var fields: [String: String] = [:]
    while try query.step() { fields[query.string(0) ?? ""] = query.string(1) ?? "" }
    guard let version = fields["tool_version"], let seed = fields["seed"].flatMap(UInt64.init)
    else { return nil }
    var record = ScenarioRecord(
      name: fields["scenario_name"] ?? "", source: fields["scenario_source"] ?? "",
      resolved: fields["resolved_scenario"] ?? "")
    record.digest = fields["scenario_digest"] ?? record.digest
    var provenance = Provenance(
      command: fields["command"] ?? "", scenarios: [record],
      overrides: (fields["overrides"] ?? "").split(separator: "\n").map(String.init), seed: seed,
      replicates: Int(fields["replicates"] ?? "") ?? 1, date: fields["date"] ?? "")
    provenance.toolVersion = version
    return provenance
  }
}
