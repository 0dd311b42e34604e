import Dispatch

/// Where one clear spent its time, for the benchmark's phase table (`@_spi(Profiling)`).
///
/// Phases: set-up (the reduction and `W = V^σ` with the Cobb-Douglas spend: reads `V`, writes
/// `W`), the solver loop (every demand pass and its Anderson step), and the allocation (capped
/// allocation, spending, sales: reads `W` twice, writes the `n x m` allocation).
@_spi(Profiling)
public final class ClearingProfile {
  public private(set) var setupSeconds = 0.0
  public private(set) var loopSeconds = 0.0
  public private(set) var allocationSeconds = 0.0
  private var mark = DispatchTime.now().uptimeNanoseconds

  public init() {}

  func start() { mark = DispatchTime.now().uptimeNanoseconds }

  enum Phase { case setup, loop, allocation }

  /// Adds the time since the last mark to `phase` and moves the mark.
  func lap(_ phase: Phase) {
    let now = DispatchTime.now().uptimeNanoseconds
    let seconds = Double(now - mark) / 1e9
    switch phase {
    case .setup: setupSeconds += seconds
    case .loop: loopSeconds += seconds
    case .allocation: allocationSeconds += seconds
    }
    mark = now
  }
}
