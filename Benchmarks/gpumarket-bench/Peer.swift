import Foundation

/// Runs `Benchmarks/peer_clearing.py` (numpy) on a market file and reads its JSON answer.
///
/// The peer's environment is the benchmark's, less `OPENBLAS_CORETYPE` and `OPENBLAS_L2_SIZE`
/// (set on some machines; they force a slower kernel on numpy's bundled OpenBLAS), with
/// `OPENBLAS_NUM_THREADS`, `OMP_NUM_THREADS` and `MKL_NUM_THREADS` set to the thread count the
/// Swift kernel uses, so both sides get the same cores.
struct Peer {
  let script: URL
  let threads: Int

  struct Answer: Decodable {
    let prices: [Double]
    let iterations: Int
    let converged: Bool
    let clearingError: Double
    let times: [Double]
    let loopTimes: [Double]
    let numpy: String
    let blas: String
  }

  enum Failure: Error, CustomStringConvertible {
    case unavailable(String)
    case failed(String)

    var description: String {
      switch self {
      case .unavailable(let why): return "peer skipped: \(why)"
      case .failed(let why): return "peer failed: \(why)"
      }
    }
  }

  /// Whether `python3 -c "import numpy"` works; the reason when it does not.
  func availability() -> String? {
    guard FileManager.default.fileExists(atPath: script.path) else {
      return "\(script.path) not found"
    }
    do {
      let (status, _, _) = try run(["python3", "-c", "import numpy"])
      return status == 0 ? nil : "python3 with numpy not found"
    } catch {
      return "python3 not found (\(error))"
    }
  }

  func clear(marketFile: URL, repeats: Int) throws(Failure) -> Answer {
    let output: Data
    do {
      let (status, stdout, stderr) = try run([
        "python3", script.path, marketFile.path, "--repeats", String(repeats),
      ])
      guard status == 0 else {
        throw Failure.failed("exit \(status): \(String(decoding: stderr, as: UTF8.self))")
      }
      output = stdout
    } catch let failure as Failure {
      throw failure
    } catch {
      throw .failed("\(error)")
    }
    do {
      return try JSONDecoder().decode(Answer.self, from: output)
    } catch {
      throw .failed("unreadable answer: \(error)")
    }
  }

  private func run(_ arguments: [String]) throws -> (Int32, Data, Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_CORETYPE"] = nil
    environment["OPENBLAS_L2_SIZE"] = nil
    for key in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] {
      environment[key] = String(threads)
    }
    process.environment = environment
    let stdout = Pipe()
    // stderr goes to a file: the answer on stdout is read to its end before waiting, and a
    // second pipe could fill and stall the child meanwhile.
    let errorFile = FileManager.default.temporaryDirectory
      .appendingPathComponent(
        "gpumarket-bench-peer-\(ProcessInfo.processInfo.processIdentifier).err")
    _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorFile) }
    let errorHandle = try FileHandle(forWritingTo: errorFile)
    process.standardOutput = stdout
    process.standardError = errorHandle
    try process.run()
    let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try? errorHandle.close()
    let errorData = (try? Data(contentsOf: errorFile)) ?? Data()
    return (process.terminationStatus, outputData, errorData)
  }
}
