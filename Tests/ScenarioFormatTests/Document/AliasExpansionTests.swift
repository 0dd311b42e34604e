import Testing

@testable import LocatedYAML

/// Refusing an expansion by counting what aliases expand to gives exactly the diagnostics that
/// building the tree value by value gives, on random documents of anchors and aliases.
@Suite struct AliasExpansionTests {
  /// A reproducible stream of random numbers (a 64-bit linear congruential generator).
  struct Stream {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// A document of anchors `a0`, `a1`, ..., each a list or mapping of scalars, aliases of earlier
  /// anchors and nested collections, with now and then a repeated key, a key that is a list, or
  /// a chain of aliases nested deeper than `Document.Limits.maxDepth`.
  static func document(_ random: inout Stream) -> String {
    var lines: [String] = []
    func value(_ anchors: Int, _ depth: Int) -> String {
      switch random.next(depth < 3 ? 10 : 4) {
      case 0: return ["x", "1", "null", "\"q\""][random.next(4)]
      case 1, 2, 3: return anchors > 0 ? "*a\(random.next(anchors))" : "x"
      case 4, 5, 6:
        let items = (0..<random.next(6)).map { _ in value(anchors, depth + 1) }
        return "[" + items.joined(separator: ", ") + "]"
      default:
        var entries: [String] = []
        for index in 0..<random.next(5) {
          let key: String
          switch random.next(20) {
          // A quoted "1" is a string and a plain 1 a number, both named 1.
          case 0: key = "\"\(max(0, index - 1))\""  // the same name as the key before
          case 1: key = "[y]"
          default: key = "\(index)"
          }
          entries.append("\(key): \(value(anchors, depth + 1))")
        }
        return "{" + entries.joined(separator: ", ") + "}"
      }
    }
    let deepChain = random.next(4) == 0
    let count = deepChain ? 70 + random.next(10) : 2 + random.next(8)
    for index in 0..<count {
      let body = deepChain && index > 0 ? "[[[*a\(index - 1)]]]" : value(index, 0)
      lines.append("a\(index): &a\(index) \(body)")
    }
    if deepChain {  // the deepest copied ten times: the depth is reached before the budget
      lines.append(
        "z: [" + Array(repeating: "*a\(count - 1)", count: 10).joined(separator: ", ") + "]")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func diagnostics(_ text: String, budget: Int, countingAliases: Bool) -> ([String], Bool) {
    let log = DiagnosticLog()
    let node = Document.parse(
      text, file: "t.yaml", log: log, budget: budget, countingAliases: countingAliases)
    return (log.sortedDiagnostics.map(\.description), node != nil)
  }

  @Test func countingGivesTheDiagnosticsOfBuilding() {
    var random = Stream(state: 2024)
    var refused = 0
    for _ in 0..<300 {
      let text = Self.document(&random)
      let budget = [5, 30, 200, 2_000, 8_000, 20_000][random.next(6)]
      let counted = diagnostics(text, budget: budget, countingAliases: true)
      let built = diagnostics(text, budget: budget, countingAliases: false)
      #expect(counted.0 == built.0, "\(text)")
      #expect(counted.1 == built.1, "\(text)")
      if counted.0.contains(where: { $0.contains("too many values") }) { refused += 1 }
    }
    #expect(refused > 30, "the documents reach the budget often enough to test its refusal")
  }
}
