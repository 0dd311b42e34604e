/// A shared manufacturing input that limits chip output, such as CoWoS wafers or HBM.
public struct SupplyInput: Sendable, Equatable {
  public var id: String
  /// Units available per month across the industry (e.g. CoWoS wafers/month).
  public var unitsPerMonth: DatedPath

  public init(id: String, unitsPerMonth: DatedPath) {
    self.id = id
    self.unitsPerMonth = unitsPerMonth
  }
}
