import Foundation
import Testing

/// `gpumarket tco`: a fleet valued against replicate runs, and its refusals.
@Suite struct TCOCommandTests {
  static func json(_ arguments: [String]) throws -> [String: Any] {
    let result = try CLIRunner.run(["tco", "baseline-2026"] + arguments + ["--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
  }

  /// Each replicate's NPV is its revenue less capital and running cost; quantiles are ordered;
  /// dearer power lowers the NPV and raises the break-even rental price.
  @Test func replicatesAddUpAndPowerCostsMoney() throws {
    let base = ["--chip", "h100", "--count", "1000", "--purchase", "2024-06"]
    let noisy = try Self.json(base + ["--replicates", "3", "--set", "randomness.demandNoise=0.1"])
    let replicates = noisy["replicates"] as! [[String: Any]]
    #expect(replicates.count == 3)
    for r in replicates {
      let npv = r["npvOwned"] as! Double
      let parts =
        (r["revenue"] as! Double) - (r["capital"] as! Double) - (r["runningCost"] as! Double)
      #expect(abs(npv - parts) <= 1e-9 * abs(r["capital"] as! Double))
    }
    #expect(Set(replicates.map { $0["npvOwned"] as! Double }).count == 3, "noise moves the NPV")
    for row in noisy["summary"] as! [[String: Any]] {
      let p5 = row["p5"] as! Double
      let p50 = row["p50"] as! Double
      let p95 = row["p95"] as! Double
      #expect(p5 <= p50 && p50 <= p95, "\(row)")
    }
    #expect(noisy["lifeMonths"] as? Int == 72 && noisy["capitalUSDPerChip"] as? Double == 33750)
    func value(_ object: [String: Any], _ key: String) -> Double {
      let row = (object["summary"] as! [[String: Any]]).first { $0["quantity"] as? String == key }!
      return row["mean"] as! Double
    }
    let cheap = try Self.json(base)
    let dear = try Self.json(base + ["--power-usd-per-kwh", "0.3"])
    #expect(value(dear, "npvOwned") < value(cheap, "npvOwned"))
    #expect(value(dear, "breakEvenRent") > value(cheap, "breakEvenRent"))
    #expect(value(dear, "revenue") == value(cheap, "revenue"))
  }

  /// A life past the scenario's horizon is simulated on an extended run: bought in the last
  /// month, every month but the first is past the horizon, and so is all of the revenue.
  @Test func aLifePastTheHorizonIsSimulated() throws {
    let late = try Self.json(["--chip", "h100", "--count", "1000", "--purchase", "2027-12"])
    #expect(late["monthsBeyondHorizon"] as? Int == 71 && late["horizonEnd"] as? String == "2027-12")
    let replicate = (late["replicates"] as! [[String: Any]])[0]
    let revenue = replicate["revenue"] as! Double
    #expect(revenue > 0 && replicate["revenueBeyondHorizon"] as! Double == revenue)
    let inside = try Self.json([
      "--chip", "h100", "--count", "1000", "--purchase", "2024-01", "--life-months", "12",
    ])
    #expect(inside["monthsBeyondHorizon"] as? Int == 0)
    #expect((inside["replicates"] as! [[String: Any]])[0]["revenueBeyondHorizon"] as? Double == 0)
  }

  @Test func badFleetsAreRefusedWithTheReason() throws {
    let chip = try CLIRunner.run([
      "tco", "baseline-2026", "--chip", "h1000", "--count", "1", "--purchase", "2024-01",
    ])
    #expect(chip.status == 2 && chip.stderr.contains("no chip 'h1000'"), "\(chip.stderr)")
    #expect(chip.stderr.contains("h100"), "a did-you-mean hint: \(chip.stderr)")
    let early = try CLIRunner.run([
      "tco", "baseline-2026", "--chip", "b200", "--count", "1", "--purchase", "2023-01",
    ])
    #expect(early.status == 2 && early.stderr.contains("first available"), "\(early.stderr)")
    let outside = try CLIRunner.run([
      "tco", "baseline-2026", "--chip", "h100", "--count", "1", "--purchase", "2031-01",
    ])
    #expect(
      outside.status == 2 && outside.stderr.contains("outside the scenario's run"),
      "\(outside.stderr)")
    let tenor = try CLIRunner.run([
      "tco", "baseline-2026", "--chip", "h100", "--count", "1", "--purchase", "2024-01",
      "--contract-months", "5",
    ])
    #expect(tenor.status == 64 && tenor.stderr.contains("--contract-months"), "\(tenor.stderr)")
    let count = try CLIRunner.run([
      "tco", "baseline-2026", "--chip", "h100", "--count", "-3", "--purchase", "2024-01",
    ])
    #expect(count.status == 64 && count.stderr.contains("--count"), "\(count.stderr)")
  }
}
