import Experiments
import Foundation
import Testing

@testable import Reports

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A temporary folder for one test.
func temporaryFolder(_ name: String) -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("gpumarket-reports-\(ProcessInfo.processInfo.processIdentifier)")
    .appendingPathComponent("\(name)-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Runs a sweep of a built-in model into a fresh database and returns its path.
func makeSweepDatabase(
  _ name: String, design: DesignKind, vary: [String], samples: Int = 64, replicates: Int = 1,
  model: any ExperimentModel = IshigamiModel(noise: 0.5), series: Bool = true, jobs: Int = 2,
  folder: URL? = nil
) throws -> String {
  let plan = SweepPlan(
    scenario: "builtin:ishigami-noisy", design: design,
    parameters: try vary.map { try VarySyntax.parse($0) }, samples: samples,
    replicates: replicates, seed: 5, recordSeries: series)
  let path = (folder ?? temporaryFolder(name)).appendingPathComponent("\(name).sqlite").path
  _ = try SweepRunner(
    design: try SweepDesign(plan: plan), model: model, databasePath: path, jobs: jobs
  ).run()
  return path
}

/// Checks that `text` parses as XML; returns the parser error otherwise.
func xmlError(_ text: String) -> String? {
  let parser = XMLParser(data: Data(text.utf8))
  return parser.parse()
    ? nil : "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber)"
}

/// The first executable named `name` on PATH.
func executableOnPath(_ name: String) -> String? {
  for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
    let path = "\(folder)/\(name)"
    if FileManager.default.isExecutableFile(atPath: path) { return path }
  }
  return nil
}

/// Runs a program, returning its exit status (nil when it could not start or timed out).
func runProgram(_ path: String, _ arguments: [String], in folder: URL, timeout: Double = 120)
  -> Int32?
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  process.currentDirectoryURL = folder
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  do { try process.run() } catch { return nil }
  let deadline = Date(timeIntervalSinceNow: timeout)
  while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
  if process.isRunning {
    process.terminate()
    return nil
  }
  return process.terminationStatus
}
