/// An accelerator model: its performance, power, price and when it can first be shipped.
public struct Chip: Sendable, Equatable {
  /// Dense BF16 TFLOPS of one H100 SXM: the unit of "H100-equivalents" (H100e).
  public static let h100TFLOPS = 989.0

  public var id: String
  /// The vendor that makes it (a `Vendor.id`).
  public var vendor: String
  /// Dense BF16 TFLOPS per chip.
  public var tflopsBF16: Double
  public var hbmGB: Double
  /// Thermal design power of the chip alone, W (informational).
  public var tdpW: Double
  /// All-in IT power per installed chip, kW (chip, host, network; before PUE).
  public var kWPerChip: Double
  /// Sale price per chip, USD.
  public var priceUSD: Double
  /// First month the vendor ships it.
  public var available: YearMonth
  /// Months between allocation and arrival at the buyer's site.
  public var leadTimeMonths: Int
  /// Units of each shared input (`SupplyInput.id`) one good chip consumes, e.g. CoWoS wafers.
  public var inputUse: [String: Double]
  /// What buyers pay for besides BF16 arithmetic (memory, software maturity), as a multiplier
  /// of the chip's value per H100e (1 = arithmetic only).
  public var valueFactor: Double
  /// Capital tied up per installed chip for the sellers' cost-recovery floor, USD: the chip,
  /// its share of the server and network (`nil`: the sale price alone).
  public var systemCapitalUSD: Double?
  /// Regions whose providers may buy the chip (`nil`: every region). A part made for one
  /// market (NVIDIA's H20 for China) or a maker others may not buy from (Huawei's Ascend, which
  /// BIS guidance of May 2025 bars abroad) lists only that market.
  public var markets: [String]?

  /// The capital a provider recovers per chip under a contract, USD.
  public var capitalUSD: Double { systemCapitalUSD ?? priceUSD }

  public init(
    id: String, vendor: String, tflopsBF16: Double, hbmGB: Double = 0, tdpW: Double = 0,
    kWPerChip: Double, priceUSD: Double, available: YearMonth, leadTimeMonths: Int = 0,
    inputUse: [String: Double] = [:], valueFactor: Double = 1, systemCapitalUSD: Double? = nil,
    markets: [String]? = nil
  ) {
    self.markets = markets
    self.valueFactor = valueFactor
    self.systemCapitalUSD = systemCapitalUSD
    self.id = id
    self.vendor = vendor
    self.tflopsBF16 = tflopsBF16
    self.hbmGB = hbmGB
    self.tdpW = tdpW
    self.kWPerChip = kWPerChip
    self.priceUSD = priceUSD
    self.available = available
    self.leadTimeMonths = leadTimeMonths
    self.inputUse = inputUse
  }

  /// H100-equivalents per chip: `tflopsBF16 / 989`.
  public var h100e: Double { tflopsBF16 / Chip.h100TFLOPS }
}
