import Testing

@testable import Experiments

@Suite struct MorrisTests {
  /// The points of trajectory t of `design`, and `f` at them.
  func evaluate(_ design: MorrisDesign, _ f: ([Double]) -> Double) -> ([[[Double]]], [[Double]]) {
    let d = design.dimensions
    let paths = (0..<design.trajectories).map { t in
      (0...d).map { design.unitPoint(t * (d + 1) + $0) }
    }
    return (paths, paths.map { $0.map(f) })
  }

  @Test func trajectoriesStepOneCoordinateByDeltaOnTheGrid() {
    let design = MorrisDesign(trajectories: 30, dimensions: 5, seed: 9)
    #expect(abs(design.delta - 2.0 / 3) < 1e-15)
    for t in 0..<30 {
      var moved = Set<Int>()
      for k in 1...5 {
        let a = design.unitPoint(t * 6 + k - 1)
        let b = design.unitPoint(t * 6 + k)
        let changed = (0..<5).filter { abs(a[$0] - b[$0]) > 1e-12 }
        #expect(changed.count == 1)
        if let j = changed.first {
          #expect(abs(abs(b[j] - a[j]) - design.delta) < 1e-12)
          moved.insert(j)
        }
        // Every coordinate stays on the 4-level grid 0, 1/3, 2/3, 1.
        for value in b {
          #expect(abs(value * 3 - (value * 3).rounded()) < 1e-9 && value >= 0 && value <= 1)
        }
      }
      #expect(moved.count == 5, "each coordinate moves once per trajectory")
    }
  }

  /// f = 3·x1 − 2·x2 + 0·x3 is linear: every elementary effect equals its coefficient, so
  /// μ = (3, −2, 0), μ* = (3, 2, 0), σ = 0. f = x1·x2 has EE_1 = x2, which varies: σ_1 > 0.
  @Test func knownFunctions() {
    let design = MorrisDesign(trajectories: 25, dimensions: 3, seed: 4)
    let (paths, linear) = evaluate(design) { 3 * $0[0] - 2 * $0[1] }
    let effects = MorrisEffects(points: paths, outputs: linear, dimensions: 3)
    let expected = [(3.0, 3.0), (-2.0, 2.0), (0.0, 0.0)]
    for (j, (mu, muStar)) in expected.enumerated() {
      #expect(abs(effects.entries[j].mu - mu) < 1e-12)
      #expect(abs(effects.entries[j].muStar - muStar) < 1e-12)
      #expect(abs(effects.entries[j].sigma) < 1e-12)
      #expect(effects.entries[j].count == 25)
    }
    let (_, product) = evaluate(design) { $0[0] * $0[1] }
    let interaction = MorrisEffects(points: paths, outputs: product, dimensions: 3)
    #expect(interaction.entries[0].sigma > 0.1)
    #expect(abs(interaction.entries[2].muStar) < 1e-12)
  }

  /// The same trajectories as `gpumarket sweep builtin:ishigami --design morris --samples 20
  /// --seed 1` over [−π, π]³, analysed by SALib 1.6 (`SALib.analyze.morris.analyze`,
  /// num_levels=4) via scripts/check-morris-against-salib.py: mu*, mu and sigma agree to rounding.
  @Test func matchesSALibOnTheSameTrajectories() {
    let design = MorrisDesign(
      trajectories: 20, dimensions: 3, seed: SeedDerivation.seed(base: 1, stream: "design.morris"))
    let model = IshigamiModel()
    let (paths, outputs) = evaluate(design) { u in
      let x = u.map { -Double.pi + $0 * (2 * Double.pi) }
      return model.value(x[0], x[1], x[2])
    }
    let effects = MorrisEffects(points: paths, outputs: outputs, dimensions: 3)
    let salib: [(muStar: Double, mu: Double, sigma: Double)] = [
      (6.454294890926481, 6.454294890926481, 6.281598407997587),
      (7.874999999999998, -0.7875000000000005, 8.039080122161135),
      (8.123434934333055, 1.8746388309999358, 10.15713938075025),
    ]
    for (j, reference) in salib.enumerated() {
      #expect(abs(effects.entries[j].muStar - reference.muStar) < 1e-9, "mu* x\(j + 1)")
      #expect(abs(effects.entries[j].mu - reference.mu) < 1e-9, "mu x\(j + 1)")
      #expect(abs(effects.entries[j].sigma - reference.sigma) < 1e-9, "sigma x\(j + 1)")
    }
  }
}
