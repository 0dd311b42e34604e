import Explorer
import LocatedYAML
import Testing

struct WhatIfTextTests {
  @Test func shellQuoting() {
    #expect(WhatIfText.shellQuoted("market.sigma=6") == "market.sigma=6")
    #expect(WhatIfText.shellQuoted("a b") == "'a b'")
    #expect(WhatIfText.shellQuoted("it's") == "'it'\\''s'")
    #expect(WhatIfText.shellQuoted("") == "''")
    #expect(WhatIfText.shellQuoted("$HOME") == "'$HOME'")
    #expect(
      WhatIfText.commandLine(source: "my file.yaml", overrides: ["buyers.x.sigma=2", "a=[1, 2]"])
        == "gpumarket run 'my file.yaml' --set buyers.x.sigma=2 --set 'a=[1, 2]'")
  }

  @Test func specsOfKeyPaths() throws {
    let sigma = try #require(Knobs.spec(at: KeyPath(parsing: "market.sigma")!))
    guard case .number(.range(let range)) = sigma.type else {
      Issue.record("market.sigma is a ranged number")
      return
    }
    #expect(range.lowerBound == 1 && range.upperBound == 50)
    let price = try #require(Knobs.spec(at: KeyPath(parsing: "chips.h100.priceUSD")!))
    #expect(price.unit.contains("USD"))
    #expect(Knobs.spec(at: KeyPath(parsing: "market.nonsense")!) == nil)
    #expect(Knobs.spec(at: KeyPath(parsing: "events[0].at")!) == nil)
  }
}
