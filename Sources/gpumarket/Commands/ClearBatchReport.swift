import Foundation
import JSONWriting
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

  /// Writes the JSON form (keys sorted, streamed; see `ClearReport.writeJSON`).
  func writeJSON(to out: JSONStream) {
    let first = reports.first
    let members: [ClearReport.Member] = [
      ("buyers", { out.strings(first?.file.buyerNames ?? []) }),
      (
        "equilibria",
        {
          out.array(count: reports.count) { k in
            let report = reports[k]
            let entry =
              report.equilibriumMembers(out) + [
                ("budgets", { out.numbers(report.file.market.budgets) })
              ]
            out.object(entry.sorted { $0.key < $1.key })
          }
        }
      ),
      ("kernel", { out.string(first?.equilibrium.kernel.rawValue ?? "") }),
      ("loadSeconds", { out.number(loadSeconds) }),
      ("products", { out.strings(first?.file.productNames ?? []) }),
      ("sigma", { out.number(first?.file.market.sigma ?? .nan) }),
      ("solveSeconds", { out.number(solveSeconds) }),
      ("tolerance", { out.number(first?.options.tolerance ?? .nan) }),
    ]
    out.object(members)
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
