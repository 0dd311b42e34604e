import Foundation
import JSONWriting
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

  /// A JSON member: its key and the closure that writes its value.
  typealias Member = (key: String, value: () -> Void)

  /// Writes the JSON form: one object, keys sorted, non-finite numbers as `null`, optional keys
  /// (`clearingError` when not finite, `verification` without `--verify`) left out. Streamed, so
  /// a 10,000 x 1,000 allocation is never held as text.
  func writeJSON(to out: JSONStream) {
    let members =
      equilibriumMembers(out)
      + [
        ("buyers", { out.strings(file.buyerNames) }),
        ("kernel", { out.string(equilibrium.kernel.rawValue) }),
        ("loadSeconds", { out.number(loadSeconds) }),
        ("products", { out.strings(file.productNames) }),
        ("sigma", { out.number(file.market.sigma) }),
        ("solveSeconds", { out.number(solveSeconds) }),
        ("tolerance", { out.number(options.tolerance) }),
      ]
    out.object(members.sorted { $0.key < $1.key })
  }

  /// The members that differ between the equilibria of one market (also each entry of a
  /// `budgetSets` batch): `allocation`, `clearingError`, `converged`, `idleBuyers`,
  /// `iterations`, `prices`, `spending`, `unsold`, `unvaluedProducts`, `verification`,
  /// `withdrawnProducts`.
  func equilibriumMembers(_ out: JSONStream) -> [Member] {
    let a = equilibrium.allocation
    var members: [Member] = [
      (
        "allocation",
        {
          out.array(count: a.rows) { i in out.numbers(a.row(i)) }
        }
      ),
      ("converged", { out.bool(equilibrium.converged) }),
      ("idleBuyers", { out.strings(equilibrium.idleBuyers.map { file.buyerNames[$0] }) }),
      ("iterations", { out.integer(equilibrium.iterations) }),
      ("prices", { out.numbers(equilibrium.prices) }),
      ("spending", { out.numbers(equilibrium.spending) }),
      ("unsold", { out.numbers(equilibrium.unsold) }),
      (
        "unvaluedProducts",
        { out.strings(equilibrium.unvaluedProducts.map { file.productNames[$0] }) }
      ),
      (
        "withdrawnProducts",
        { out.strings(equilibrium.withdrawnProducts.map { file.productNames[$0] }) }
      ),
    ]
    if equilibrium.clearingError.isFinite {
      members.append(("clearingError", { out.number(equilibrium.clearingError) }))
    }
    if let check {
      members.append(("verification", { writeVerification(check, to: out) }))
    }
    return members
  }

  /// `{"condition": {"index": i, "name": "...", "value": v}, ...}`, conditions sorted; `index`
  /// and `name` only where the violation has a place, `value` only when finite.
  private func writeVerification(_ check: EquilibriumCheck, to out: JSONStream) {
    let conditions = check.named.sorted { $0.name < $1.name }
    out.object(
      conditions.map { item in
        (
          item.name,
          {
            let names = Self.isBuyerCondition(item.name) ? file.buyerNames : file.productNames
            var fields: [Member] = []
            if let index = item.violation.index {
              fields.append(("index", { out.integer(index) }))
              fields.append(("name", { out.string(names[index]) }))
            }
            if item.violation.value.isFinite {
              fields.append(("value", { out.number(item.violation.value) }))
            }
            out.object(fields)
          }
        )
      })
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
