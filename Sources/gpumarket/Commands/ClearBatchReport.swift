import Foundation
import MarketClearing
import Reports
import ScenarioFormat

/// What `gpumarket clear` prints for a file with `budgetSets`: K equilibria of one market.
///
/// JSON: `buyers`, `products`, `sigma`, `tolerance`, `kernel`, `solveSeconds` (the whole batch),
/// `loadSeconds`, and `equilibria`, one object per budget set with the single-market keys that
/// differ between sets (`converged`, `iterations`, `clearingError`, `budgets`, `prices`,
/// `allocation`, `spending`, `unsold`, `idleBuyers`, `withdrawnProducts`, `unvaluedProducts`,
/// `verification`).
struct ClearBatchReport {
  let reports: [ClearReport]
  let solveSeconds: Double
  let loadSeconds: Double

  struct JSONForm: Encodable {
    struct Entry: Encodable {
      let converged: Bool
      let iterations: Int
      let clearingError: Double?
      let budgets: [Double]
      let prices: [Double?]
      let allocation: [[Double?]]
      let spending: [Double?]
      let unsold: [Double?]
      let idleBuyers: [String]
      let withdrawnProducts: [String]
      let unvaluedProducts: [String]
      let verification: [String: ClearReport.JSONForm.Violation]?
    }
    let buyers: [String]
    let products: [String]
    let sigma: Double
    let tolerance: Double
    let kernel: String
    let solveSeconds: Double
    let loadSeconds: Double
    let equilibria: [Entry]
  }

  func json() throws -> String {
    let forms = reports.map { ($0, $0.form()) }
    let first = forms.first?.1
    let form = JSONForm(
      buyers: first?.buyers ?? [], products: first?.products ?? [], sigma: first?.sigma ?? .nan,
      tolerance: first?.tolerance ?? .nan, kernel: first?.kernel ?? "", solveSeconds: solveSeconds,
      loadSeconds: loadSeconds,
      equilibria: forms.map { report, form in
        JSONForm.Entry(
          converged: form.converged, iterations: form.iterations,
          clearingError: form.clearingError, budgets: report.file.market.budgets,
          prices: form.prices, allocation: form.allocation, spending: form.spending,
          unsold: form.unsold, idleBuyers: form.idleBuyers,
          withdrawnProducts: form.withdrawnProducts, unvaluedProducts: form.unvaluedProducts,
          verification: form.verification)
      })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(form), as: UTF8.self)
  }

  /// One line for the batch, then each set's report under a heading.
  func table() -> String {
    let converged = reports.filter(\.equilibrium.converged).count
    var sections = [
      "Cleared \(reports.count) budget sets together in "
        + "\(String(format: "%.3g ms", solveSeconds * 1000)): \(converged) of \(reports.count) converged"
    ]
    for (k, report) in reports.enumerated() {
      sections.append("")
      sections.append("== budgetSets[\(k)] ==")
      sections.append(report.table())
    }
    return sections.joined(separator: "\n")
  }
}
