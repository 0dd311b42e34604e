import Foundation

/// The "Clearing" section of Benchmarks/RESULTS.md, as Markdown.
struct Report {
  let command: String
  let date: Date
  let machine: Machine
  let seed: UInt64
  let bandwidth: [BandwidthProbe.Result]
  let bandwidthBytes: Int
  let rows: [ClearingBenchmark.Row]
  let crossover: [Crossover.Point]
  /// `/proc/loadavg` at the start and at the end of the run (other work on the machine).
  let loadAverages: (start: String, end: String)

  /// The relative price difference up to which numpy and Swift count as agreeing.
  static let priceAgreement = 1e-7

  static let begin = "<!-- clearing:begin -->"
  static let end = "<!-- clearing:end -->"

  var markdown: String {
    var lines: [String] = []
    let bestBandwidth = bandwidth.map(\.gigabytesPerSecond).max() ?? .nan
    lines += [
      "## Clearing", "",
      "Measured \(ISO8601DateFormatter().string(from: date)) on \(machine.cpu), "
        + "\(machine.cores) cores, L3 \(machine.lastLevelCache), "
        + "\(String(format: "%.0f", machine.memoryGiB)) GiB; \(machine.buildMode) build; "
        + "\(machine.blas), one BLAS thread, the fused kernel on up to \(machine.cores) threads. "
        + "Load average (1, 5, 15 min) at start \(loadAverages.start), at end \(loadAverages.end).",
      "",
      "```", command, "```", "",
      "Markets: seed \(seed), σ = \(RandomMarket.sigma); budgets LogNormal(log 1e6, 1), supplies "
        + "LogNormal(log 1e5, 1), valuations LogNormal(0, 0.5) with \(pct(RandomMarket.zeroValuationProbability)) "
        + "set to 0, \(pct(RandomMarket.reserveProbability)) of products with a reserve price "
        + "p̄ · LogNormal(0, 0.5), p̄ = ΣB/ΣS (see `RandomMarket.swift`). Tolerance 1e-9, Anderson memory 5.",
      "",
      "### Memory bandwidth (same run)", "",
      "Sum of a \(bandwidthBytes >> 20) MiB array of doubles, best of several runs:", "",
      "| threads | GB/s |", "| ---: | ---: |",
    ]
    for result in bandwidth {
      lines.append("| \(result.threads) | \(f1(result.gigabytesPerSecond)) |")
    }
    lines += [
      "",
      "### Clearing time", "",
      "Whole `Market.clear` calls (set-up `W = V^σ`, all passes, allocation): median and min "
        + "milliseconds over the repeats. `ms / pass` is the cost of one pass inside the solver "
        + "loop: (T(\(ClearingBenchmark.loopPasses) passes) − T(1 pass)) / "
        + "\(ClearingBenchmark.loopPasses - 1), minima of clears whose tolerance (−1) is never met; numpy "
        + "times its loop directly (loop time / passes). GB/s counts one read of W (n·m·8 bytes) "
        + "per pass.", "",
      "| buyers x products | kernel | iterations | converged | clearing error | median ms | min ms | ms / pass | GB/s in loop | repeats |",
      "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows {
      let c = row.testCase
      for (name, run) in [("BLAS (fused)", row.blas), ("loops", row.loops)] {
        let e = run.equilibrium
        lines.append(
          "| \(c.label) | \(name) | \(e.iterations) | \(e.converged) | \(sci(e.clearingError)) | "
            + "\(ms(run.whole.median)) | \(ms(run.whole.minimum)) | \(ms(run.passMilliseconds)) | "
            + "\(gbs(c.bytesPerPass, run.passMilliseconds)) | \(c.repeats) |")
      }
      switch row.peer {
      case .success(let answer):
        let times = Timings(answer.times)
        let perPass = Self.numpyPerPass(answer)
        lines.append(
          "| \(c.label) | numpy | \(answer.iterations) | \(answer.converged) | "
            + "\(sci(answer.clearingError)) | \(ms(times.median)) | \(ms(times.minimum)) | "
            + "\(ms(perPass)) | \(gbs(c.bytesPerPass, perPass)) | \(answer.times.count) |")
      case .failure(let failure):
        lines.append("| \(c.label) | numpy | \(failure) | | | | | | | |")
      }
    }
    lines += [
      "",
      "### Ratios", "",
      "From the minima above: speed-up of the BLAS kernel over the loops and over numpy, whole "
        + "clear and (in brackets) per pass; the prices numpy finds against Swift's; one fused "
        + "demand pass (`FusedGemvPair`, no solver around it) timed alone; memory traffic as a "
        + "share of the best measured bandwidth (\(f1(bestBandwidth)) GB/s).", "",
      "| buyers x products | vs loops | vs numpy | numpy prices vs Swift (max rel. diff.) | kernel alone ms | kernel GB/s | kernel / bandwidth | solver loop / bandwidth |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows {
      let c = row.testCase
      let vsLoops =
        "\(x(row.loops.whole.minimum / row.blas.whole.minimum)) "
        + "(\(x(row.loops.passMilliseconds / row.blas.passMilliseconds)))"
      var vsNumpy = "peer skipped"
      var agreement = "–"
      if case .success(let answer) = row.peer {
        vsNumpy =
          "\(x(Timings(answer.times).minimum / row.blas.whole.minimum)) "
          + "(\(x(Self.numpyPerPass(answer) / row.blas.passMilliseconds)))"
        agreement =
          row.peerPriceDifference.map {
            $0 <= Self.priceAgreement ? sci($0) : "\(sci($0)) (over \(sci(Self.priceAgreement))!)"
          } ?? "–"
      }
      let kernelGBs = c.bytesPerPass / (row.kernelMilliseconds * 1e6)
      let loopGBs = c.bytesPerPass / (row.blas.passMilliseconds * 1e6)
      lines.append(
        "| \(c.label) | \(vsLoops) | \(vsNumpy) | \(agreement) | \(ms(row.kernelMilliseconds)) | "
          + "\(f1(kernelGBs)) | \(pct(kernelGBs / bestBandwidth)) | "
          + "\(loopGBs.isFinite ? pct(loopGBs / bestBandwidth) : "–") |")
    }
    lines += phaseLines(bestBandwidth: bestBandwidth)
    if let answer = rows.compactMap({ try? $0.peer.get() }).first {
      lines += [
        "",
        "numpy \(answer.numpy), BLAS: \(answer.blas) "
          + "(OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for the peer).",
      ]
    }
    if !crossover.isEmpty {
      lines += [
        "",
        "### Crossover: BLAS vs loops", "",
        "Square markets, whole-clear milliseconds (min over repeats, kernels alternated in "
          + "rounds). BLAS counts as faster from \(x(Crossover.margin)) on.", "",
        "| n = m | n·m | BLAS ms | loops ms | loops / BLAS |",
        "| ---: | ---: | ---: | ---: | ---: |",
      ]
      for point in crossover {
        lines.append(
          "| \(point.side) | \(point.entries) | \(ms(point.blas)) | \(ms(point.loops)) | "
            + "\(x(point.speedUp)) |")
      }
      let threshold = Crossover.threshold(crossover)
      lines += [
        "",
        threshold.map {
          "BLAS is at least \(x(Crossover.margin)) faster from n·m = \($0) on (every larger size "
            + "measured)."
        }
          ?? "BLAS was not faster at the largest sizes measured.",
      ]
    }
    return lines.joined(separator: "\n")
  }

  /// The whole clear against its parts and their floors, and the targets at the largest size.
  private func phaseLines(bestBandwidth: Double) -> [String] {
    var lines = [
      "",
      "### The whole clear and its phases", "",
      "BLAS kernel. Whole clears with fresh matrices each time and with one `ClearingWorkspace` "
        + "reused, the previous answer recycled into it (W and the allocation rewritten in storage "
        + "already mapped instead of page-faulted), median / min ms. Phases of the reused clears (median ms, `ClearingProfile`) "
        + "against the floor of the bytes each must move at \(f1(bestBandwidth)) GB/s: set-up reads V "
        + "and writes W (2·n·m·8 bytes); the loop reads W once per pass; the allocation reads W "
        + "and writes x (2·n·m·8 bytes; the implementation reads W a second time for the caps).",
      "",
      "| buyers x products | whole ms, fresh | whole ms, workspace | set-up ms (floor) | loop ms (passes x floor) | allocation ms (floor) | whole / (passes x one pass) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows {
      let c = row.testCase
      let run = row.blas
      let floor = c.bytesPerPass / (bestBandwidth * 1e6)
      let passes = Double(run.equilibrium.iterations)
      lines.append(
        "| \(c.label) | \(ms(run.whole.median)) / \(ms(run.whole.minimum)) | "
          + "\(ms(run.wholeReused.median)) / \(ms(run.wholeReused.minimum)) | "
          + "\(ms(run.phases.setup.median)) (\(ms(2 * floor))) | "
          + "\(ms(run.phases.loop.median)) (\(ms(passes * floor))) | "
          + "\(ms(run.phases.allocation.median)) (\(ms(2 * floor))) | "
          + "\(x(run.wholeReused.minimum / (passes * run.passMilliseconds))) |")
    }
    guard let largest = rows.max(by: { $0.testCase.bytesPerPass < $1.testCase.bytesPerPass })
    else { return lines }
    let whole = largest.blas.wholeReused
    let passes = Double(largest.blas.equilibrium.iterations)
    var numpy = "peer skipped"
    var numpyMet = "–"
    if case .success(let answer) = largest.peer {
      let times = Timings(answer.times)
      numpy =
        "\(x(times.median / whole.median)) (medians), \(x(times.minimum / whole.minimum)) (minima)"
      numpyMet = times.median / whole.median >= 4 ? "yes" : "no"
    }
    let loops = largest.loops.wholeReused
    let budget = whole.minimum / (passes * largest.blas.passMilliseconds)
    lines += [
      "",
      "Targets at \(largest.testCase.label) (whole clears with a workspace, both kernels):", "",
      "| target | reached | met |", "| --- | --- | --- |",
      "| whole clear ≥ 4x the numpy peer | \(numpy) | \(numpyMet) |",
      "| whole clear ≥ 3x the plain loops | \(x(loops.median / whole.median)) (medians), "
        + "\(x(loops.minimum / whole.minimum)) (minima) | \(loops.median / whole.median >= 3 ? "yes" : "no") |",
      "| whole clear ≤ 2x passes x one pass | \(x(budget)) (min whole over \(Int(passes)) x "
        + "\(ms(largest.blas.passMilliseconds)) ms) | \(budget <= 2 ? "yes" : "no") |",
    ]
    return lines
  }

  /// Replaces this section between its markers in `url`, or appends it; creates the file.
  func write(to url: URL) throws {
    let section = "\(Self.begin)\n\(markdown)\n\(Self.end)"
    var text = (try? String(contentsOf: url, encoding: .utf8)) ?? "# Benchmark results\n"
    if let start = text.range(of: Self.begin), let stop = text.range(of: Self.end),
      start.lowerBound < stop.upperBound
    {
      text.replaceSubrange(start.lowerBound..<stop.upperBound, with: section)
    } else {
      if !text.hasSuffix("\n") { text += "\n" }
      text += "\n\(section)\n"
    }
    try text.write(to: url, atomically: true, encoding: .utf8)
  }

  /// numpy's milliseconds per pass: its fastest loop over its pass count.
  static func numpyPerPass(_ answer: Peer.Answer) -> Double {
    Timings(answer.loopTimes).minimum / Double(max(1, answer.iterations))
  }

  private func gbs(_ bytes: Double, _ milliseconds: Double) -> String {
    milliseconds > 0 ? f1(bytes / (milliseconds * 1e6)) : "–"
  }
  private func f1(_ value: Double) -> String { String(format: "%.1f", value) }
  private func ms(_ value: Double) -> String {
    value >= 100
      ? String(format: "%.0f", value)
      : value >= 1
        ? String(format: "%.2f", value)
        : String(format: "%.4f", value)
  }
  private func sci(_ value: Double) -> String { String(format: "%.1e", value) }
  private func x(_ value: Double) -> String {
    value.isFinite ? String(format: "%.2fx", value) : "–"
  }
  private func pct(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
}
