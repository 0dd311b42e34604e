/// A buyer's training campaign in steps: when it may be placed, how long it runs, what it bids.
struct CampaignPlan: Sendable {
  let buyer: Index<Buyer>
  /// The campaign as written.
  let campaign: TrainingCampaign
  /// First and last step in which a block may be found for it (the steps holding `start` and
  /// `start + waitMonths`, within the horizon).
  let first: Index<Step>
  let last: Index<Step>
  /// Length of the run in steps (rounded up).
  let steps: Int
  /// `π(N)`: the most it pays over the forward price, a share of it.
  let bidPremium: Double

  /// The campaigns of `buyers` whose window meets the horizon.
  static func plans(
    _ buyers: IndexedArray<Buyer, Buyer>, months: IndexedArray<Step, YearMonth>, stepMonths: Int,
    training: TrainingSettings
  ) -> IndexedArray<TrainingCampaign, CampaignPlan> {
    var plans = IndexedArray<TrainingCampaign, CampaignPlan>()
    guard let firstMonth = months.elements.first else { return plans }
    let stepCount = months.count
    /// The step holding `month` (may lie outside `0..<stepCount`).
    func step(_ month: YearMonth) -> Int {
      let offset = month.index - firstMonth.index
      return offset >= 0 ? offset / stepMonths : -((-offset + stepMonths - 1) / stepMonths)
    }
    for (b, buyer) in buyers.indexed() {
      for campaign in buyer.campaigns {
        let first = max(0, step(campaign.start))
        let last = min(stepCount - 1, step(campaign.start.adding(months: campaign.waitMonths)))
        guard first <= last else { continue }
        plans.append(
          CampaignPlan(
            buyer: b, campaign: campaign, first: Index(first), last: Index(last),
            steps: max(1, (campaign.months + stepMonths - 1) / stepMonths),
            bidPremium: training.bidPremium(h100e: campaign.h100e)))
      }
    }
    return plans
  }
}
