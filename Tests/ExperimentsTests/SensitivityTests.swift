import Foundation
import Randomness
import Testing

@testable import Experiments

@Suite struct SensitivityTests {
  /// Sobol indices of the Ishigami function from a Saltelli design over a Sobol sequence.
  ///
  /// Tolerance: with N = 4096 quasi-random base samples, SALib's and this estimator's error on
  /// Ishigami is below 0.01 for every index (the random-sampling standard error would be about
  /// √(Var/N) ≈ 0.015; Sobol points do better). We allow 0.02, and require each known value to
  /// lie inside the 95% bootstrap interval widened by 0.01.
  @Test func ishigamiIndicesMatchKnownValues() throws {
    let n = 4096
    let design = try SaltelliDesign(baseSamples: n, dimensions: 3)
    let model = IshigamiModel()
    let blocks = (0..<n).map { i in
      (0..<design.blockSize).map { r in
        let u = design.unitPoint(i * design.blockSize + r)
        let x = u.map { -Double.pi + 2 * Double.pi * $0 }
        return model.value(x[0], x[1], x[2])
      }
    }
    let indices = SobolIndices(blocks: blocks, dimensions: 3, resamples: 200, seed: 5)
    let first = [0.3139, 0.4424, 0.0]
    let total = [0.5576, 0.4424, 0.2437]
    for j in 0..<3 {
      let e = indices.entries[j]
      #expect(abs(e.firstOrder - first[j]) < 0.02, "S\(j + 1) = \(e.firstOrder)")
      #expect(abs(e.totalOrder - total[j]) < 0.02, "ST\(j + 1) = \(e.totalOrder)")
      #expect(e.firstOrderInterval.lowerBound - 0.01 <= first[j])
      #expect(e.firstOrderInterval.upperBound + 0.01 >= first[j])
      #expect(e.totalOrderInterval.lowerBound - 0.01 <= total[j])
      #expect(e.totalOrderInterval.upperBound + 0.01 >= total[j])
      #expect(e.firstOrderInterval.upperBound - e.firstOrderInterval.lowerBound < 0.1)
    }
  }

  /// The same estimators as SALib 1.6 (`SALib.analyze.sobol.analyze`, calc_second_order=False)
  /// on the same N = 1024 Saltelli design of the Ishigami function: SALib's values, printed by
  /// scripts/check-sobol-against-salib.py, must be reproduced to rounding.
  @Test func indicesMatchSALibOnTheSameDesign() throws {
    let n = 1024
    let design = try SaltelliDesign(baseSamples: n, dimensions: 3)
    let model = IshigamiModel()
    let blocks = (0..<n).map { i in
      (0..<design.blockSize).map { r in
        let x = design.unitPoint(i * design.blockSize + r).map {
          -3.141592653589793 + $0 * (3.141592653589793 - -3.141592653589793)
        }
        return model.value(x[0], x[1], x[2])
      }
    }
    let indices = SobolIndices(blocks: blocks, dimensions: 3, resamples: 10, seed: 1)
    let salibFirst = [0.33295507517942635, 0.4413139385440669, 0.01857841295871936]
    let salibTotal = [0.5581790457114659, 0.4432845840303481, 0.24214937335496534]
    for j in 0..<3 {
      #expect(abs(indices.entries[j].firstOrder - salibFirst[j]) < 1e-12, "S\(j + 1)")
      #expect(abs(indices.entries[j].totalOrder - salibTotal[j]) < 1e-12, "ST\(j + 1)")
    }
  }

  /// The second-order design's rows: per base sample A, AB^(1…D), BA^(1…D), B, where BA^(j) is B
  /// with column j from A; its first D + 1 rows and its last are the first-order design's.
  @Test func secondOrderDesignRows() throws {
    let d = 3
    let plain = try SaltelliDesign(baseSamples: 8, dimensions: d)
    let design = try SaltelliDesign(baseSamples: 8, dimensions: d, secondOrder: true)
    #expect(design.blockSize == 2 * d + 2)
    #expect(design.pointCount == 8 * (2 * d + 2))
    for i in 0..<8 {
      let row = { (r: Int) in design.unitPoint(i * design.blockSize + r) }
      let a = row(0)
      let b = row(design.blockSize - 1)
      #expect(a == plain.unitPoint(i * plain.blockSize))
      #expect(b == plain.unitPoint(i * plain.blockSize + plain.blockSize - 1))
      for j in 0..<d {
        #expect(row(1 + j) == plain.unitPoint(i * plain.blockSize + 1 + j))
        var ba = b
        ba[j] = a[j]
        #expect(row(1 + d + j) == ba)
      }
    }
  }

  /// Second-order indices of the Ishigami function f = sin x1 + a sin² x2 + b x3⁴ sin x1
  /// (a = 7, b = 0.1, x ~ U(−π, π)³) against their closed forms: the only interaction is
  /// V13 = b²π⁸ (1/18 − 1/50) = 8b²π⁸/225, so S13 = V13 / V with
  /// V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, S13 = 0.243684; S12 = S23 = 0.
  ///
  /// Tolerance: at N = 4096 Sobol base samples the Saltelli (2002) estimator's error on these
  /// three is about 0.01 (SALib on its own samples gives the same); we allow 0.03 and require
  /// each exact value inside the 95% bootstrap interval widened by 0.01.
  @Test func ishigamiSecondOrderIndicesMatchClosedForm() throws {
    let n = 4096
    let design = try SaltelliDesign(baseSamples: n, dimensions: 3, secondOrder: true)
    let model = IshigamiModel()
    let blocks = (0..<n).map { i in
      (0..<design.blockSize).map { r in
        let x = design.unitPoint(i * design.blockSize + r).map { -Double.pi + 2 * Double.pi * $0 }
        return model.value(x[0], x[1], x[2])
      }
    }
    let indices = SobolIndices(
      blocks: blocks, dimensions: 3, secondOrder: true, resamples: 200, seed: 5)
    let (a, b, pi) = (7.0, 0.1, Double.pi)
    let variance = a * a / 8 + b * pow(pi, 4) / 5 + b * b * pow(pi, 8) / 18 + 0.5
    let s13 = 8 * b * b * pow(pi, 8) / 225 / variance
    #expect(abs(s13 - 0.243684) < 1e-6)
    let exact: [(Int, Int, Double)] = [(0, 1, 0), (0, 2, s13), (1, 2, 0)]
    #expect(indices.pairs.map { [$0.first, $0.second] } == exact.map { [$0.0, $0.1] })
    for (pair, (j, k, value)) in zip(indices.pairs, exact) {
      #expect(abs(pair.value - value) < 0.03, "S\(j + 1)\(k + 1) = \(pair.value)")
      #expect(pair.interval.lowerBound - 0.01 <= value, "S\(j + 1)\(k + 1) \(pair.interval)")
      #expect(pair.interval.upperBound + 0.01 >= value, "S\(j + 1)\(k + 1) \(pair.interval)")
    }
    // First and total order are unchanged by the extra rows.
    let first = [0.3139, 0.4424, 0.0]
    for j in 0..<3 { #expect(abs(indices.entries[j].firstOrder - first[j]) < 0.02) }
  }

  /// SALib 1.6's `analyze.sobol.analyze(calc_second_order=True)` on the same N = 1024 second-order
  /// design of the Ishigami function (`gpumarket sweep builtin:ishigami --design sobol2 --samples
  /// 1024` over [−π, π]³, printed by scripts/check-sobol-against-salib.py): reproduced to rounding.
  @Test func secondOrderIndicesMatchSALibOnTheSameDesign() throws {
    let n = 1024
    let design = try SaltelliDesign(baseSamples: n, dimensions: 3, secondOrder: true)
    let model = IshigamiModel()
    let blocks = (0..<n).map { i in
      (0..<design.blockSize).map { r in
        let x = design.unitPoint(i * design.blockSize + r).map {
          -3.141592653589793 + $0 * (3.141592653589793 - -3.141592653589793)
        }
        return model.value(x[0], x[1], x[2])
      }
    }
    let indices = SobolIndices(blocks: blocks, dimensions: 3, secondOrder: true, resamples: 10)
    let salibFirst = [0.33295510535317324, 0.4413139385440669, 0.018578437929572523]
    let salibTotal = [0.5581790457114658, 0.4432845840303481, 0.24214937335496534]
    let salibSecond = [-4.955281413510093e-05, 0.22760710553788022, 0.0048765516488903475]
    for j in 0..<3 {
      #expect(abs(indices.entries[j].firstOrder - salibFirst[j]) < 1e-12, "S\(j + 1)")
      #expect(abs(indices.entries[j].totalOrder - salibTotal[j]) < 1e-12, "ST\(j + 1)")
      #expect(abs(indices.pairs[j].value - salibSecond[j]) < 1e-12, "pair \(j)")
    }
  }

  @Test func rankCorrelationFindsMonotoneEffectsOnly() {
    let lhs = LatinHypercube(samples: 400, dimensions: 3, seed: 9)
    let points = (0..<400).map { i in (0..<3).map { -Double.pi + 2 * Double.pi * lhs.unit(i, $0) } }
    // y = 3 x1 + x2² (x2 symmetric: no monotone effect); x3 unused.
    let y = points.map { 3 * $0[0] + $0[1] * $0[1] }
    let ranking = RankCorrelationRanking(points: points, outcome: y, resamples: 200, seed: 1)
    #expect(ranking.entries[0].rho > 0.8)
    #expect(abs(ranking.entries[1].rho) < 0.15)
    #expect(abs(ranking.entries[2].rho) < 0.15)
    #expect(ranking.entries[0].interval.contains(ranking.entries[0].rho))
  }

  @Test func midRanksShareTies() {
    #expect(RankCorrelationRanking.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
  }

  /// The one-pass ranks of a bootstrap sample equal sorting the sample's values, ties (from a
  /// grid, and from points drawn more than once) included.
  @Test func sampleRanksEqualSortingTheSample() {
    var generator = SplitMix64(seed: 11)
    for trial in 0..<50 {
      let n = 3 + trial % 17
      let levels = 1 + trial % 5
      let values = (0..<n).map { _ in Double(generator.next() % UInt64(levels)) * 0.5 }
      let column = RankCorrelationRanking.SortedColumn(values)
      let sample = (0..<n).map { _ in Int(generator.next() % UInt64(n)) }
      var copies = [Int](repeating: 0, count: n)
      for i in sample { copies[i] += 1 }
      let fast = column.sampleRanks(sample, copies: copies)
      let sorted = RankCorrelationRanking.ranks(sample.map { values[$0] })
      #expect(zip(fast, sorted).allSatisfy { abs($0 - $1) < 1e-12 }, "trial \(trial)")
    }
  }

  /// The bootstrap interval equals the one computed by ranking every resample from scratch.
  @Test func bootstrapMatchesRankingEachResample() {
    let grid = (0..<30).map { i in [Double(i % 5), Double(i / 5) * 0.25] }
    let y = grid.map { $0[0] * 2 - $0[1] * $0[1] + Double(Int($0[0]) % 2) }
    let ranking = RankCorrelationRanking(points: grid, outcome: y, resamples: 300, seed: 4)
    var generator = SplitMix64(seed: 4)
    let all = Array(grid.indices)
    var draws: [[Double]] = [[], []]
    for _ in 0..<300 {
      let sample = all.map { _ in Int(generator.next() % UInt64(grid.count)) }
      let rho = RankCorrelationRanking.spearman(grid, y, sample, dimensions: 2)
      for j in 0..<2 { draws[j].append(rho[j]) }
    }
    for j in 0..<2 {
      let reference = SobolIndices.percentileInterval(draws[j], fallback: 0)
      let interval = ranking.entries[j].interval
      #expect(abs(interval.lowerBound - reference.lowerBound) < 1e-12, "x\(j + 1)")
      #expect(abs(interval.upperBound - reference.upperBound) < 1e-12, "x\(j + 1)")
      #expect(interval.upperBound - interval.lowerBound > 0.01)
    }
  }
}
