import Foundation
import Testing

@testable import Simulation

/// Outcome names parse into typed names and print back identically; the docs table is the
/// catalog's.
@Suite struct OutcomeCatalogTests {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test(arguments: [
    "price.h100.2026", "price.h100.2026-04", "installed.world.2026-01", "hhi.2026",
    "share.anthropic.2026", "installedShare.hyperscaler.2026-04", "compute.china-labs.2025",
    "compute.gen.with.dots.2025", "shipments.nvidia.2023", "revenue.nvidia.2024",
    "compute.anthropic.2026-H2", "contracted.anthropic.coreweave.2026-H1",
  ])
  func namesRoundTrip(_ text: String) throws {
    let name = try OutcomeName(parsing: text)
    #expect(name.description == text)
    #expect(try OutcomeName(parsing: name.description) == name)
  }

  @Test func partsAreTyped() throws {
    let name = try OutcomeName(parsing: "share.anthropic.2026")
    #expect(name.kind == .share)
    #expect(name.entity == "anthropic")
    #expect(name.period == .year("2026"))
    let hhi = try OutcomeName(parsing: "hhi.2026-03")
    #expect(hhi.entity == nil)
    #expect(hhi.period == .month("2026-03"))
  }

  @Test(arguments: [
    ("shares.anthropic.2026", "unknown outcome kind 'shares'"),
    ("share.anthropic.26", "'26' is not a period"),
    ("share.anthropic.2026-13", "'2026-13' is not a period"),
    ("share.anthropic.2026-H3", "'2026-H3' is not a period"),
    ("share.2026", "share needs a buyer or generator"),
    ("hhi.x.2026", "hhi takes no entity"),
    ("share", "is not an outcome name"),
  ])
  func badNamesSayWhy(_ text: String, _ reason: String) {
    #expect {
      _ = try OutcomeName(parsing: text)
    } throws: { error in
      "\(error)".contains(reason)
    }
  }

  /// A half year is its six months: H1 + H2 of a flow is the year's value.
  @Test func halfYearsSplitTheYear() throws {
    let run = try ScenarioEffectTests.run("baseline-2026")
    let year = run.months.first!.prefix(4)
    let h1 = run.steps(in: .half("\(year)-H1"))
    let h2 = run.steps(in: .half("\(year)-H2"))
    #expect(h1.count + h2.count == run.steps(in: .year(String(year))).count)
    #expect(Set(h1).isDisjoint(with: h2))
    #expect(h1.allSatisfy { Int(run.months[$0].suffix(2))! <= 6 })
  }

  /// Every kind the catalog lists is reachable by its name, once.
  @Test func catalogNamesAreUnique() {
    let names = OutcomeKind.all.map(\.name)
    #expect(Set(names).count == names.count)
    for kind in OutcomeKind.all { #expect(OutcomeKind.named(kind.name) == kind) }
  }

  /// The standard summary's names all parse back to the typed names that produced them.
  @Test func summaryNamesParse() throws {
    let result = try Engine.run(TestMarket.scenario(), seed: 1)
    for name in result.standardOutcomes {
      #expect(try OutcomeName(parsing: name.description) == name)
    }
    #expect(!result.standardSummary().isEmpty)
  }

  /// Shares of all buyers (named ones and generator groups) add up to 1 each year, and the HHI
  /// is the sum of squared percentage shares: two kinds that read the series differently.
  @Test func sharesAddUpAndGiveTheHHI() throws {
    let result = try Engine.run(TestMarket.scenario(), seed: 1)
    let groups =
      Array(result.buyerIds.prefix(result.namedBuyerCount)) + result.buyerGroups.map(\.id)
    #expect(result.buyerGroups.isEmpty, "the HHI check below needs buyers as groups")
    for year in result.years {
      let shares = groups.map { result.value(of: OutcomeName(.share, $0, .year(year)))! }
      #expect(abs(shares.reduce(0, +) - 1) < 1e-12, "\(year)")
      let hhi = shares.reduce(0) { $0 + (100 * $1) * (100 * $1) }
      let reported = result.value(of: OutcomeName(.hhi, nil, .year(year)))!
      #expect(abs(reported - hhi) < 1e-9 * hhi, "\(year)")
    }
  }

  @Test func modelDocListsTheCatalog() throws {
    let url = Self.root.appendingPathComponent("docs/model.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let begin = try #require(text.range(of: "<!-- outcomes:begin"))
    let beginLineEnd = try #require(text[begin.upperBound...].range(of: "-->\n"))
    let end = try #require(text.range(of: "<!-- outcomes:end -->"))
    let current = String(text[beginLineEnd.upperBound..<end.lowerBound])
    let generated = OutcomeKind.markdownTable()
    if ProcessInfo.processInfo.environment["GPUMARKET_RECORD"] == "1" {
      try text.replacingCharacters(in: beginLineEnd.upperBound..<end.lowerBound, with: generated)
        .write(to: url, atomically: true, encoding: .utf8)
      return
    }
    #expect(
      current == generated,
      "docs/model.md is out of date: run GPUMARKET_RECORD=1 swift test --filter OutcomeCatalogTests"
    )
  }
}
