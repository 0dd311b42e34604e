/// Blocks of chips at one site and the training runs they allow (docs/model.md, "Blocks and
/// the largest feasible run").
extension OutcomeKind {
  public static let largestBlock = OutcomeKind(
    "largestBlock", unit: "H100e", entity: .namedBuyer, aggregation: .largest,
    doc: "largest block of chips the buyer holds at one site (own use and sited contracts)"
  ) { r, entity, steps in
    r.largestBlockH100e[entity!].map { series in steps.map { series[$0] }.max() ?? 0 }
  }

  public static let largestRun = OutcomeKind(
    "largestRun", unit: "FLOP", entity: .namedBuyer, aggregation: .largest,
    doc: "training run its largest block allows: H100e · 989e12 FLOP/s · mfu · days"
  ) { r, entity, steps in
    r.largestBlockH100e[entity!].map { series in
      (steps.map { series[$0] }.max() ?? 0) * r.trainingFLOPPerH100e
    }
  }
}
