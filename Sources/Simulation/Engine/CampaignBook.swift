/// Where each training campaign stands and the site contracts placed for them (see
/// docs/model.md, "Training campaigns and the block premium").
struct CampaignBook: Sendable {
  enum Status: Sendable, Equatable {
    /// Still looking for a block.
    case pending
    /// Ran on a block the buyer already held (own use or a sited contract).
    case ownBlock
    /// Placed under a contract for a block at another owner's campus.
    case placed
    /// Its wait ended without a block.
    case unmet
  }

  /// One chip's part of a placed block: a contract for `gpus` of `chip` at `site`.
  struct Block: Sendable {
    let campaign: Index<TrainingCampaign>
    let buyer: Index<Buyer>
    let provider: Index<Provider>
    let site: Index<Site>
    let chip: Index<Chip>
    let gpus: Double
    /// The forward price of the run's tenor, $/GPU-hour, and the premium paid over it (a share).
    let forwardUSDPerGPUHour: Double
    let premium: Double
    let start: Index<Step>
    let steps: Int

    func isActive(at t: Index<Step>) -> Bool { t >= start && t < start + steps }
  }

  var status: IndexedArray<TrainingCampaign, Status>
  /// Blocks whose contracts still run, in placement order.
  private(set) var blocks: [Block] = []

  init(count: Int) { status = IndexedArray(repeating: .pending, count: count) }

  var isEmpty: Bool { blocks.isEmpty }

  mutating func add(_ block: Block) {
    guard block.gpus > 0 else { return }
    blocks.append(block)
  }

  /// Forgets the blocks whose contracts ended before step `t`.
  mutating func dropEnded(before t: Index<Step>) {
    blocks.removeAll { $0.start + $0.steps <= t }
  }

  /// GPUs of `chip` held by campaign blocks at `site` in step `t`.
  func heldGPUs(site: Index<Site>, chip: Index<Chip>, at t: Index<Step>) -> Double {
    var sum = 0.0
    for block in blocks where block.site == site && block.chip == chip && block.isActive(at: t) {
      sum += block.gpus
    }
    return sum
  }
}
