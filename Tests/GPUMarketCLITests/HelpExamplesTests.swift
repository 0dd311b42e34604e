import Foundation
import Testing

/// Every command's --help has an EXAMPLES section and the one EXIT STATUS table; each example
/// runs, in order, from a fresh folder holding a copy of examples/, and exits 0.
@Suite struct HelpExamplesTests {
  static let commands = [
    "clear", "run", "validate", "scenarios", "schema", "sweep", "merge", "report", "compare",
    "export", "tco", "explore",
  ]

  /// The example command lines of `help`: under EXAMPLES:, each line that starts with
  /// gpumarket begins one; the help formatter wraps long ones at spaces, so other lines continue
  /// the one before.
  static func examples(_ help: String) -> [String] {
    guard let start = help.range(of: "EXAMPLES:") else { return [] }
    var lines: [String] = []
    for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
      .dropFirst()
    {
      let text = line.trimmingCharacters(in: .whitespaces)
      if text.isEmpty { break }
      if text.hasPrefix("gpumarket ") || lines.isEmpty {
        lines.append(text)
      } else {
        lines[lines.count - 1] += " " + text
      }
    }
    return lines
  }

  /// Splits a command line into words: spaces separate, single quotes group.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for character in line {
      if character == "'" {
        quoted.toggle()
        started = true
      } else if character == " " && !quoted {
        if started { words.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }

  @Test(arguments: commands)
  func helpHasExamplesThatRunAndTheExitStatusTable(_ command: String) throws {
    try checkHelp([command, "--help"], name: command)
  }

  /// `gpumarket --help`: a tour of the commands and the same exit-status table.
  @Test func rootHelpHasExamplesThatRunAndTheExitStatusTable() throws {
    try checkHelp(["--help"], name: "gpumarket")
    let help = try CLIRunner.run(["--help"])
    for command in Self.commands {
      #expect(help.stdout.contains("\n  \(command) "), "the subcommand list names \(command)")
    }
  }

  /// The help that `arguments` prints lists every exit status, and its examples run in order
  /// from a fresh folder holding a copy of examples/.
  func checkHelp(_ arguments: [String], name command: String) throws {
    let help = try CLIRunner.run(arguments)
    #expect(help.status == 0)
    #expect(help.stdout.contains("EXIT STATUS:"), "\(command) --help lists the exit statuses")
    for code in ["0 ", "2 ", "64 ", "74 "] {
      #expect(help.stdout.contains("\n  " + code), "\(command): status \(code)")
    }
    let examples = Self.examples(help.stdout)
    #expect(!examples.isEmpty, "\(command) --help has EXAMPLES")
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("help-examples-\(command)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.copyItem(
      at: CLIRunner.packageRoot.appendingPathComponent("examples"),
      to: folder.appendingPathComponent("examples"))
    for example in examples {
      let arguments = Array(Self.words(example).dropFirst())
      if arguments.first == "explore" {
        // A server: it must print its URL, then stop with status 0 on SIGTERM.
        let (url, status) = try Self.startAndStop(arguments, in: folder)
        #expect(url.hasPrefix("http://"), "\(example) printed \(url)")
        #expect(status == 0, "\(example) stopped with \(status)")
        continue
      }
      let result = try CLIRunner.run(arguments, in: folder)
      #expect(result.status == 0, "\(example): \(result.stderr)")
    }
  }

  /// Starts gpumarket with `arguments`, reads its first line, sends SIGTERM; the line and the
  /// exit status.
  static func startAndStop(_ arguments: [String], in folder: URL) throws -> (String, Int32) {
    let process = Process()
    process.executableURL = CLIRunner.executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["GPUMARKET_SCENARIOS"] =
      CLIRunner.packageRoot.appendingPathComponent("scenarios")
      .path
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line: [UInt8] = []
    while let byte = out.fileHandleForReading.readData(ofLength: 1).first, byte != 0x0A {
      line.append(byte)
    }
    if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    let deadline = Date().addingTimeInterval(30)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return (String(decoding: line, as: UTF8.self), process.terminationStatus)
  }

  @Test func wordsHonourSingleQuotes() {
    #expect(
      Self.words("gpumarket report s.sqlite --outcome 'share.*' --out r.md")
        == ["gpumarket", "report", "s.sqlite", "--outcome", "share.*", "--out", "r.md"])
  }

  /// Shell completions come from swift-argument-parser.
  @Test func completionScriptsAreGenerated() throws {
    for shell in ["bash", "zsh", "fish"] {
      let result = try CLIRunner.run(["--generate-completion-script", shell])
      #expect(result.status == 0)
      #expect(result.stdout.contains("gpumarket"))
    }
  }
}
