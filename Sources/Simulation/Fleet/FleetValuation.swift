import Foundation

/// A fleet of one chip bought in one month, and the terms it is valued on (docs/tco.md).
public struct Fleet: Sendable, Equatable {
  /// How the owner sells the fleet's hours.
  public enum Selling: Sendable, Equatable {
    /// Every month on the spot market, at the chip's average spot price, selling the share of
    /// offered hours the whole spot market sold that month.
    case spot
    /// Forward, in back-to-back contracts of this many months, each at the posted forward price
    /// of its first month (a posted tenor: 1, 3, 6, 12, 24 or 36).
    case contracts(tenorMonths: Int)
  }

  /// The contract tenors the forward curve posts, months.
  public static let postedTenorsMonths = ForwardCurve.tenorsMonths

  /// Chips in the fleet.
  public var count: Double
  /// Capital per chip, USD (chip, server and network share), paid in the purchase month.
  public var capitalUSDPerChip: Double
  /// All-in IT power per chip, kW (before PUE).
  public var kWPerChip: Double
  /// Power usage effectiveness of the site (≥ 1).
  public var pue: Double
  /// Electricity price, USD per kWh.
  public var powerUSDPerKWh: Double
  /// Operating cost besides power, USD per available GPU-hour.
  public var opsUSDPerGPUHour: Double
  /// Annual discount rate r (the owner's cost of capital).
  public var discountRatePerYear: Double
  /// Months the fleet is owned, from the purchase month on.
  public var lifeMonths: Int
  public var selling: Selling

  public init(
    count: Double, capitalUSDPerChip: Double, kWPerChip: Double, pue: Double,
    powerUSDPerKWh: Double, opsUSDPerGPUHour: Double, discountRatePerYear: Double,
    lifeMonths: Int, selling: Selling
  ) {
    self.count = count
    self.capitalUSDPerChip = capitalUSDPerChip
    self.kWPerChip = kWPerChip
    self.pue = pue
    self.powerUSDPerKWh = powerUSDPerKWh
    self.opsUSDPerGPUHour = opsUSDPerGPUHour
    self.discountRatePerYear = discountRatePerYear
    self.lifeMonths = lifeMonths
    self.selling = selling
  }
}

/// What the market offers a fleet month by month over its life: the price its hours fetch, the
/// share of its available hours sold, and whether the fleet is running (installed after its lead
/// time).
public struct FleetPricePath: Sendable, Equatable {
  /// Price per GPU-hour in each month of the life, USD.
  public var prices: [Double]
  /// Share of available hours sold in each month of the life, 0...1.
  public var soldShares: [Double]
  /// Months at the start of the life before the fleet is installed (no hours, no running cost).
  public var monthsBeforeInstalled: Int
  /// Months in which no chip of the kind was installed anywhere in the market, so that nothing
  /// could be sold (sold share 0).
  public var monthsWithoutMarket: Int

  public init(
    prices: [Double], soldShares: [Double], monthsBeforeInstalled: Int = 0,
    monthsWithoutMarket: Int = 0
  ) {
    self.prices = prices
    self.soldShares = soldShares
    self.monthsBeforeInstalled = monthsBeforeInstalled
    self.monthsWithoutMarket = monthsWithoutMarket
  }
}

/// A fleet's value against one market path (one replicate). All amounts are present values in
/// USD at the purchase month, except the prices.
///
/// With month k = 0 … L−1 of the life, H the fleet's available GPU-hours a month
/// (count · hoursPerMonth · availability), d_k = (1 + r)^−(k+1)/12, p_k and u_k the path's price
/// and sold share, K = count · capital and C the running cost a month
/// (count · kW · PUE · hoursPerMonth · power price + H · ops):
///
///     revenue       = Σ d_k u_k p_k H
///     ownCost       = K + Σ d_k C
///     npvOwned      = revenue − ownCost                 (owned, its hours sold on the market)
///     rentCost      = Σ d_k p_k H                        (renting the same hours at the path's prices)
///     ownAdvantage  = rentCost − ownCost                 (> 0: owning for own use is cheaper)
///     breakEvenRent = ownCost / Σ d_k H                  (the flat rental price at which renting costs as much)
///     breakEvenSale = ownCost / Σ d_k u_k H              (the flat sale price at which npvOwned = 0)
public struct FleetValue: Sendable, Equatable {
  public var capital: Double
  public var runningCost: Double
  public var revenue: Double
  /// The part of `revenue` from months past the scenario's own horizon (simulated with its dated
  /// paths held at their last values).
  public var revenueBeyondHorizon: Double
  public var npvOwned: Double
  public var rentCost: Double
  public var ownAdvantage: Double
  public var breakEvenRentUSDPerGPUHour: Double
  public var breakEvenSaleUSDPerGPUHour: Double
  /// Σ d_k p_k H / Σ d_k H: the discounted mean price over the life, USD per GPU-hour.
  public var meanPriceUSDPerGPUHour: Double

  /// Values `fleet` against `path`, whose months are those of the fleet's life.
  /// - Parameters:
  ///   - hoursPerMonth: hours in a month (730).
  ///   - availability: share of installed hours that can be sold.
  ///   - monthsWithinHorizon: how many months of the life lie inside the scenario's own horizon
  ///     (the rest count toward `revenueBeyondHorizon`).
  public init(
    _ fleet: Fleet, on path: FleetPricePath, hoursPerMonth: Double, availability: Double,
    monthsWithinHorizon: Int? = nil
  ) {
    precondition(path.prices.count == fleet.lifeMonths && path.soldShares.count == fleet.lifeMonths)
    let available = fleet.count * hoursPerMonth * availability
    let monthlyCost =
      fleet.count * fleet.kWPerChip * fleet.pue * hoursPerMonth * fleet.powerUSDPerKWh
      + available * fleet.opsUSDPerGPUHour
    let horizonEnd = monthsWithinHorizon ?? fleet.lifeMonths
    var revenue = 0.0
    var revenueBeyond = 0.0
    var rent = 0.0
    var cost = 0.0
    var discountedHours = 0.0
    var discountedSoldHours = 0.0
    for k in 0..<fleet.lifeMonths {
      let d = pow(1 + fleet.discountRatePerYear, -Double(k + 1) / 12)
      // Before the fleet is installed it has no hours to sell or rent and draws no power.
      guard k >= path.monthsBeforeInstalled else { continue }
      let sold = d * path.soldShares[k] * available
      let earned = sold * path.prices[k]
      revenue += earned
      if k >= horizonEnd { revenueBeyond += earned }
      rent += d * path.prices[k] * available
      cost += d * monthlyCost
      discountedHours += d * available
      discountedSoldHours += sold
    }
    capital = fleet.count * fleet.capitalUSDPerChip
    runningCost = cost
    self.revenue = revenue
    revenueBeyondHorizon = revenueBeyond
    let ownCost = capital + cost
    npvOwned = revenue - ownCost
    rentCost = rent
    ownAdvantage = rent - ownCost
    breakEvenRentUSDPerGPUHour = ownCost / discountedHours
    breakEvenSaleUSDPerGPUHour = discountedSoldHours > 0 ? ownCost / discountedSoldHours : .nan
    meanPriceUSDPerGPUHour = rent / discountedHours
  }
}

extension FleetValue {
  /// One reported quantity of a valuation.
  public struct Quantity: Sendable {
    /// Its name in JSON (`gpumarket tco --format json`, the explorer's `/api/tco`).
    public var key: String
    public var label: String
    public var unit: String
    public var read: @Sendable (FleetValue) -> Double
  }

  /// The quantities `gpumarket tco` and the explorer's TCO panel report, in their order.
  public static let quantities: [Quantity] = [
    Quantity(key: "npvOwned", label: "NPV owned, hours sold on the market", unit: "USD") {
      $0.npvOwned
    },
    Quantity(key: "revenue", label: "revenue", unit: "USD") { $0.revenue },
    Quantity(
      key: "revenueBeyondHorizon", label: "revenue after the scenario's horizon", unit: "USD"
    ) { $0.revenueBeyondHorizon },
    Quantity(key: "capital", label: "capital", unit: "USD") { $0.capital },
    Quantity(key: "runningCost", label: "power and operations", unit: "USD") { $0.runningCost },
    Quantity(key: "rentCost", label: "cost of renting the same hours", unit: "USD") {
      $0.rentCost
    },
    Quantity(key: "ownAdvantage", label: "owning's advantage over renting", unit: "USD") {
      $0.ownAdvantage
    },
    Quantity(key: "meanPrice", label: "mean price over the life", unit: "$/GPU-hour") {
      $0.meanPriceUSDPerGPUHour
    },
    Quantity(key: "breakEvenRent", label: "break-even rental price", unit: "$/GPU-hour") {
      $0.breakEvenRentUSDPerGPUHour
    },
    Quantity(key: "breakEvenSale", label: "break-even sale price", unit: "$/GPU-hour") {
      $0.breakEvenSaleUSDPerGPUHour
    },
  ]
}

extension FleetPricePath {
  /// Why a run cannot value a fleet.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    case unknownChip(String)
    case purchaseOutsideRun(String, first: String, last: String)
    case tenorNotPosted(Int)
    case lifeBeyondRun(months: Int, last: String)
    case notMonthly(stepMonths: Int)

    public var description: String {
      switch self {
      case .unknownChip(let id): return "no chip '\(id)' in the scenario"
      case .purchaseOutsideRun(let month, let first, let last):
        return "purchase month \(month) is outside the run (\(first) to \(last))"
      case .tenorNotPosted(let tenor):
        return
          "contracts of \(tenor) months are not posted (tenors: "
          + ForwardCurve.tenorsMonths.map(String.init).joined(separator: ", ") + ")"
      case .lifeBeyondRun(let months, let last):
        return "a life of \(months) months runs past the run's last month, \(last)"
      case .notMonthly(let months):
        return "the run steps \(months) months at a time; fleets are valued on monthly runs only"
      }
    }
  }

  /// The path a monthly run offers a fleet of `chip` bought in `purchase` (docs/tco.md). The
  /// run must cover the whole life.
  ///
  /// The fleet is installed `installDelayMonths` after the purchase (the chip's lead time); until
  /// then it has no hours. Spot selling: p_k is the chip's spot price and u_k the spot market's
  /// sold share, Σ sold / (Σ sold + Σ unsold) over providers; in a month without spot sales of
  /// the chip, the 1-month forward price if the chip is installed somewhere in the market. Contract
  /// selling: every `tenor` months from installation a contract at that month's posted `tenor`
  /// forward price, u_k = 1. A month in which no chip of the kind is installed anywhere (or no
  /// contract is posted) has no market: p_k = u_k = 0, counted in `monthsWithoutMarket`.
  public static func from(
    _ result: RunResult, chip: String, purchase: String, lifeMonths: Int,
    installDelayMonths: Int = 0, selling: Fleet.Selling
  ) throws(Problem) -> FleetPricePath {
    guard result.stepMonths == 1 else { throw .notMonthly(stepMonths: result.stepMonths) }
    guard result.chipIds.contains(chip), let spot = result.spotPrice[chip],
      let forward = result.forward[chip], let installed = result.installedChips[chip]
    else { throw .unknownChip(chip) }
    guard let start = result.months.firstIndex(of: purchase) else {
      throw .purchaseOutsideRun(purchase, first: result.months[0], last: result.months.last!)
    }
    guard start + lifeMonths <= result.months.count else {
      throw .lifeBeyondRun(months: lifeMonths, last: result.months.last!)
    }
    let tenors = ForwardCurve.tenorsMonths
    func forwardPrice(tenor: Int, month t: Int) -> Double? {
      guard let k = tenors.firstIndex(of: tenor) else { return nil }
      let price = forward[k][t]
      return price.isFinite && price > 0 ? price : nil
    }
    let delay = min(max(0, installDelayMonths), lifeMonths)
    var prices = [Double](repeating: 0, count: delay)
    var shares = [Double](repeating: 0, count: delay)
    var withoutMarket = 0
    for k in delay..<lifeMonths {
      let t = start + k
      var price: Double? = nil
      var share = 1.0
      switch selling {
      case .spot:
        share = result.spotSoldShare(step: t)
        if spot[t].isFinite && spot[t] > 0 {
          price = spot[t]
        } else if installed[t] > 0 {
          price = forwardPrice(tenor: 1, month: t)
        }
      case .contracts(let tenor):
        guard tenors.contains(tenor) else { throw .tenorNotPosted(tenor) }
        price = forwardPrice(tenor: tenor, month: start + delay + ((k - delay) / tenor) * tenor)
      }
      if let price {
        prices.append(price)
        shares.append(share)
      } else {
        prices.append(0)
        shares.append(0)
        withoutMarket += 1
      }
    }
    return FleetPricePath(
      prices: prices, soldShares: shares, monthsBeforeInstalled: delay,
      monthsWithoutMarket: withoutMarket)
  }
}

extension RunResult {
  /// Σ spot hours sold / (Σ sold + Σ offered and unsold) over providers in `step` (1 when
  /// nothing was offered).
  func spotSoldShare(step t: Int) -> Double {
    var sold = 0.0
    var offered = 0.0
    for provider in providerIds {
      let s = spotSoldHours[provider]?[t] ?? 0
      sold += s
      // Unsold hours are a difference of sums and can be a rounding residue below zero.
      offered += s + max(0, idleHours[provider]?[t] ?? 0)
    }
    return offered > 0 ? sold / offered : 1
  }
}
