import Testing

@testable import Experiments

@Suite struct ScenarioDifferenceTests {
  @Test func namesChangedAddedAndRemovedKeys() {
    let stored = #"{"market":{"sigma":8,"availability":0.95},"buyers":{"a":{"budget":[1,2]}}}"#
    let current =
      #"{"market":{"sigma":7,"availability":0.95},"buyers":{"a":{"budget":[1,3]},"b":{}}}"#
    let lines = ScenarioDifference.describe(stored: stored, current: current)
    #expect(lines == ["buyers.a.budget.1: 2 → 3", "market.sigma: 8 → 7"])
    #expect(ScenarioDifference.describe(stored: stored, current: stored).isEmpty)
    let removed = ScenarioDifference.describe(stored: #"{"x":1,"y":2}"#, current: #"{"x":1}"#)
    #expect(removed == ["y: 2 → (absent)"])
  }

  @Test func longListsAreCut() {
    let stored = "{" + (0..<20).map { "\"k\($0)\":1" }.joined(separator: ",") + "}"
    let current = "{" + (0..<20).map { "\"k\($0)\":2" }.joined(separator: ",") + "}"
    let lines = ScenarioDifference.describe(stored: stored, current: current, limit: 3)
    #expect(lines.count == 4)
    #expect(lines.last == "… and 17 more")
  }
}
