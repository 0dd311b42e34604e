import Foundation
import LinearAlgebra
@_spi(Profiling) import MarketClearing

/// Clears the benchmark markets with the BLAS kernel, the plain-loop kernel and the numpy peer,
/// and measures the demand pass on its own.
///
/// Times: whole `Market.clear` calls (building `W = V^σ`, every pass, the allocation), and the
/// cost of one pass inside the solver loop, measured as
///
///     per pass = (T(K passes) − T(1 pass)) / (K − 1),   K = `loopPasses`,
///
/// from clears whose tolerance (−1) can never be met, so that `maxIterations` stops them after
/// exactly K or 1 passes (a tolerance of 0 is not enough: the clearing error can reach exactly 0).
/// Both clears do the same set-up and allocation, so only the passes and their Anderson steps
/// remain in the difference; 100 passes outweigh the set-up (about 30 passes of work at
/// 10,000 x 1,000) and its noise. Every figure is the minimum over the repeats: on a shared
/// machine other work only ever adds time. Memory traffic counts one read of `W`
/// (`n · m · 8` bytes) per pass; the kernel reads `W` once per pass by design.
struct ClearingBenchmark {
  struct Case {
    let buyers: Int
    let products: Int
    let repeats: Int
    let peerRepeats: Int
    var bytesPerPass: Double { Double(buyers * products * 8) }
    var label: String { "\(buyers.formatted(.number)) x \(products.formatted(.number))" }
  }

  static let fullCases = [
    Case(buyers: 10, products: 20, repeats: 2000, peerRepeats: 200),
    Case(buyers: 200, products: 50, repeats: 500, peerRepeats: 100),
    Case(buyers: 2000, products: 400, repeats: 40, peerRepeats: 10),
    Case(buyers: 10_000, products: 1000, repeats: 15, peerRepeats: 7),
  ]
  static let quickCases = [
    Case(buyers: 10, products: 20, repeats: 50, peerRepeats: 5),
    Case(buyers: 200, products: 50, repeats: 20, peerRepeats: 3),
    Case(buyers: 2000, products: 400, repeats: 3, peerRepeats: 2),
  ]

  /// Passes in the long run that measures the cost of one pass.
  static let loopPasses = 101

  /// One kernel's figures for one market.
  struct KernelRun {
    let equilibrium: Equilibrium
    /// Whole clears, each building its matrices in fresh storage.
    let whole: Timings
    /// Whole clears through one `ClearingWorkspace`, each recycling the previous answer (W and
    /// the allocation rewritten in storage already mapped).
    let wholeReused: Timings
    /// Per phase of the reused clears (set-up, loop, allocation): milliseconds, one per repeat.
    let phases: (setup: Timings, loop: Timings, allocation: Timings)
    let onePass: Timings
    let manyPasses: Timings

    /// Passes the long clear made (`loopPasses` unless the solver stopped early).
    let manyPassCount: Int

    /// Milliseconds per pass inside the solver loop.
    var passMilliseconds: Double {
      max(0, manyPasses.minimum - onePass.minimum) / Double(max(1, manyPassCount - 1))
    }
  }

  struct Row {
    let testCase: Case
    let blas: KernelRun
    let loops: KernelRun
    /// Milliseconds (min over repeats) of one fused demand pass (`FusedGemvPair` over `W`) alone.
    let kernelMilliseconds: Double
    let peer: Result<Peer.Answer, Peer.Failure>
    /// max_j |p_peer − p_swift| / p_swift.
    let peerPriceDifference: Double?
  }

  let seed: UInt64
  let peer: Peer?
  let peerSkipReason: String?

  func run(_ cases: [Case], log: (String) -> Void) -> [Row] {
    cases.map { testCase in
      let random = RandomMarket(
        buyers: testCase.buyers, products: testCase.products, seed: seed)
      let market = random.market
      log("clearing \(testCase.label): BLAS")
      let blas = measure(market, kernel: .blas, repeats: testCase.repeats)
      log("clearing \(testCase.label): loops")
      let loops = measure(market, kernel: .loops, repeats: testCase.repeats)
      log("clearing \(testCase.label): demand pass alone")
      let pass = kernelMilliseconds(market, repeats: testCase.repeats)
      let peerResult: Result<Peer.Answer, Peer.Failure>
      if let peer {
        log("clearing \(testCase.label): numpy peer")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
          "gpumarket-bench-\(ProcessInfo.processInfo.processIdentifier)-\(testCase.buyers)x\(testCase.products).bin"
        )
        defer { try? FileManager.default.removeItem(at: file) }
        do {
          try random.write(to: file)
          peerResult = .success(try peer.clear(marketFile: file, repeats: testCase.peerRepeats))
        } catch let failure as Peer.Failure {
          peerResult = .failure(failure)
        } catch {
          peerResult = .failure(.failed("writing \(file.path): \(error)"))
        }
      } else {
        peerResult = .failure(.unavailable(peerSkipReason ?? "not run"))
      }
      var difference: Double?
      if case .success(let answer) = peerResult, answer.prices.count == market.productCount {
        let swiftPrices = blas.equilibrium.prices
        difference = zip(answer.prices, swiftPrices).map { abs($0 - $1) / $1 }.max() ?? 0
      }
      return Row(
        testCase: testCase, blas: blas, loops: loops, kernelMilliseconds: pass, peer: peerResult,
        peerPriceDifference: difference)
    }
  }

  private func measure(_ market: Market, kernel: DemandKernel, repeats: Int) -> KernelRun {
    let options = ClearingOptions(kernel: kernel)
    var equilibrium = market.clear(options: options)
    let whole = Stopwatch.sample(repeats: repeats) { equilibrium = market.clear(options: options) }
    let workspace = ClearingWorkspace()
    var setup: [Double] = []
    var loop: [Double] = []
    var allocation: [Double] = []
    var previous: Equilibrium?
    let wholeReused = Stopwatch.sample(repeats: repeats) {
      if let answer = previous.take() { workspace.recycle(answer) }
      let profile = ClearingProfile()
      previous = market.clear(
        options: options, startingPrices: nil, workspace: workspace, profile: profile)
      setup.append(profile.setupSeconds * 1e3)
      loop.append(profile.loopSeconds * 1e3)
      allocation.append(profile.allocationSeconds * 1e3)
    }
    let one = ClearingOptions(tolerance: -1, maxIterations: 1, kernel: kernel)
    let onePass = Stopwatch.sample(repeats: repeats) { _ = market.clear(options: one) }
    let many = ClearingOptions(tolerance: -1, maxIterations: Self.loopPasses, kernel: kernel)
    var passCount = 0
    let manyPasses = Stopwatch.sample(repeats: max(5, repeats / 2)) {
      passCount = market.clear(options: many).iterations
    }
    return KernelRun(
      equilibrium: equilibrium, whole: whole, wholeReused: wholeReused,
      phases: (Timings(setup), Timings(loop), Timings(allocation)), onePass: onePass,
      manyPasses: manyPasses,
      manyPassCount: passCount)
  }

  /// One demand pass `agg = Wᵀ (B / (W q))` through `FusedGemvPair`, as the solver runs it, on
  /// `W = (V / max_k V_ik)^σ` and `q` at the Cobb-Douglas start.
  private func kernelMilliseconds(_ market: Market, repeats: Int) -> Double {
    let n = market.buyerCount
    let m = market.productCount
    var w = market.valuations
    for i in 0..<n {
      let rowMax = (0..<m).reduce(0.0) { max($0, w[i, $1]) }
      guard rowMax > 0 else { continue }
      for j in 0..<m { w[i, j] = pow(w[i, j] / rowMax, market.sigma) }
    }
    let q = [Double](repeating: 1, count: m)
    let fused = FusedGemvPair(columns: m)
    var aggregate = [Double](repeating: 0, count: m)
    let budgets = market.budgets
    return Stopwatch.sample(repeats: repeats) {
      budgets.withUnsafeBufferPointer { b in
        nonisolated(unsafe) let budget = b.baseAddress!
        fused.apply(w, x: q, into: &aggregate) { first, values in
          for k in values.indices { values[k] = budget[first + k] / values[k] }
        }
      }
    }.minimum
  }
}
