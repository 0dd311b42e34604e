import Experiments
import Foundation

/// Where a report's data comes from.
public protocol ReportSource {
  func makeDocument() throws -> ReportDocument
}

/// Opens the report source at `path`: a sweep database file, or a folder written by
/// `gpumarket run --out` or `gpumarket compare --out`.
public enum ReportSources {
  /// Makes the source for `path`, or throws ``ReportError`` naming what was expected.
  public static func open(_ path: String, options: SweepReportOptions = SweepReportOptions()) throws
    -> any ReportSource
  {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ReportError.missing(path)
    }
    if isDirectory.boolValue {
      if CompareFolderReportSource.isComparison(path) {
        return CompareFolderReportSource(path: path, options: options)
      }
      return RunFolderReportSource(
        path: path, forwardMonths: options.forwardMonths, logAxis: options.logAxis)
    }
    return SweepReportSource(path: path, options: options)
  }
}

/// Why a report could not be made.
public enum ReportError: Error, CustomStringConvertible {
  case missing(String)
  case unsupported(String, String)
  case unknownOutcome(String, available: [String])

  public var description: String {
    switch self {
    case .missing(let path): "\(path): no such file or folder"
    case .unsupported(let path, let why): "\(path): \(why)"
    case .unknownOutcome(let name, let available):
      "no outcome matches '\(name)'; the database has: "
        + available.prefix(30).joined(separator: ", ") + (available.count > 30 ? ", …" : "")
    }
  }
}
