import Experiments
import Foundation
import Testing

@testable import Reports

@Suite struct TableTests {
  let table = ReportTable(
    id: "t", title: "Prices & shares", columns: ["chip", "price", "n"],
    rows: [
      [.text("h100"), .number(2.345678), .integer(3)],
      [.text("b200, \"new\""), .number(-0.000012345), .integer(10)],
      [.text("a|b_c"), .number(.nan), .empty],
    ], note: "Mean ± 95% CI.")

  @Test(arguments: [
    (2.345678, "2.346"), (-0.000012345, "-1.234e-05"), (1234567.0, "1234567"),
    (12345678.0, "1.235e+07"),
    (0.5, "0.5000"), (0.0, "0"), (-0.00001, "-1.000e-05"), (100.0, "100.0"), (Double.nan, "nan"),
  ])
  func numbersFormatWithFourSignificantDigits(value: Double, expected: String) {
    #expect(NumberFormat.format(value) == expected)
  }

  @Test func fixedNeverPrintsNegativeZero() {
    #expect(NumberFormat.fixed(-0.001, decimals: 2) == "0.00")
    #expect(NumberFormat.fixed(-1.5, decimals: 1) == "-1.5")
    #expect(NumberFormat.fixed(0.125, decimals: 2) == "0.12")
    #expect(NumberFormat.fixed(0.375, decimals: 2) == "0.38")
    #expect(NumberFormat.fixed(2.675, decimals: 2) == "2.67")
    #expect(NumberFormat.fixed(-0.0, decimals: 0) == "0")
    #expect(NumberFormat.fixed(760, decimals: 2) == "760.00")
  }

  @Test func markdownHasHeaderSeparatorAndEscapes() {
    let lines = TableRenderer.markdown(table).split(
      separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "**Prices & shares**")
    #expect(lines[2] == "| chip | price | n |")
    #expect(lines[3] == "|---|---:|---:|")
    #expect(lines[6] == "| a\\|b_c | nan |  |")
  }

  @Test func csvQuotesAndKeepsFullPrecision() {
    let text = TableRenderer.csv(table)
    #expect(
      text
        == "chip,price,n\r\nh100,2.345678,3\r\n\"b200, \"\"new\"\"\",-1.2345e-05,10\r\na|b_c,,\r\n")
  }

  @Test func jsonParses() throws {
    let text = TableRenderer.json(table)
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    #expect(object?["title"] as? String == "Prices & shares")
    let rows = object?["rows"] as? [[Any]]
    #expect(rows?.count == 3)
    #expect((rows?[0][1] as? Double).map { abs($0 - 2.345678) < 1e-12 } == true)
    #expect(rows?[2][1] is NSNull)
  }

  @Test func latexUsesBooktabsAndEscapes() {
    let text = TableRenderer.latex(table)
    #expect(text.contains("\\begin{tabular}{lrr}"))
    #expect(
      text.contains("\\toprule") && text.contains("\\midrule") && text.contains("\\bottomrule"))
    #expect(text.contains("\\caption{Prices \\& shares}"))
    #expect(text.contains("a|b\\_c & nan &  \\\\"))
    #expect(text.contains("Mean $\\pm$ 95\\% CI."))
    #expect(!text.contains("\\hline"))
  }

  @Test func textAlignsNumbersRight() {
    let lines = TableRenderer.text(table).split(separator: "\n")
    #expect(lines[1] == "chip              price   n")
    #expect(lines[3] == "h100              2.346   3")
  }

  @Test func truncationSaysSo() {
    let long = ReportTable(
      id: "l", title: "L", columns: ["i"], rows: (0..<10).map { [.integer($0)] })
    let cut = long.truncated(to: 3)
    #expect(cut.rows.count == 3)
    #expect(cut.note?.contains("First 3 of 10 rows") == true)
  }
}

@Suite struct ComparisonTableTests {
  @Test func comparisonHasPairedDifferencesFromTheFirstScenario() throws {
    let table = ComparisonTable.make(
      scenarios: [
        ("baseline", ["price": [2, 2.2, 2.4], "share": [0.1, 0.1]]),
        ("no-colossus", ["price": [2.5, 2.7, 2.9]]),
      ], outcomes: ["price", "share"])
    #expect(
      table.columns == [
        "outcome", "baseline mean", "baseline ±95%", "no-colossus mean", "no-colossus ±95%",
        "Δ vs baseline", "Δ 95% low", "Δ 95% high",
      ])
    guard case .number(let delta) = table.rows[0][5], case .number(let low) = table.rows[0][6],
      case .number(let high) = table.rows[0][7]
    else {
      Issue.record("no difference in \(table.rows[0])")
      return
    }
    // Every pair differs by 0.5: the paired interval has zero width (Welch's would not).
    #expect(abs(delta - 0.5) < 1e-12)
    #expect(abs(high - low) < 1e-12)
    #expect(table.rows[1][3] == .empty && table.rows[1][5] == .empty)
    #expect(table.note?.contains("paired") == true)
  }
}

/// `NumberFormat.fixed` writes what `%.Nf` writes, whether its fast path or `String(format:)`
/// answers: on random values of every magnitude it covers, on exact halves and on values a
/// rounding error away from them.
@Suite struct FixedFormatTests {
  @Test func fixedMatchesPrintfEverywhere() {
    var generator = SystemRandomNumberGenerator()
    var values: [Double] = [0, -0.0, 0.5, -0.5, 1.5, 2.5, 0.005, 0.015, 0.025, 1e9, 999_999.995]
    for _ in 0..<20_000 {
      let magnitude = Double.random(in: -8...10, using: &generator)
      values.append(
        (Bool.random(using: &generator) ? -1 : 1) * pow(10, magnitude)
          * Double.random(in: 1..<10, using: &generator))
    }
    for _ in 0..<5_000 {
      // Exact halves at 2 decimals (k + 0.5) / 100, and their neighbours.
      let half = (Double(Int.random(in: -100_000...100_000, using: &generator)) + 0.5) / 100
      values += [half, half.nextUp, half.nextDown]
      let grid = Double(Int.random(in: -100_000...100_000, using: &generator)) / 8
      values += [grid, grid.nextUp, grid.nextDown]
    }
    var mismatches: [String] = []
    for value in values {
      for decimals in 0...6 {
        var expected = String(format: "%.\(decimals)f", value)
        if expected.hasPrefix("-") && expected.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
          expected.removeFirst()
        }
        let got = NumberFormat.fixed(value, decimals: decimals)
        if got != expected { mismatches.append("\(value) at \(decimals): \(got) ≠ \(expected)") }
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    // The fast path answers a good share of them (else it would test nothing).
    let fast = values.filter { NumberFormat.fastFixed($0, decimals: 2) != nil }.count
    #expect(fast > values.count / 3)
  }
}
