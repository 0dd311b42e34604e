import ArgumentParser

/// `gpumarket clear FILE`: clears one market read from a file.
struct ClearCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clear",
    abstract: "Clear one spot market read from a JSON or YAML file."
  )

  @Argument(help: "The market file (JSON or YAML).")
  var file: String

  func run() throws {
    print("not yet")
  }
}
