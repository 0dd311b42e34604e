import Foundation
import Randomness
import Testing

@testable import Experiments

@Suite struct SamplingTests {
  /// First 8 points of scipy.stats.qmc.Sobol(d=3, scramble=False).random(8).
  @Test func sobolMatchesScipyFirstPoints() throws {
    let expected: [[Double]] = [
      [0, 0, 0], [0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75],
      [0.375, 0.375, 0.625], [0.875, 0.875, 0.125], [0.625, 0.125, 0.875],
      [0.125, 0.625, 0.375],
    ]
    let sequence = try SobolSequence(dimensions: 3)
    for (n, point) in expected.enumerated() {
      let actual = sequence.point(n)
      for d in 0..<3 {
        #expect(abs(actual[d] - point[d]) < 1e-12, "point \(n) dimension \(d)")
      }
    }
  }

  /// Points 1000-1002 in dimensions 0, 5, 10 and 19 from scipy (unscrambled, d = 20).
  @Test func sobolMatchesScipyLaterPointsInHigherDimensions() throws {
    let expected: [Int: [Double]] = [
      1000: [0.21972656, 0.90722656, 0.08496094, 0.72558594],
      1001: [0.71972656, 0.40722656, 0.58496094, 0.22558594],
      1002: [0.96972656, 0.15722656, 0.83496094, 0.97558594],
    ]
    let sequence = try SobolSequence(dimensions: 20)
    for (n, values) in expected {
      let actual = sequence.point(n)
      for (k, d) in [0, 5, 10, 19].enumerated() {
        #expect(abs(actual[d] - values[k]) < 1e-7, "point \(n) dimension \(d)")
      }
    }
  }

  @Test func sobolRefusesTooManyDimensions() {
    #expect(throws: SamplingError.self) { try SobolSequence(dimensions: 1000) }
  }

  @Test func latinHypercubeHasOneSampleInEveryStratum() {
    for (n, d) in [(1, 1), (7, 3), (100, 5)] {
      let lhs = LatinHypercube(samples: n, dimensions: d, seed: 42)
      for j in 0..<d {
        let strata = Set((0..<n).map { Int(lhs.unit($0, j) * Double(n)) })
        #expect(strata == Set(0..<n), "n=\(n) dimension \(j)")
        #expect((0..<n).allSatisfy { (0..<1).contains(lhs.unit($0, j)) })
      }
    }
  }

  @Test func latinHypercubeDependsOnSeed() {
    let a = LatinHypercube(samples: 50, dimensions: 2, seed: 1)
    let b = LatinHypercube(samples: 50, dimensions: 2, seed: 2)
    #expect((0..<50).contains { abs(a.unit($0, 0) - b.unit($0, 0)) > 1e-9 })
  }

  @Test func gridEnumeratesEveryCombinationLastParameterFastest() throws {
    let plan = SweepPlan(
      scenario: "builtin:ishigami",
      parameters: [
        try VarySyntax.parse("a=1,2,4"), try VarySyntax.parse("b=0.5..2.0:4"),
      ])
    let design = try SweepDesign(plan: plan)
    #expect(design.pointCount == 12)
    let points = (0..<12).map { design.values(atPoint: $0) }
    #expect(points[0] == [1, 0.5])
    #expect(points[1] == [1, 1.0])
    #expect(points[3] == [1, 2.0])
    #expect(points[4] == [2, 0.5])
    #expect(points[11] == [4, 2.0])
    #expect(Set(points.map { "\($0)" }).count == 12)
  }

  @Test func gridNeedsCountsForRanges() throws {
    let plan = SweepPlan(scenario: "x", parameters: [try VarySyntax.parse("a=0..1")])
    #expect(throws: PlanError.gridNeedsCount("a")) { try SweepDesign(plan: plan) }
  }

  @Test func saltelliDesignHasSaltelliStructure() throws {
    let design = try SaltelliDesign(baseSamples: 8, dimensions: 3)
    #expect(design.pointCount == 40)
    let sequence = try SobolSequence(dimensions: 6)
    for i in 0..<8 {
      let x = sequence.point(i)
      let a = Array(x[0..<3])
      let b = Array(x[3..<6])
      #expect(design.unitPoint(i * 5) == a)
      #expect(design.unitPoint(i * 5 + 4) == b)
      for j in 0..<3 {
        var ab = a
        ab[j] = b[j]
        #expect(design.unitPoint(i * 5 + 1 + j) == ab)
      }
    }
    #expect(throws: SamplingError.sampleCountNotPowerOfTwo(12)) {
      try SaltelliDesign(baseSamples: 12, dimensions: 3)
    }
  }

  @Test func seedsAreDistinctAndStable() {
    var seen = Set<UInt64>()
    for point in 0..<200 {
      for replicate in 0..<20 {
        seen.insert(SeedDerivation.seed(base: 7, point: point, replicate: replicate))
      }
    }
    #expect(seen.count == 4000)
    #expect(
      SeedDerivation.seed(base: 7, point: 3, replicate: 1)
        == SeedDerivation.seed(base: 7, point: 3, replicate: 1))
    #expect(
      SeedDerivation.seed(base: 7, point: 3, replicate: 1)
        != SeedDerivation.seed(base: 8, point: 3, replicate: 1))
  }

  /// Reference values of SplitMix64 seeded with 1234567 (Vigna's splitmix64.c).
  @Test func splitMixMatchesReference() {
    var generator = SplitMix64(seed: 1_234_567)
    let expected: [UInt64] = [
      6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
    ]
    for value in expected { #expect(generator.next() == value) }
  }

  @Test func varySyntaxErrorsNameTheText() {
    #expect(throws: PlanError.self) { try VarySyntax.parse("novalue") }
    #expect(throws: PlanError.self) { try VarySyntax.parse("a=1,x") }
    #expect(throws: PlanError.self) { try VarySyntax.parse("a=1..2:0") }
    #expect(
      (try? VarySyntax.parse("a = 1, 2")) == ParameterSpec(keyPath: "a", domain: .values([1, 2])))
  }
}
