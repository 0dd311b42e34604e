/// Training campaigns bid for blocks at campus sites before the hedgers sign (see
/// docs/model.md, "Training campaigns and the block premium").
extension EngineState {
  /// Places this step's due campaigns, in order of bid `π(N)` (largest first, ties by order in
  /// the scenario):
  ///
  /// - a campaign whose buyer already holds a block `max_s B_bs ≥ N` (`blocksBySite`) runs on
  ///   it;
  /// - otherwise it tops up a block at the campus site s, of an owner it may rent from, where
  ///   the shortfall `S_bs = N − B_bs` fits in the free block `F_s = Σ_c a_sc · h100e_c` and
  ///   costs least, `S_bs · Φ_s` with `Φ_s` the forward price per H100e-hour of its run's
  ///   tenor (ties to the earlier site). `a_sc = min((1 − k_pc)·(installed_sc − scripted_sc)⁺
  ///   − held_sc, G_pc)`: what own use (`k`), scripted and campaign contracts leave at the
  ///   site, within the provider's forward capacity `G_pc`; chips banned to the buyer's region
  ///   count zero. It takes `g_c = a_sc · S_bs / F_s` of each chip, and only if it can pay
  ///   `S_bs · h · Φ_s · (1 + π)` out of this step's cash after its contracts;
  /// - a campaign for which no site was large enough loses; at the end of its wait it is
  ///   unmet.
  ///
  /// Each winner at s pays the forward price times `1 + min(π, π_s)`, with `π_s` the highest
  /// bid of a loser that could have used s (its `S ≤ F_s` before this step's placements, a
  /// positive affinity to s's owner, and the cash to pay `S · h · Φ_s · (1 + π)`): zero when
  /// large sites are plentiful. The contracts enter
  /// the book (delivered, paid and resold as any) and reduce the offer the hedgers see.
  func placeCampaigns(_ offer: inout ForwardOffer) {
    guard !compiled.campaigns.isEmpty else { return }
    campaignBook.dropEnded(before: t)
    var due = compiled.campaigns.indices.filter { j in
      let plan = compiled.campaigns[j]
      return campaignBook.status[j] == .pending && plan.first <= t && t <= plan.last
    }
    guard !due.isEmpty else { return }
    due.sort { i, j in
      let (a, b) = (compiled.campaigns[i].bidPremium, compiled.campaigns[j].bidPremium)
      return a != b ? a > b : i < j
    }
    // Own use and scripted deliveries of this step are known (`splitCapacity`).
    let payments = contractsAtFullDelivery().paymentsUSD
    var market = BlockMarket(
      blocks: blocksBySite(campaignsInFull: true),
      cash: IndexedArray(count: buyers.count) { flows.buyerBudget[$0] - payments[$0] },
      free: campusFreeGPUs(), left: offer.gpus,
      product: Table(rows: providers.count, columns: chips.count, repeating: nil))
    for (k, (p, c)) in offer.products.indexed() { market.product[p, c] = k }
    let freeBefore = market.free.mapValues { gpus in
      gpus.indexed().reduce(0) { $0 + $1.1 * compiled.chipH100e[$1.0] }
    }
    var placed: [(campaign: Index<TrainingCampaign>, quote: BlockQuote)] = []
    var losers: [Index<TrainingCampaign>] = []
    for j in due {
      let plan = compiled.campaigns[j]
      let b = plan.buyer
      if (market.blocks[b]?.values.max() ?? 0) >= plan.campaign.h100e * (1 - 1e-12) {
        campaignBook.status[j] = .ownBlock
        flows.campaignsMet[b] += 1
        continue
      }
      let (quote, roomSomewhere) = bestBlock(for: plan, in: market)
      guard let quote else {
        if !roomSomewhere { losers.append(j) }
        if t == plan.last {
          campaignBook.status[j] = .unmet
          flows.campaignsUnmet[b] += 1
        }
        continue
      }
      market.take(quote, provider: compiled.siteProvider[quote.site])
      market.cash[b] -= quote.shortfall * hoursPerGPU * quote.price * (1 + plan.bidPremium)
      market.blocks[b, default: [:]][quote.site, default: 0] += quote.shortfall
      placed.append((j, quote))
    }
    for (j, quote) in placed {
      let plan = compiled.campaigns[j]
      let s = quote.site
      let p = compiled.siteProvider[s]
      // π_s: the highest bid displaced from s.
      var displaced = 0.0
      for loser in losers {
        let other = compiled.campaigns[loser]
        let shortfall = other.campaign.h100e - (market.blocks[other.buyer]?[s] ?? 0)
        let payment = shortfall * hoursPerGPU * quote.price * (1 + other.bidPremium)
        guard shortfall <= freeBefore[s]!, compiled.affinity[other.buyer, p] > 0,
          payment <= market.cash[other.buyer]
        else { continue }
        displaced = max(displaced, other.bidPremium)
      }
      let premium = min(plan.bidPremium, displaced)
      for (c, gpus) in quote.gpus {
        let forward = forwardPrice(p, c, tenorMonths: plan.campaign.months)
        contractMarket.book.sign(
          SignedContract(
            buyer: plan.buyer, provider: p, chip: c, gpus: gpus,
            priceUSDPerGPUHour: forward * (1 + premium), start: t, steps: plan.steps,
            tenorMonths: plan.campaign.months))
        campaignBook.add(
          CampaignBook.Block(
            campaign: j, buyer: plan.buyer, provider: p, site: s, chip: c, gpus: gpus,
            forwardUSDPerGPUHour: forward, premium: premium, start: t, steps: plan.steps))
      }
      campaignBook.status[j] = .placed
      flows.campaignsMet[plan.buyer] += 1
    }
    offer.gpus = market.left
  }

  /// What this step's block placements read and use up.
  struct BlockMarket {
    /// `B_bs`, H100e, with the blocks placed so far this step.
    var blocks: [Index<Buyer>: [Index<Site>: Double]]
    /// Each buyer's cash after its contracts, USD.
    var cash: IndexedArray<Buyer, Double>
    /// Free GPUs per campus site and chip.
    var free: [Index<Site>: IndexedArray<Chip, Double>]
    /// Forward capacity `G` not yet sold, per product of the offer.
    var left: IndexedArray<ContractProduct, Double>
    /// The offer's product of each (provider, chip), if any.
    var product: Table<Provider, Chip, Index<ContractProduct>?>

    /// Removes a placed block's GPUs from its site and from its provider's forward capacity.
    mutating func take(_ quote: BlockQuote, provider p: Index<Provider>) {
      for (c, gpus) in quote.gpus {
        free[quote.site]![c] = max(0, free[quote.site]![c] - gpus)
        let k = product[p, c]!
        left[k] = max(0, left[k] - gpus)
      }
    }
  }

  /// A block a campaign could take: the site, the shortfall it buys there (H100e), its forward
  /// price ($/H100e-hour) and the GPUs of each chip.
  struct BlockQuote {
    let site: Index<Site>
    let shortfall: Double
    let price: Double
    let gpus: [(Index<Chip>, Double)]
  }

  /// The cheapest affordable block for `plan` (least `S_bs · Φ_s`, ties to the earlier site),
  /// and whether any site had room for its shortfall (affordable or not).
  func bestBlock(for plan: CampaignPlan, in market: BlockMarket) -> (BlockQuote?, Bool) {
    let b = plan.buyer
    var best: BlockQuote?
    var roomSomewhere = false
    for s in market.free.keys.sorted() {
      let p = compiled.siteProvider[s]
      guard compiled.affinity[b, p] > 0 else { continue }
      let shortfall = plan.campaign.h100e - (market.blocks[b]?[s] ?? 0)
      var size = 0.0
      var value = 0.0
      var available: [(Index<Chip>, Double)] = []
      for c in chips where market.free[s]![c] > 0 {
        guard let k = market.product[p, c] else { continue }
        if compiled.providerRegion[p] != compiled.buyerRegion[b]
          && schedule.isCloudBanned(region: compiled.buyerRegion[b], chip: c, step: t)
        {
          continue
        }
        let a = min(market.free[s]![c], market.left[k])
        guard a > 0 else { continue }
        size += a * compiled.chipH100e[c]
        value += a * forwardPrice(p, c, tenorMonths: plan.campaign.months)
        available.append((c, a))
      }
      guard size >= shortfall * (1 - 1e-12) else { continue }
      roomSomewhere = true
      let price = value / size
      guard shortfall * hoursPerGPU * price * (1 + plan.bidPremium) <= market.cash[b] else {
        continue
      }
      if let current = best, current.shortfall * current.price <= shortfall * price { continue }
      best = BlockQuote(
        site: s, shortfall: shortfall, price: price,
        gpus: available.map { ($0.0, $0.1 * shortfall / size) })
    }
    return (best, roomSomewhere)
  }

  /// `(1 − k_pc)·(installed_sc − scripted_sc)⁺ − held_sc` for every campus site a provider owns,
  /// GPUs per chip.
  func campusFreeGPUs() -> [Index<Site>: IndexedArray<Chip, Double>] {
    var scripted: [Index<Site>: IndexedArray<Chip, Double>] = [:]
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      guard let s = compiled.contractSite[k] else { continue }
      for c in chips where compiled.contractGPUs[k, c] > 0 {
        scripted[s, default: IndexedArray(repeating: 0, count: chips.count)][c] +=
          compiled.contractGPUs[k, c]
      }
    }
    var free: [Index<Site>: IndexedArray<Chip, Double>] = [:]
    for s in compiled.sites.indices
    where s.position < compiled.ownSiteCount && compiled.sites[s].interconnect == .campus {
      let p = compiled.siteProvider[s]
      var gpus = IndexedArray<Chip, Double>(repeating: 0, count: chips.count)
      for c in chips where installed[s, c] > 0 {
        let unscripted = max(0, installed[s, c] - (scripted[s]?[c] ?? 0))
        gpus[c] = max(
          0,
          (1 - flows.ownKeep[p, c]) * unscripted
            - campaignBook.heldGPUs(site: s, chip: c, at: t))
      }
      free[s] = gpus
    }
    return free
  }
}
