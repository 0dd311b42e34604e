import Foundation

// Subcommands: `clearing` and `crossover` (ClearingCommand.swift).
let arguments = Array(CommandLine.arguments.dropFirst())
if ["clearing", "crossover"].contains(arguments.first ?? "") {
  ClearingCommand.main(arguments)
} else {
  FileHandle.standardError.write(Data("error: expected a command\n\(ClearingCommand.usage)\n".utf8))
  exit(64)
}
