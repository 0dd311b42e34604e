import ArgumentParser
import ScenarioFormat

/// `gpumarket validate FILE...`: checks scenario files without running them.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check scenario files without running them.",
    discussion: """
      Each FILE is a scenario file (YAML or JSON) or the name of a bundled scenario. A file \
      that would start a run prints `FILE: ok` on stdout; otherwise every problem is printed on \
      stderr, one per line, as `file:line:column: error: key.path: message (hint)`, sorted by \
      file and position. `run` prints exactly the same diagnostics for the same input.

      --print-resolved prints each valid file after `extends` and --set are applied, as JSON \
      (the form `gpumarket schema` describes).

      Exit status: 0 every file would run; 2 at least one would not; 64 bad command-line usage.
      """
  )

  @Argument(help: "Scenario files, or bundled scenarios' names.")
  var files: [String]

  @Option(name: .customLong("set"), help: "Override a value: key.path=value (repeatable).")
  var overrides: [String] = []

  @Flag(help: "Print each valid file, with extends and --set applied, as JSON.")
  var printResolved = false

  func run() throws {
    var failed = false
    for file in files {
      guard let loaded = ScenarioCheck.load(file, overrides: overrides) else {
        failed = true
        continue
      }
      if printResolved {
        print(loaded.document.json.serialized())
      } else {
        print("\(file): ok")
      }
    }
    if failed { throw ExitStatus.invalidInput }
  }
}
