/// A term contract the model signed: a buyer holds `gpus` of a provider's chip at a fixed
/// price for `steps` steps from step `start` (take-or-pay: paid for every GPU-hour delivered).
struct SignedContract: Sendable, Equatable {
  var buyer: Int
  var provider: Int
  var chip: Int
  /// GPUs held (not GPU-hours).
  var gpus: Double
  /// USD per GPU-hour.
  var priceUSDPerGPUHour: Double
  /// First step (index into the run's months).
  var start: Int
  /// Length in steps.
  var steps: Int
  /// Tenor as signed, months.
  var tenorMonths: Int

  /// Whether the contract runs in step `t`.
  func isActive(at t: Int) -> Bool { t >= start && t < start + steps }
}

/// The contracts the model has signed and not yet rolled off, in signing order, with running
/// totals kept in step with the list: GPUs held per (provider, chip) and contract payments per
/// buyer at full delivery.
struct ContractBook: Sendable {
  let chipCount: Int
  private(set) var contracts: [SignedContract] = []
  /// `heldGPUs[p * chipCount + c]`: GPUs of active contracts.
  private(set) var heldGPUs: [Double]
  /// USD per GPU-hour-weighted sum per buyer: `Σ gpus · price` of its active contracts.
  private(set) var gpuPricePerBuyer: [Double]

  init(providers: Int, chips: Int, buyers: Int) {
    chipCount = chips
    heldGPUs = Array(repeating: 0, count: providers * chips)
    gpuPricePerBuyer = Array(repeating: 0, count: buyers)
  }

  /// Adds a contract (ignored when it holds no GPUs).
  mutating func sign(_ contract: SignedContract) {
    guard contract.gpus > 0 else { return }
    contracts.append(contract)
    heldGPUs[contract.provider * chipCount + contract.chip] += contract.gpus
    gpuPricePerBuyer[contract.buyer] += contract.gpus * contract.priceUSDPerGPUHour
  }

  /// Removes the contracts whose tenor ended before step `t`; their GPUs can be sold again.
  mutating func rollOff(before t: Int) {
    var kept: [SignedContract] = []
    kept.reserveCapacity(contracts.count)
    var changed = false
    for contract in contracts {
      if contract.start + contract.steps > t {
        kept.append(contract)
      } else {
        changed = true
      }
    }
    guard changed else { return }
    contracts = kept
    // Recompute the totals from the list so that rounding never accumulates.
    for i in heldGPUs.indices { heldGPUs[i] = 0 }
    for i in gpuPricePerBuyer.indices { gpuPricePerBuyer[i] = 0 }
    for contract in contracts {
      heldGPUs[contract.provider * chipCount + contract.chip] += contract.gpus
      gpuPricePerBuyer[contract.buyer] += contract.gpus * contract.priceUSDPerGPUHour
    }
  }
}
