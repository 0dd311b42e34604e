/// A training run a buyer plans: `h100e` of chips on one network (a `campus` site) for `months`
/// months from `start` (see docs/model.md, "Training campaigns and the block premium").
///
/// The buyer runs it on its own largest block when that is large enough; otherwise it bids for
/// a block at another owner's campus, as a contract for that site, for up to `waitMonths`
/// months after `start`, and the campaign is unmet when no block was found.
public struct TrainingCampaign: Sendable, Equatable {
  /// First month the run could start.
  public var start: YearMonth
  /// Length of the run, months.
  public var months: Int
  /// Size of the block it needs, H100e.
  public var h100e: Double
  /// Months after `start` it keeps looking for a block (0: only in `start`'s step).
  public var waitMonths: Int

  public init(start: YearMonth, months: Int, h100e: Double, waitMonths: Int = 6) {
    self.start = start
    self.months = months
    self.h100e = h100e
    self.waitMonths = waitMonths
  }
}
