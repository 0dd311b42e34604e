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

  public static let campaignBlock = OutcomeKind(
    "campaignBlock", unit: "H100e", entity: .namedBuyer, aggregation: .largest,
    doc: "H100e the buyer holds under contracts for its training campaigns' blocks"
  ) { r, entity, steps in
    r.campaignBlockH100e[entity!].map { series in steps.map { series[$0] }.max() ?? 0 }
  }

  public static let campaignsMet = OutcomeKind(
    "campaignsMet", unit: "campaigns", entity: .namedBuyer, aggregation: .sum,
    doc: "training campaigns that found their block (own or contracted)"
  ) { r, entity, steps in
    r.campaignsMet[entity!].map { series in steps.reduce(0) { $0 + series[$1] } }
  }

  public static let campaignsUnmet = OutcomeKind(
    "campaignsUnmet", unit: "campaigns", entity: .namedBuyer, aggregation: .sum,
    doc: "training campaigns whose wait ended without a block"
  ) { r, entity, steps in
    r.campaignsUnmet[entity!].map { series in steps.reduce(0) { $0 + series[$1] } }
  }

  public static let campaignPremium = OutcomeKind(
    "campaignPremium", unit: "USD", entity: .namedBuyer, aggregation: .sum,
    doc: "paid for campaign blocks over the forward price (the block premium)"
  ) { r, entity, steps in
    r.campaignPremiumUSD[entity!].map { series in steps.reduce(0) { $0 + series[$1] } }
  }
}
