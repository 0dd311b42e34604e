/// Part of the record: the largest block of chips each buyer holds at one site (see
/// docs/model.md, "Blocks and the largest feasible run").
extension EngineState {
  /// `B_b = max_s (C_bs + W_bs)`, H100e, for every buyer with a block (others are absent):
  ///
  /// - `C_bs`: chips delivered this step to b's scripted contracts that reserve site s (a
  ///   contract's `site`, or its provider's only site), `Σ_c delivered_kc / h · h100e_c`,
  ///   scaled down pro rata when the site's contracts hold more than it has installed;
  /// - `W_bs = O_bp · F_s / Σ_{s' of p} F_s'`: b's own-use H100e at s's provider p (its
  ///   workloads' GPU-hours over `h`), spread over p's sites in proportion to their free
  ///   H100e `F_s = (installed_s − C_s)⁺`, what the site's contracts leave.
  ///
  /// Campaign blocks (`CampaignBook`) count in `C_bs` at their site, at this step's book fill,
  /// or in full with `campaignsInFull` (before this step's delivery).
  ///
  /// Only `campus` sites make blocks (a `fleet` site sums many data centres). Other
  /// model-signed contracts and spot purchases are hours anywhere in a provider's fleet, so they
  /// make no block: buying the same hours on spot leaves `B_b` unchanged.
  func largestBlocks(campaignsInFull: Bool = false) -> [Index<Buyer>: Double] {
    blocksBySite(campaignsInFull: campaignsInFull).mapValues { $0.values.max() ?? 0 }
  }

  /// `C_bs + W_bs` for every buyer and campus site where it is positive, H100e (see
  /// `largestBlocks`).
  func blocksBySite(campaignsInFull: Bool = false) -> [Index<Buyer>: [Index<Site>: Double]] {
    let hours = hoursPerGPU
    guard hours > 0 else { return [:] }
    let siteCount = compiled.sites.count
    var installedH100e = IndexedArray<Site, Double>(repeating: 0, count: siteCount)
    for s in compiled.sites.indices {
      for c in chips { installedH100e[s] += installed[s, c] * compiled.chipH100e[c] }
    }
    var sited: [(buyer: Index<Buyer>, site: Index<Site>, h100e: Double)] = []
    var reserved = IndexedArray<Site, Double>(repeating: 0, count: siteCount)
    for (k, contract) in compiled.contracts.indexed() where contract.isActive(in: month) {
      guard let s = compiled.contractSite[k] else { continue }
      var h100e = 0.0
      for c in chips { h100e += flows.contractDelivered[k, c] / hours * compiled.chipH100e[c] }
      guard h100e > 0 else { continue }
      sited.append((compiled.contractBuyer[k], s, h100e))
      reserved[s] += h100e
    }
    for block in campaignBook.blocks where block.isActive(at: t) {
      let fill = campaignsInFull ? 1 : flows.bookFill[block.provider, block.chip]
      let h100e = block.gpus * fill * compiled.chipH100e[block.chip]
      guard h100e > 0 else { continue }
      sited.append((block.buyer, block.site, h100e))
      reserved[block.site] += h100e
    }
    var block: [Index<Buyer>: [Index<Site>: Double]] = [:]
    for (b, s, h100e) in sited where compiled.sites[s].interconnect == .campus {
      let scale = reserved[s] > installedH100e[s] ? installedH100e[s] / reserved[s] : 1
      block[b, default: [:]][s, default: 0] += h100e * scale
    }
    for p in providers {
      var own: [Index<Buyer>: Double] = [:]
      for w in compiled.providerWorkloads[p] {
        guard let b = compiled.workloadBuyer[w] else { continue }
        for c in chips {
          own[b, default: 0] += flows.workloadHours[w, c] / hours * compiled.chipH100e[c]
        }
      }
      guard !own.isEmpty else { continue }
      let sites = compiled.providerSites[p]
      let free = sites.map { max(0, installedH100e[$0] - reserved[$0]) }
      let totalFree = free.reduce(0, +)
      guard totalFree > 0 else { continue }
      for (b, h100e) in own where h100e > 0 {
        for (s, f) in zip(sites, free) where f > 0 && compiled.sites[s].interconnect == .campus {
          block[b, default: [:]][s, default: 0] += h100e * f / totalFree
        }
      }
    }
    return block
  }
}
