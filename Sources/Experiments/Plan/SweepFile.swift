import Foundation
import LocatedYAML

/// Reads a sweep file (YAML, documented in docs/sweeps.md) into a ``SweepPlan``.
///
///     scenario: scenarios/baseline-2026.yaml   # relative to this file; or builtin:NAME
///     design: lhs                              # grid | random | lhs | sobol | sobol2 | morris (default grid)
///     samples: 256                             # random, lhs: points; sobol, sobol2: base samples N
///     replicates: 3                            # default 1
///     seed: 42                                 # default 1
///     series: true                             # store monthly series (default false)
///     vary:
///       market.sigma: 1.5..4.0:6               # text form, as on the command line
///       buyers.anthropic.affinity.amazon: [1, 1.5, 2]
///       inputs.cowos.unitsPerMonth.2026-12: { low: 90000, high: 130000, count: 5 }
///
/// The file is read by the same located-YAML layer as scenarios (its limits on depth and
/// aliases, and a smaller one on size), and every problem is reported at once as
/// `file:line:col: error: key.path: message`, with "did you mean" for a misspelt key.
public enum SweepFile {
  /// Largest sweep file read, in bytes (1 MiB; a sweep file is a few lines).
  public static let maxBytes = 1024 * 1024

  /// The top-level keys, in the order the docs list them.
  public static let keys = [
    "scenario", "design", "samples", "replicates", "seed", "series", "vary",
  ]

  public static func load(path: String) throws(DiagnosticsError) -> SweepPlan {
    try read(Document.read(path: path, maxBytes: maxBytes), file: path)
  }

  public static func parse(_ text: String, file: String) throws(DiagnosticsError) -> SweepPlan {
    try read(Document.parse(text, file: file), file: file)
  }

  /// The plan in `root`, or every problem found in it.
  static func read(_ root: DocumentNode, file: String) throws(DiagnosticsError) -> SweepPlan {
    let log = DiagnosticLog()
    let plan = plan(root, file: file, log: log)
    try log.throwIfErrors()
    return plan!
  }

  private static func plan(_ root: DocumentNode, file: String, log: DiagnosticLog) -> SweepPlan? {
    guard let top = root.mapping(log, allowedKeys: keys) else { return nil }
    let scenario = top.required("scenario")?.string(log)
    let design = top.optional("design").map { node in
      node.choice(log, among: DesignKind.allCases.map(\.rawValue)).flatMap(DesignKind.init)
    }
    let samples = top.optional("samples").map { $0.integer(log, min: 1) }
    let replicates = top.optional("replicates").map { $0.integer(log, min: 1) }
    let seed = top.optional("seed").map { $0.unsignedInteger(log) }
    let series = top.optional("series").map { $0.bool(log) }
    let vary = top.required("vary")
    let specs = vary.flatMap { Self.parameters($0, log: log) }
    guard let scenario, let specs, !log.hasErrors else { return nil }
    // A value read with an error is nil inside its optional; there are none past the guard.
    let plan = SweepPlan(
      scenario: resolved(scenario, file: file), design: design.flatMap { $0 } ?? .grid,
      parameters: specs, samples: samples.flatMap { $0 } ?? 64,
      replicates: replicates.flatMap { $0 } ?? 1, seed: seed.flatMap { $0 } ?? 1,
      recordSeries: series.flatMap { $0 } ?? false)
    do {
      _ = try SweepDesign(plan: plan)
    } catch {
      log.error("not a valid design: \(error)", at: vary ?? root)
    }
    return plan
  }

  /// A scenario path relative to the sweep file (built-in models and absolute paths as they are).
  static func resolved(_ scenario: String, file: String) -> String {
    guard !scenario.hasPrefix(BuiltinModels.prefix), !scenario.hasPrefix("/") else {
      return scenario
    }
    let directory = (file as NSString).deletingLastPathComponent
    return directory.isEmpty ? scenario : (directory as NSString).appendingPathComponent(scenario)
  }
}
