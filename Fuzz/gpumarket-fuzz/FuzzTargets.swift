import Experiments
import LocatedYAML
import ScenarioFormat
import Simulation

/// The loaders that read untrusted text, each fed one input at a time.
///
/// Every target must return normally for every input: a diagnostic is a pass, a trap, a signal or
/// a sanitizer report is a failure.
enum FuzzTarget: String, CaseIterable {
  /// A scenario file: parse, decode and `Engine.check`, as `validate` does.
  case scenario
  /// A sweep file, as `sweep --plan` reads it.
  case sweep
  /// A market file, as `clear` reads it.
  case market
  /// `--set` and `--vary` texts: the first line is applied to a small scenario with `--set`,
  /// every line is parsed as `--vary`.
  case override

  func run(_ bytes: UnsafeBufferPointer<UInt8>) {
    // The loaders read files as UTF-8 without NUL bytes; anything else is refused before parsing.
    guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { return }
    switch self {
    case .scenario:
      guard let root = try? Document.parse(text, file: "fuzz.yaml"),
        let scenario = try? ScenarioDecoder.decode(root)
      else { return }
      _ = try? Engine.check(scenario)
    case .sweep:
      _ = try? SweepFile.parse(text, file: "fuzz.yaml")
    case .market:
      guard let root = try? Document.parse(text, file: "fuzz.json") else { return }
      _ = try? MarketFile.decode(root)
    case .override:
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      if let first = lines.first,
        let root = try? Document.applyingOverride(first, to: FuzzTarget.overrideBase),
        let scenario = try? ScenarioDecoder.decode(root)
      {
        _ = try? Engine.check(scenario)
      }
      for line in lines { _ = try? VarySyntax.parse(line) }
    }
  }

  /// A small valid scenario that `--set` texts are applied to.
  static let overrideBase: DocumentNode = {
    let text = """
      name: base
      description: One neocloud, one lab, one contract.
      horizon: { start: 2024-01, months: 12 }
      market: { sigma: 2.5 }
      inputs:
        cowos: { unitsPerMonth: { 2024-01: 100, 2024-12: 200 } }
      chips:
        h100:
          vendor: nvidia
          tflopsBF16: 989
          kWPerChip: 1.275
          priceUSD: 27500
          available: 2023-01
          inputUse: { cowos: 0.0455 }
      vendors:
        nvidia: { inputShare: { cowos: 0.6 }, mix: { h100: 1 } }
      providers:
        neo: { kind: neocloud, capexUSDPerMonth: 1.0e8, initialChips: { h100: 1000 } }
      sites:
        dc: { provider: neo, powerMW: { 2024-01: 20, 2024-12: 60 }, pue: 1.3 }
      buyers:
        lab: { budgetUSDPerMonth: 1.0e6, affinity: { neo: 1.2 } }
      contracts:
        deal: { buyer: lab, provider: neo, gpus: { h100: 100 }, priceUSDPerGPUHour: 2, start: 2024-02, months: 6 }
      events:
        - { at: 2024-06, months: 3, kind: supplyMultiplier, input: cowos, factor: 0.5 }
      """
    return (try? Document.parse(text, file: "base.yaml"))
      ?? DocumentNode(value: .null, keyPath: .root, location: .commandLine)
  }()
}
