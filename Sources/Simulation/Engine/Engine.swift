import MarketClearing

/// Plays a scenario month by month.
///
/// Each month runs the same phases in order (see `docs/model.md`):
///
/// 1. `produce`: vendors turn their share of CoWoS/HBM into chips.
/// 2. `allocateChips`: providers order out of capex, no more than they expect to power
///    (`powerBoundCapex`); vendors share scarce output; chips ship.
/// 3. `failInstalledChips`, `install`, `retireForBetterChips`, `leaseColocation`,
///    `buildOnSiteGeneration`, `sellUsedChips`: installed chips fail; chips that have arrived are
///    installed where sites have power; providers with chips waiting replace older, worse chips
///    by them, lease power other owners will not need (colocation) and start plants at their
///    own sites for chips the grid will not power in time; retired chips are sold used to
///    providers with spare power.
/// 4. `splitCapacity`: GPU-hours go to scripted contracts, then own use, the rest to the market.
/// 5. `drawCash`, `signContracts`: buyers' cash; providers post a forward curve, hedging buyers
///    sign term contracts at it, and the contract book is delivered before spot.
/// 6. `clearSpot`: buyers set spending from prices; holders whose need fell short offer contract
///    hours back (`offerSurplusContractHours`); the CES spot market clears the residual
///    (`Market.clear`); price caps apply; `settleResales` pays the resellers and
///    `takeBackOwnUseSlack` returns unsold own-use hours.
/// 7. `checkInvariants` and `record`.
public enum Engine {
  /// Runs `scenario` with `seed` driving every random draw.
  ///
  /// Same scenario and seed give the same result, bit for bit, whatever the thread count.
  /// - Throws: `SimulationError` for a scenario the engine cannot run or a failed monthly check.
  public static func run(_ scenario: Scenario, seed: UInt64) throws(SimulationError) -> RunResult {
    let compiled = try CompiledScenario(scenario)
    var state = EngineState(compiled, seed: seed)
    for step in compiled.months.indices { try state.playStep(step) }
    return state.result()
  }
}
