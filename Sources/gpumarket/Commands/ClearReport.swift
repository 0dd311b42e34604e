import Foundation
import MarketClearing
import Reports
import ScenarioFormat

/// What `gpumarket clear` prints, as a table or as one JSON object.
struct ClearReport {
  let file: MarketFile
  let equilibrium: Equilibrium
  let options: ClearingOptions
  let solveSeconds: Double
  /// Time spent reading and checking the file(s).
  let loadSeconds: Double
  let check: EquilibriumCheck?

  /// The JSON form (keys sorted; non-finite numbers as null).
  struct JSONForm: Encodable {
    struct Violation: Encodable {
      let value: Double?
      let index: Int?
      let name: String?
    }
    let converged: Bool
    let iterations: Int
    let clearingError: Double?
    let tolerance: Double
    let sigma: Double
    let kernel: String
    let buyers: [String]
    let products: [String]
    let prices: [Double?]
    let allocation: [[Double?]]
    let spending: [Double?]
    let unsold: [Double?]
    let idleBuyers: [String]
    let withdrawnProducts: [String]
    let unvaluedProducts: [String]
    let solveSeconds: Double
    let loadSeconds: Double
    let verification: [String: Violation]?
  }

  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(form()), as: UTF8.self)
  }

  /// The JSON form's values.
  func form() -> JSONForm {
    func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
    let a = equilibrium.allocation
    let verification = check.map { check in
      Dictionary(
        uniqueKeysWithValues: check.named.map { item in
          let names = Self.isBuyerCondition(item.name) ? file.buyerNames : file.productNames
          return (
            item.name,
            JSONForm.Violation(
              value: finite(item.violation.value), index: item.violation.index,
              name: item.violation.index.map { names[$0] })
          )
        })
    }
    return JSONForm(
      converged: equilibrium.converged, iterations: equilibrium.iterations,
      clearingError: finite(equilibrium.clearingError), tolerance: options.tolerance,
      sigma: file.market.sigma, kernel: equilibrium.kernel.rawValue,
      buyers: file.buyerNames, products: file.productNames, prices: equilibrium.prices.map(finite),
      allocation: (0..<a.rows).map { i in (0..<a.columns).map { finite(a[i, $0]) } },
      spending: equilibrium.spending.map(finite), unsold: equilibrium.unsold.map(finite),
      idleBuyers: equilibrium.idleBuyers.map { file.buyerNames[$0] },
      withdrawnProducts: equilibrium.withdrawnProducts.map { file.productNames[$0] },
      unvaluedProducts: equilibrium.unvaluedProducts.map { file.productNames[$0] },
      solveSeconds: solveSeconds, loadSeconds: loadSeconds, verification: verification)
  }

  /// Whether a violation of `condition` is indexed by buyer (otherwise by product).
  static func isBuyerCondition(_ condition: String) -> Bool {
    ["overBudget", "underSpent", "suboptimalBundle"].contains(condition)
  }

  /// The name of the buyer or product a violation of `condition` points at.
  func place(of condition: String, index: Int) -> (kind: String, name: String) {
    Self.isBuyerCondition(condition)
      ? ("buyer", file.buyerNames[index]) : ("product", file.productNames[index])
  }

  /// Readable tables (products, buyers, allocation for small markets, verification), rendered
  /// by the report module's text renderer.
  func table() -> String {
    let market = file.market
    let f = { NumberFormat.format($0) }
    let status =
      equilibrium.converged
      ? "converged (clearing error \(f(equilibrium.clearingError)) <= \(f(options.tolerance)))"
      : "NOT CONVERGED (clearing error \(f(equilibrium.clearingError)) > \(f(options.tolerance)))"
    var sections = [
      "Cleared \(market.buyerCount) buyers x \(market.productCount) products (sigma \(f(market.sigma))) "
        + "in \(equilibrium.iterations) iterations, \(String(format: "%.3g ms", solveSeconds * 1000)): \(status)"
    ]
    func note(_ text: String) -> ReportTable.Cell { text.isEmpty ? .empty : .text(text) }
    let products = ReportTable(
      id: "products", title: "Products",
      columns: ["product", "supply", "sold", "unsold", "reserve", "price", "note"],
      rows: (0..<market.productCount).map { j in
        let remark =
          equilibrium.withdrawnProducts.contains(j)
          ? "no supply" : equilibrium.unvaluedProducts.contains(j) ? "valued by nobody" : ""
        return [
          .text(file.productNames[j]), .number(market.supplies[j]),
          .number(market.supplies[j] - equilibrium.unsold[j]), .number(equilibrium.unsold[j]),
          .number(market.reservePrices[j]), .number(equilibrium.prices[j]), note(remark),
        ]
      })
    let buyers = ReportTable(
      id: "buyers", title: "Buyers", columns: ["buyer", "budget", "spending", "unspent", "note"],
      rows: (0..<market.buyerCount).map { i in
        [
          .text(file.buyerNames[i]), .number(market.budgets[i]), .number(equilibrium.spending[i]),
          .number(market.budgets[i] - equilibrium.spending[i]),
          note(equilibrium.idleBuyers.contains(i) ? "values nothing on offer" : ""),
        ]
      })
    sections += [TableRenderer.text(products), TableRenderer.text(buyers)]
    if market.productCount <= 12 && market.buyerCount <= 50 {
      let allocation = ReportTable(
        id: "allocation", title: "allocation (units bought)",
        columns: ["buyer"] + file.productNames,
        rows: (0..<market.buyerCount).map { i in
          [.text(file.buyerNames[i])]
            + (0..<market.productCount).map { .number(equilibrium.allocation[i, $0]) }
        })
      sections.append(TableRenderer.text(allocation))
    } else {
      sections.append(
        "(allocation matrix omitted: \(market.buyerCount) x \(market.productCount); use --format json)\n"
      )
    }
    if let check {
      let verification = ReportTable(
        id: "verification",
        title: "verification (worst relative violation of each equilibrium condition)",
        columns: ["condition", "worst", "where"],
        rows: check.named.map { name, violation in
          let place = violation.index.map { self.place(of: name, index: $0) }
          return [
            .text(name), .number(violation.value),
            note(place.map { "\($0.kind) \($0.name)" } ?? ""),
          ]
        })
      sections.append(TableRenderer.text(verification))
    }
    return sections.joined(separator: "\n").trimmingCharacters(in: .newlines)
  }
}
