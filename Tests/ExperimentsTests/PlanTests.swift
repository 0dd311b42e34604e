import Testing

@testable import Experiments

@Suite struct PlanTests {
  func plan() throws -> SweepPlan {
    SweepPlan(scenario: "s.yaml", parameters: [try VarySyntax.parse("a=1,2")], replicates: 2)
  }

  @Test func hashIsStableAndSixteenHexDigits() throws {
    let hash = try plan().hash
    #expect(hash == (try plan().hash))
    #expect(hash.count == 16 && hash.allSatisfy(\.isHexDigit))
  }

  @Test func everyResultAffectingFieldChangesTheHash() throws {
    let base = try plan()
    var changed: [SweepPlan] = []
    var p = base
    p.scenarioDigest = SweepPlan.digest(of: Array("edited".utf8))
    changed.append(p)
    p = base
    p.seed = 2
    changed.append(p)
    p = base
    p.replicates = 3
    changed.append(p)
    p = base
    p.recordSeries = true
    changed.append(p)
    p = base
    p.design = .lhs
    changed.append(p)
    p = base
    p.parameters = [try VarySyntax.parse("a=1,3")]
    changed.append(p)
    for (k, other) in changed.enumerated() {
      #expect(other.hash != base.hash, "change \(k)")
    }
    // Samples do not matter to a grid.
    p = base
    p.samples = 999
    #expect(p.hash == base.hash)
  }

  /// FNV-1a 64 reference values (Fowler, Noll and Vo's test vectors).
  @Test func digestMatchesFNV1aReference() {
    #expect(SweepPlan.digest(of: []) == "cbf29ce484222325")
    #expect(SweepPlan.digest(of: Array("a".utf8)) == "af63dc4c8601ec8c")
    #expect(SweepPlan.digest(of: Array("foobar".utf8)) == "85944171f73967e8")
  }
}
