import Foundation
import Simulation

/// The readable summary of a run: spot prices by chip, compute by buyer, holdings by provider.
struct RunReport {
  let result: RunResult

  init(_ result: RunResult) { self.result = result }

  func render(markdown: Bool) -> String {
    let r = result
    let years = r.years
    var out =
      "Scenario \(r.scenarioName), seed \(r.seed): \(r.months.first ?? "")...\(r.months.last ?? "") (\(r.months.count) \(r.stepMonths == 1 ? "months" : "steps of \(r.stepMonths) months"))\n"

    out += section("Spot price by chip, $/GPU-hour (mean of monthly averages)", markdown)
    var rows = r.chipIds.map { chip in
      [chip] + years.map { cell(r.value(of: OutcomeName(.price, chip, .year($0))), "%.2f") }
    }
    out += table(["chip"] + years, rows, markdown)

    out += section("Chips shipped, thousands", markdown)
    rows = r.chipIds.map { chip in
      [chip]
        + years.map {
          cell(r.value(of: OutcomeName(.shipments, chip, .year($0))).map { $0 / 1e3 }, "%.0f")
        }
    }
    out += table(["chip"] + years, rows, markdown)

    let groups = Array(r.buyerIds[0..<r.namedBuyerCount]) + r.buyerGroups.map(\.id)
    let last = years.last ?? ""
    let lastYear = years.last.map { OutcomePeriod.year($0) }
    out += section(
      "Compute by buyer, million H100e GPU-hours per year (share in \(last))", markdown)
    rows = groups.map { buyer in
      [buyer]
        + years.map {
          cell(r.value(of: OutcomeName(.compute, buyer, .year($0))).map { $0 / 1e6 }, "%.1f")
        }
        + [
          cell(
            lastYear.flatMap { r.value(of: OutcomeName(.share, buyer, $0)) }.map { $0 * 100 },
            "%.1f%%")
        ]
    }
    out += table(["buyer"] + years + ["share"], rows, markdown)

    out += section("Installed H100e by provider at year end, thousands", markdown)
    let ends = years.map { y in r.months.last { $0.hasPrefix(y + "-") }! }
    rows = r.providerIds.map { provider in
      [provider]
        + ends.map {
          cell(r.value(of: OutcomeName(.installed, provider, .month($0))).map { $0 / 1e3 }, "%.0f")
        }
    }
    out += table(["provider"] + ends, rows, markdown)

    let short = r.providerIds.filter { provider in
      ends.contains { (r.value(of: OutcomeName(.waiting, provider, .month($0))) ?? 0) > 0.5 }
    }
    if !short.isEmpty {
      out += section("Chips waiting for power at year end, thousand H100e", markdown)
      rows = short.map { provider in
        [provider]
          + ends.map {
            cell(r.value(of: OutcomeName(.waiting, provider, .month($0))).map { $0 / 1e3 }, "%.0f")
          }
      }
      out += table(["provider"] + ends, rows, markdown)
    }

    out += section("Market", markdown)
    rows = [
      ["HHI of compute (0-10000)"]
        + years.map { cell(r.value(of: OutcomeName(.hhi, nil, .year($0))), "%.0f") },
      ["hyperscaler share of installed H100e"]
        + ends.map {
          cell(
            r.value(of: OutcomeName(.installedShare, "hyperscaler", .month($0))).map { $0 * 100 },
            "%.1f%%")
        },
    ]
    out += table(["measure"] + years, rows, markdown)
    return out
  }

  private func section(_ title: String, _ markdown: Bool) -> String {
    markdown ? "\n### \(title)\n\n" : "\n\(title)\n"
  }

  private func cell(_ value: Double?, _ format: String) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: format, value)
  }

  private func table(_ header: [String], _ rows: [[String]], _ markdown: Bool) -> String {
    if markdown {
      var lines = ["| " + header.joined(separator: " | ") + " |"]
      lines.append("|" + header.indices.map { $0 == 0 ? "---|" : "---:|" }.joined())
      lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
      return lines.joined(separator: "\n") + "\n"
    }
    let widths = header.indices.map { i in
      ([header] + rows).map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { i, text in
        let pad = String(repeating: " ", count: widths[i] - text.count)
        return i == 0 ? text + pad : pad + text
      }.joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
  }
}
