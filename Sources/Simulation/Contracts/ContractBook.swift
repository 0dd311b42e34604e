/// A term contract the model signed: a buyer holds `gpus` of a provider's chip at a fixed
/// price for `steps` steps from step `start` (take-or-pay: paid for every GPU-hour delivered).
struct SignedContract: Sendable, Equatable {
  var buyer: Index<Buyer>
  var provider: Index<Provider>
  var chip: Index<Chip>
  /// GPUs held (not GPU-hours).
  var gpus: Double
  /// USD per GPU-hour.
  var priceUSDPerGPUHour: Double
  /// First step.
  var start: Index<Step>
  /// Length in steps.
  var steps: Int
  /// Tenor as signed, months.
  var tenorMonths: Int

  /// Whether the contract runs in step `t`.
  func isActive(at t: Index<Step>) -> Bool { t >= start && t < start + steps }
}

/// The contracts the model has signed and not yet rolled off, kept by the step they end in, with
/// running totals: GPUs held per (provider, chip), and per buyer and (provider, chip) the GPUs
/// and `Σ gpus · price` (its payment per hour of full delivery). Delivery and roll-off then cost
/// one pass over buyers × providers × chips, however many contracts were signed.
struct ContractBook: Sendable {
  /// `byEnd[e]`: the live contracts whose first step no longer run in is e, in signing order
  /// (empty for every e at or below `rolledOffThrough`).
  private var byEnd: [[SignedContract]] = []
  /// `byStart[s]`: the contracts that start at step s, in signing order, rolled off or not;
  /// emptied once all of them must have rolled off.
  private var byStart: [[SignedContract]] = []
  /// The longest contract signed, steps.
  private var longestSteps = 0
  /// Contracts ending at or before this step have rolled off.
  private var rolledOffThrough = -1
  /// Contracts signed and not rolled off.
  private var liveCount = 0
  /// GPUs of active contracts, `heldGPUs[provider, chip]`.
  private(set) var heldGPUs: Table<Provider, Chip, Double>
  /// GPUs each buyer holds, `buyerGPUs[buyer][provider, chip]`.
  private(set) var buyerGPUs: IndexedArray<Buyer, Table<Provider, Chip, Double>>
  /// `Σ gpus · price` of each buyer's contracts per (provider, chip), USD per hour.
  private(set) var buyerPayment: IndexedArray<Buyer, Table<Provider, Chip, Double>>
  /// `Σ gpus · price` of each buyer's contracts, USD per hour.
  private(set) var paymentPerHour: IndexedArray<Buyer, Double>
  /// `Σ gpus · h100e` of each buyer's contracts: H100e it holds.
  private(set) var heldH100e: IndexedArray<Buyer, Double>
  private let chipH100e: IndexedArray<Chip, Double>

  init(providers: Int, chipH100e: IndexedArray<Chip, Double>, buyers: Int) {
    self.chipH100e = chipH100e
    heldGPUs = Table(rows: providers, columns: chipH100e.count, repeating: 0)
    buyerGPUs = IndexedArray(repeating: heldGPUs, count: buyers)
    buyerPayment = buyerGPUs
    paymentPerHour = IndexedArray(repeating: 0, count: buyers)
    heldH100e = paymentPerHour
  }

  /// Every contract in the book, by end step, then in signing order.
  var contracts: [SignedContract] { byEnd.flatMap { $0 } }

  /// The contracts signed at step `t` and not rolled off, in the order of `contracts` (without
  /// scanning the book).
  func contracts(signedAt t: Index<Step>) -> [SignedContract] {
    guard t.position >= 0, t.position < byStart.count else { return [] }
    let started = byStart[t.position]
    // They share a start, so ordering by end step is ordering by length, signing order kept.
    var lengths: [Int] = []
    for contract in started where !lengths.contains(contract.steps) {
      lengths.append(contract.steps)
    }
    var signed: [SignedContract] = []
    signed.reserveCapacity(started.count)
    for steps in lengths.sorted() where t.position + steps > rolledOffThrough {
      for contract in started where contract.steps == steps { signed.append(contract) }
    }
    return signed
  }

  /// Adds a contract (ignored when it holds no GPUs).
  mutating func sign(_ contract: SignedContract) {
    guard contract.gpus > 0 else { return }
    let start = max(0, contract.start.position)
    // Contracts are signed from the step being played on, so they end after the last roll-off;
    // one that did not would be rolled off at the next.
    let end = max(rolledOffThrough + 1, (contract.start + contract.steps).position)
    if byEnd.count <= end {
      byEnd.append(contentsOf: repeatElement([], count: end + 1 - byEnd.count))
    }
    if byStart.count <= start {
      byStart.append(contentsOf: repeatElement([], count: start + 1 - byStart.count))
    }
    byEnd[end].append(contract)
    byStart[start].append(contract)
    longestSteps = max(longestSteps, contract.steps)
    liveCount += 1
    add(contract, sign: 1)
  }

  /// Removes the contracts whose tenor ended before step `t`; their GPUs can be sold again.
  mutating func rollOff(before t: Index<Step>) {
    guard t.position > rolledOffThrough else { return }
    for end in span(rolledOffThrough + 1, min(t.position + 1, byEnd.count))
    where !byEnd[end].isEmpty {
      for contract in byEnd[end] { add(contract, sign: -1) }
      liveCount -= byEnd[end].count
      byEnd[end] = []
    }
    // A contract starting at s ends by s + longestSteps: at or below t, all have rolled off.
    let forget = span(
      max(0, rolledOffThrough - longestSteps + 1), min(t.position - longestSteps + 1, byStart.count)
    )
    for start in forget { byStart[start] = [] }
    rolledOffThrough = t.position
    if liveCount == 0 { clearTotals() }
  }

  /// `a..<b`, empty when `b ≤ a`.
  private func span(_ a: Int, _ b: Int) -> Range<Int> { a < b ? a..<b : a..<a }

  /// Adds (`sign` 1) or removes (−1) a contract's GPUs and payments from the totals; a total
  /// never goes below zero through rounding.
  private mutating func add(_ contract: SignedContract, sign: Double) {
    let (b, p, c) = (contract.buyer, contract.provider, contract.chip)
    let payment = contract.gpus * contract.priceUSDPerGPUHour
    heldGPUs[p, c] = max(0, heldGPUs[p, c] + sign * contract.gpus)
    buyerGPUs[b][p, c] = max(0, buyerGPUs[b][p, c] + sign * contract.gpus)
    buyerPayment[b][p, c] = max(0, buyerPayment[b][p, c] + sign * payment)
    paymentPerHour[b] = max(0, paymentPerHour[b] + sign * payment)
    heldH100e[b] = max(0, heldH100e[b] + sign * contract.gpus * chipH100e[c])
  }

  /// Exact zeros once the book is empty, so rounding cannot outlive the contracts.
  private mutating func clearTotals() {
    let zero = Table<Provider, Chip, Double>(
      rows: heldGPUs.rowCount, columns: heldGPUs.columnCount, repeating: 0)
    heldGPUs = zero
    for b in buyerGPUs.indices {
      buyerGPUs[b] = zero
      buyerPayment[b] = zero
      paymentPerHour[b] = 0
      heldH100e[b] = 0
    }
  }

  /// Whether the book holds any contract.
  var isEmpty: Bool { liveCount == 0 }
}
