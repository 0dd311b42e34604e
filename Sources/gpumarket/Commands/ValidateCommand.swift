import ArgumentParser
import ScenarioFormat

/// `gpumarket validate FILE...`: checks scenario files without running them.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check scenario files without running them.",
    discussion: CommandHelp.discussion(
      """
      Each FILE is a scenario file (YAML or JSON) or the name of a bundled scenario. A file \
      that would start a run prints `FILE: ok` on stdout; otherwise every problem is printed on \
      stderr, one per line, as `file:line:column: error: key.path: message (hint)`, sorted by \
      file and position. `run` prints exactly the same diagnostics for the same input.

      --print-resolved prints each file after `extends` and --set are applied, as JSON (the \
      form `gpumarket schema` describes), whenever it could be read and merged, even when it \
      has errors; the errors still go to stderr and set the exit status.
      """,
      examples: [
        "gpumarket validate baseline-2026 counterfactual-no-colossus",
        "gpumarket validate baseline-2026 --set market.sigma=6 --print-resolved",
      ])
  )

  @Argument(help: "Scenario files, or bundled scenarios' names.")
  var files: [String]

  @Option(name: .customLong("set"), help: "Override a value: key.path=value (repeatable).")
  var overrides: [String] = []

  @Flag(help: "Print each file, with extends and --set applied, as JSON.")
  var printResolved = false

  func run() throws {
    var failed = false
    for file in files {
      let outcome = ScenarioCheck.check(file, overrides: overrides)
      if outcome.scenario == nil { failed = true }
      if printResolved {
        if let document = outcome.document { print(document.json.serialized()) }
      } else if outcome.scenario != nil {
        print("\(file): ok")
      }
    }
    if failed { throw ExitStatus.invalidInput }
  }
}
