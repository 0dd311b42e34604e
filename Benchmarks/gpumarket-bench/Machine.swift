import Foundation
import LinearAlgebra

/// What the benchmark ran on, for the results file.
struct Machine {
  let cpu: String
  let cores: Int
  let lastLevelCache: String
  let memoryGiB: Double
  let blas: String
  let buildMode: String

  static func current() -> Machine {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model =
      cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
      .flatMap { $0.split(separator: ":", maxSplits: 1).last }
      .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    let cache =
      (try? String(
        contentsOfFile: "/sys/devices/system/cpu/cpu0/cache/index3/size", encoding: .utf8))?
      .trimmingCharacters(in: .whitespacesAndNewlines) ?? "unknown"
    #if DEBUG
      let mode = "debug"
    #else
      let mode = "release"
    #endif
    return Machine(
      cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount, lastLevelCache: cache,
      memoryGiB: Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30),
      blas: BLAS.configuration, buildMode: mode)
  }

  /// The 1, 5 and 15 minute load averages from `/proc/loadavg`, e.g. "0.12 0.30 0.25".
  static func loadAverage() -> String {
    let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
    let fields = text.split(separator: " ").prefix(3)
    return fields.count == 3 ? fields.joined(separator: " ") : "unknown"
  }
}
