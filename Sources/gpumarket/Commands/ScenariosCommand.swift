import ArgumentParser
import Foundation
import LocatedYAML
import ScenarioFormat

/// `gpumarket scenarios`: lists the bundled scenario files with their descriptions.
struct ScenariosCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scenarios",
    abstract: "List the bundled scenarios, one line each.",
    discussion: """
      The folder is $GPUMARKET_SCENARIOS if set, else scenarios/ in the current directory, else \
      scenarios/ beside the executable or in one of its parent directories. Any listed name can \
      be passed to `gpumarket run` without its folder or extension.

      Exit status: 0 success; 2 no scenario folder found.
      """
  )

  func run() throws {
    guard let dir = ScenarioDirectory.find() else {
      printError("error: no scenarios/ folder found (set GPUMARKET_SCENARIOS)")
      throw ExitStatus.invalidInput
    }
    let files = ScenarioDirectory.files(in: dir)
    let width = files.map { $0.deletingPathExtension().lastPathComponent.count }.max() ?? 0
    for file in files {
      let name = file.deletingPathExtension().lastPathComponent
      let description: String
      do {
        let root = try Document.load(path: file.path)
        description =
          root["description"].flatMap { node -> String? in
            if case .scalar(let text, _) = node.value { return text }
            return nil
          } ?? "(no description)"
      } catch {
        description = "(unreadable: \(error.diagnostics.first?.message ?? "error"))"
      }
      let firstLine = description.split(separator: "\n").first.map(String.init) ?? ""
      print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + firstLine)
    }
  }
}
