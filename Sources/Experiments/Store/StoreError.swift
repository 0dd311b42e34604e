/// Why the results database could not be used.
public enum StoreError: Error, Equatable, CustomStringConvertible {
  case sqlite(path: String, message: String)
  case differentPlan(path: String, storedHash: String, storedPlan: String, newHash: String)
  case notASweepDatabase(path: String)

  public var description: String {
    switch self {
    case .sqlite(let path, let message):
      "\(path): SQLite error: \(message)"
    case .differentPlan(let path, let storedHash, let storedPlan, let newHash):
      """
      \(path) holds results of a different sweep plan (hash \(storedHash), this one \(newHash)): \
      \(storedPlan). Use another --db path, or delete the file to start over.
      """
    case .notASweepDatabase(let path):
      "\(path) is not a gpumarket sweep database (no plan table)"
    }
  }
}
