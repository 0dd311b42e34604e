import Foundation
import MarketClearing
import ScenarioFormat

/// What `gpumarket clear` prints, as a table or as one JSON object.
struct ClearReport {
  let file: MarketFile
  let equilibrium: Equilibrium
  let options: ClearingOptions
  let solveSeconds: Double
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
    let verification: [String: Violation]?
  }

  func json() throws -> String {
    func finite(_ x: Double) -> Double? { x.isFinite ? x : nil }
    let a = equilibrium.allocation
    let verification = check.map { check in
      Dictionary(
        uniqueKeysWithValues: check.named.map { item in
          let buyerLevel = ["overBudget", "underSpent", "suboptimalBundle"].contains(item.name)
          let names = buyerLevel ? file.buyerNames : file.productNames
          return (
            item.name,
            JSONForm.Violation(
              value: finite(item.violation.value), index: item.violation.index,
              name: item.violation.index.map { names[$0] })
          )
        })
    }
    let form = JSONForm(
      converged: equilibrium.converged, iterations: equilibrium.iterations,
      clearingError: finite(equilibrium.clearingError), tolerance: options.tolerance,
      sigma: file.market.sigma, kernel: equilibrium.kernel.rawValue,
      buyers: file.buyerNames, products: file.productNames, prices: equilibrium.prices.map(finite),
      allocation: (0..<a.rows).map { i in (0..<a.columns).map { finite(a[i, $0]) } },
      spending: equilibrium.spending.map(finite), unsold: equilibrium.unsold.map(finite),
      idleBuyers: equilibrium.idleBuyers.map { file.buyerNames[$0] },
      withdrawnProducts: equilibrium.withdrawnProducts.map { file.productNames[$0] },
      unvaluedProducts: equilibrium.unvaluedProducts.map { file.productNames[$0] },
      solveSeconds: solveSeconds, verification: verification)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(form), as: UTF8.self)
  }

  func table() -> String {
    let market = file.market
    let f = NumberFormatting.short
    var lines: [String] = []
    let status =
      equilibrium.converged
      ? "converged (clearing error \(f(equilibrium.clearingError)) <= \(f(options.tolerance)))"
      : "NOT CONVERGED (clearing error \(f(equilibrium.clearingError)) > \(f(options.tolerance)))"
    lines.append(
      "Cleared \(market.buyerCount) buyers x \(market.productCount) products (sigma \(f(market.sigma))) "
        + "in \(equilibrium.iterations) iterations, \(NumberFormatting.milliseconds(solveSeconds)): \(status)"
    )
    lines.append("")
    var products = TextTable(["product", "supply", "sold", "unsold", "reserve", "price", "note"])
    products.alignments[6] = .left
    for j in 0..<market.productCount {
      let note =
        equilibrium.withdrawnProducts.contains(j)
        ? "no supply" : equilibrium.unvaluedProducts.contains(j) ? "valued by nobody" : ""
      products.append([
        file.productNames[j], f(market.supplies[j]), f(market.supplies[j] - equilibrium.unsold[j]),
        f(equilibrium.unsold[j]), f(market.reservePrices[j]), f(equilibrium.prices[j]), note,
      ])
    }
    lines.append(products.rendered)
    lines.append("")
    var buyers = TextTable(["buyer", "budget", "spending", "unspent", "note"])
    buyers.alignments[4] = .left
    for i in 0..<market.buyerCount {
      let note = equilibrium.idleBuyers.contains(i) ? "values nothing on offer" : ""
      buyers.append([
        file.buyerNames[i], f(market.budgets[i]), f(equilibrium.spending[i]),
        f(market.budgets[i] - equilibrium.spending[i]), note,
      ])
    }
    lines.append(buyers.rendered)
    if market.productCount <= 12 && market.buyerCount <= 50 {
      lines.append("")
      lines.append("allocation (units bought)")
      var allocation = TextTable(["buyer"] + file.productNames)
      for i in 0..<market.buyerCount {
        allocation.append(
          [file.buyerNames[i]] + (0..<market.productCount).map { f(equilibrium.allocation[i, $0]) })
      }
      lines.append(allocation.rendered)
    } else {
      lines.append("")
      lines.append(
        "(allocation matrix omitted: \(market.buyerCount) x \(market.productCount); use --format json)"
      )
    }
    if let check {
      lines.append("")
      lines.append("verification (worst relative violation of each equilibrium condition)")
      var table = TextTable(["condition", "worst", "where"])
      table.alignments[2] = .left
      for (name, violation) in check.named {
        let buyerLevel = ["overBudget", "underSpent", "suboptimalBundle"].contains(name)
        let place =
          violation.index.map {
            buyerLevel ? "buyer \(file.buyerNames[$0])" : "product \(file.productNames[$0])"
          } ?? ""
        table.append([name, f(violation.value), place])
      }
      lines.append(table.rendered)
    }
    return lines.joined(separator: "\n")
  }
}
