import Foundation

/// What made an output: the tool version, each scenario as it was run (after `extends` and
/// `--set`) with a digest of that resolved text, the overrides, the seed and the date.
///
/// Every output records one: run folders and compare folders as `provenance.json`, sweep
/// databases in their `provenance` table, reports as their first paragraph. The date is the
/// current UTC time, or `SOURCE_DATE_EPOCH` (seconds since 1970) when that is set, so that
/// regenerated files can be byte-identical (scripts/make-results sets it).
public struct Provenance: Sendable, Equatable {
  /// The version of gpumarket, shown by `gpumarket --version`.
  public static let toolVersion = "0.1.0"

  /// One scenario as run.
  public struct ScenarioRecord: Sendable, Equatable {
    public var name: String
    /// The file or bundled name given on the command line.
    public var source: String
    /// ``SweepPlan/digest(of:)`` of `resolved`.
    public var digest: String
    /// The scenario after `extends` and `--set`, as JSON.
    public var resolved: String

    public init(name: String, source: String, resolved: String) {
      self.name = name
      self.source = source
      self.resolved = resolved
      self.digest = SweepPlan.digest(of: Array(resolved.utf8))
    }
  }

  public var toolVersion = Provenance.toolVersion
  public var command: String
  public var scenarios: [ScenarioRecord]
  public var overrides: [String]
  public var seed: UInt64
  public var replicates: Int
  /// ISO 8601, UTC, to the second.
  public var date: String

  public init(
    command: String, scenarios: [ScenarioRecord], overrides: [String], seed: UInt64,
    replicates: Int = 1, date: String = Provenance.now()
  ) {
    self.command = command
    self.scenarios = scenarios
    self.overrides = overrides
    self.seed = seed
    self.replicates = replicates
    self.date = date
  }

  /// Now (or `SOURCE_DATE_EPOCH`) as `YYYY-MM-DDTHH:MM:SSZ`.
  public static func now(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String
  {
    let seconds =
      environment["SOURCE_DATE_EPOCH"].flatMap { Double($0) } ?? Date().timeIntervalSince1970
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down)))
  }

  /// One sentence for the top of a report.
  public var sentence: String {
    let names = scenarios.map { "\($0.name) (digest \($0.digest))" }.joined(separator: ", ")
    let set = overrides.isEmpty ? "no --set overrides" : "--set " + overrides.joined(separator: " ")
    return
      "Made by gpumarket \(toolVersion) `\(command)` on \(date): \(names); \(set); seed \(seed)"
      + (replicates > 1 ? ", \(replicates) replicates." : ".")
  }

  /// Pretty-printed JSON with keys in a fixed order.
  public func json() -> String {
    func string(_ s: String) -> String {
      let data = try? JSONSerialization.data(
        withJSONObject: [s], options: [.withoutEscapingSlashes])
      let array = data.flatMap { String(data: $0, encoding: .utf8) } ?? "[\"\"]"
      return String(array.dropFirst().dropLast())
    }
    let records = scenarios.map { record in
      "    {\"name\": \(string(record.name)), \"source\": \(string(record.source)), "
        + "\"digest\": \(string(record.digest)),\n     \"resolved\": \(record.resolved)}"
    }
    return """
      {
        "tool": "gpumarket",
        "version": \(string(toolVersion)),
        "command": \(string(command)),
        "date": \(string(date)),
        "seed": "\(seed)",
        "replicates": \(replicates),
        "overrides": [\(overrides.map(string).joined(separator: ", "))],
        "scenarios": [
      \(records.joined(separator: ",\n"))
        ]
      }

      """
  }

  /// Parses what ``json()`` wrote; nil if the text is not such a record.
  public init?(json text: String) {
    guard let data = text.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let version = object["version"] as? String, let command = object["command"] as? String,
      let date = object["date"] as? String,
      let seed = (object["seed"] as? String).flatMap(UInt64.init),
      let list = object["scenarios"] as? [[String: Any]]
    else { return nil }
    self.toolVersion = version
    self.command = command
    self.date = date
    self.seed = seed
    self.replicates = object["replicates"] as? Int ?? 1
    self.overrides = object["overrides"] as? [String] ?? []
    self.scenarios = list.map { entry in
      let resolved =
        (entry["resolved"]).flatMap {
          try? JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys])
        }.flatMap { String(data: $0, encoding: .utf8) } ?? ""
      var record = ScenarioRecord(
        name: entry["name"] as? String ?? "", source: entry["source"] as? String ?? "",
        resolved: resolved)
      record.digest = entry["digest"] as? String ?? record.digest
      return record
    }
  }
}
