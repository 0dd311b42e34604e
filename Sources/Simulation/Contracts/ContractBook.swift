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

/// The contracts the model has signed and not yet rolled off, in signing order, with running
/// totals kept in step with the list: GPUs held per (provider, chip) and, per buyer, the sum of
/// `gpus · price` over its contracts (its payment per GPU-hour of delivery).
struct ContractBook: Sendable {
  private(set) var contracts: [SignedContract] = []
  /// GPUs of active contracts, `heldGPUs[provider, chip]`.
  private(set) var heldGPUs: Table<Provider, Chip, Double>
  /// `Σ gpus · price` of each buyer's contracts, USD per hour.
  private(set) var paymentPerHour: IndexedArray<Buyer, Double>
  /// `Σ gpus · h100e` of each buyer's contracts: H100e it holds.
  private(set) var heldH100e: IndexedArray<Buyer, Double>
  private let chipH100e: IndexedArray<Chip, Double>

  init(providers: Int, chipH100e: IndexedArray<Chip, Double>, buyers: Int) {
    self.chipH100e = chipH100e
    heldGPUs = Table(rows: providers, columns: chipH100e.count, repeating: 0)
    paymentPerHour = IndexedArray(repeating: 0, count: buyers)
    heldH100e = paymentPerHour
  }

  /// Adds a contract (ignored when it holds no GPUs).
  mutating func sign(_ contract: SignedContract) {
    guard contract.gpus > 0 else { return }
    contracts.append(contract)
    add(contract)
  }

  /// Removes the contracts whose tenor ended before step `t`; their GPUs can be sold again.
  mutating func rollOff(before t: Index<Step>) {
    let kept = contracts.filter { $0.start + $0.steps > t }
    guard kept.count != contracts.count else { return }
    contracts = kept
    // Totals recomputed from the list, so rounding never accumulates.
    for p in heldGPUs.rows { for c in heldGPUs.columns { heldGPUs[p, c] = 0 } }
    for b in paymentPerHour.indices {
      paymentPerHour[b] = 0
      heldH100e[b] = 0
    }
    for contract in contracts { add(contract) }
  }

  private mutating func add(_ contract: SignedContract) {
    heldGPUs[contract.provider, contract.chip] += contract.gpus
    paymentPerHour[contract.buyer] += contract.gpus * contract.priceUSDPerGPUHour
    heldH100e[contract.buyer] += contract.gpus * chipH100e[contract.chip]
  }
}
