import Foundation

/// Runs the built `gpumarket` executable, as a user would.
struct CLIRunner {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The executable under test: `$GPUMARKET_BIN` when set (`scripts/test` points it at the
  /// release build users run), else the one built beside the test bundle in the products
  /// directory.
  static let executable: URL = {
    if let path = ProcessInfo.processInfo.environment["GPUMARKET_BIN"], !path.isEmpty {
      guard FileManager.default.isExecutableFile(atPath: path) else {
        fatalError("GPUMARKET_BIN is \(path), which is not an executable file")
      }
      return URL(fileURLWithPath: path)
    }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // Linux runs the test binary `gpumarketPackageTests.xctest` from the products directory.
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("gpumarket")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    fatalError("gpumarket executable not found near \(CommandLine.arguments[0])")
  }()

  /// The repository root (for bundled examples and scenarios).
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Runs gpumarket with `arguments`; `wrapper` (e.g. `/usr/bin/time -f ...`) runs it through
  /// another program.
  static func run(_ arguments: [String], in directory: URL? = nil, via wrapper: [String] = [])
    throws -> Result
  {
    let process = Process()
    if let program = wrapper.first {
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = Array(wrapper.dropFirst()) + [executable.path] + arguments
    } else {
      process.executableURL = executable
      process.arguments = arguments
    }
    process.currentDirectoryURL = directory ?? packageRoot
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes at once before waiting: a child that fills one pipe while the other is
    // being read to its end (a long report on stderr, say) would otherwise block for ever.
    nonisolated(unsafe) var errData = Data()
    let errorRead = DispatchSemaphore(value: 0)
    Thread {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      errorRead.signal()
    }.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    errorRead.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
