/// The sampling design of a sweep.
public enum DesignKind: String, Sendable, Hashable, CaseIterable {
  /// Whether this is a Saltelli design for Sobol indices (`sobol` or `sobol2`).
  public var isSobol: Bool { self == .sobol || self == .sobol2 }

  /// Every combination of every parameter's grid values (`values` or `lower..upper:count`).
  case grid
  /// `samples` points drawn independently and uniformly from the parameter domains.
  case random
  /// A Latin hypercube of `samples` points (McKay, Beckman & Conover 1979).
  case lhs
  /// A Saltelli design of N(D+2) points built from a 2D-dimensional Sobol sequence, N = `samples`
  /// a power of two; supports first- and total-order Sobol indices.
  case sobol
  /// The Saltelli (2002) design of N(2D+2) points: `sobol`'s rows plus D rows BA^(j) per base
  /// sample; supports second-order Sobol indices S_jk as well.
  case sobol2
  /// `samples` Morris trajectories of D+1 points each on a 4-level grid (Morris 1991); gives
  /// elementary effects μ, μ* and σ.
  case morris
}

/// Everything that determines the runs of a sweep and hence its results.
///
/// Two sweeps with equal plans produce identical databases (apart from wall times); the
/// ``hash`` identifies a plan so a database can refuse a different one and resume the same one.
/// `jobs` and progress output are not part of a plan: they do not change results.
public struct SweepPlan: Sendable, Hashable {
  /// Scenario file path (as given) or `builtin:NAME`.
  public var scenario: String
  public var design: DesignKind
  public var parameters: [ParameterSpec]
  /// Points for random and LHS designs; base samples N for Sobol designs. Ignored by grids.
  public var samples: Int
  /// Runs per point, each with its own derived seed.
  public var replicates: Int
  /// The base seed every run seed derives from.
  public var seed: UInt64
  /// Whether monthly series are stored as well as summary outcomes.
  public var recordSeries: Bool
  /// A digest of the scenario file's contents (see ``SweepPlan/digest(of:)``), so that editing
  /// the scenario makes a new plan instead of resuming into results of the old one. Nil for
  /// built-in models.
  public var scenarioDigest: String?

  public init(
    scenario: String, design: DesignKind = .grid, parameters: [ParameterSpec], samples: Int = 64,
    replicates: Int = 1, seed: UInt64 = 1, recordSeries: Bool = false
  ) {
    self.scenario = scenario
    self.design = design
    self.parameters = parameters
    self.samples = samples
    self.replicates = replicates
    self.seed = seed
    self.recordSeries = recordSeries
  }

  /// A canonical one-line description of the plan; the hash is computed from it.
  public var canonicalText: String {
    var parts = [
      "scenario=\(scenario)", "design=\(design.rawValue)",
      "samples=\(design == .grid ? 0 : samples)", "replicates=\(replicates)", "seed=\(seed)",
      "series=\(recordSeries)",
    ]
    if let scenarioDigest { parts.insert("scenario-digest=\(scenarioDigest)", at: 1) }
    parts += parameters.map { "vary " + $0.canonicalText }
    return parts.joined(separator: "; ")
  }

  /// FNV-1a 64-bit hash of ``canonicalText``, as 16 lower-case hex digits. A change of any
  /// field that affects results changes the text and, with overwhelming probability, the hash.
  public var hash: String { Self.digest(of: Array(canonicalText.utf8)) }

  /// FNV-1a 64-bit hash of `bytes` as 16 lower-case hex digits: a fingerprint against accidental
  /// change (not a cryptographic hash).
  public static func digest(of bytes: [UInt8]) -> String {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in bytes {
      h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

}
