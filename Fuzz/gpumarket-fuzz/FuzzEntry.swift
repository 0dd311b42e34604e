#if FUZZING
  import Foundation

  /// The target, from `GPUMARKET_FUZZ_TARGET` (read once, before the first input).
  nonisolated(unsafe) private var selectedTarget: FuzzTarget = .scenario

  @_silgen_name("LLVMFuzzerRunDriver")
  private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  /// Picks the target named by `GPUMARKET_FUZZ_TARGET`; exits with status 2 when it names none.
  private func selectTarget() {
    let name = ProcessInfo.processInfo.environment["GPUMARKET_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(Data("set GPUMARKET_FUZZ_TARGET to one of: \(names)\n".utf8))
      exit(2)
    }
    selectedTarget = target
  }

  /// The executable's entry point where SwiftPM links `main` to it (optimized builds): picks the
  /// target, then hands over to libFuzzer's driver, which parses the fuzzer's own flags.
  @_cdecl("gpumarket_fuzz_main")
  public func fuzzMain(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> Int32 {
    selectTarget()
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
  }

  /// Where libFuzzer's own `main` is linked instead (debug builds), it calls these two.
  @_cdecl("LLVMFuzzerInitialize")
  public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<Int32>?,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?
  ) -> Int32 {
    selectTarget()
    return 0
  }

  /// One input: runs the selected target on it (libFuzzer's `LLVMFuzzerTestOneInput`).
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    selectedTarget.run(UnsafeBufferPointer(start: data, count: size))
    return 0
  }
#else
  import Foundation

  /// Without the fuzzer: replays files through a target (`gpumarket-fuzz TARGET FILE...`), so that
  /// a crash found by fuzzing can be reproduced in an ordinary build.
  @main
  struct FuzzReplay {
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        FileHandle.standardError.write(Data("usage: gpumarket-fuzz \(names) FILE...\n".utf8))
        exit(2)
      }
      for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
          FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
          exit(1)
        }
        data.withUnsafeBytes { target.run($0.bindMemory(to: UInt8.self)) }
      }
    }
  }
#endif
