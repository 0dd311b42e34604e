import Foundation
import SafeIO

/// Writes a message to standard error, each line with its control characters escaped (messages
/// quote names and values from files and the command line).
func printError(_ message: String) {
  FileHandle.standardError.write(Data((TerminalText.escapedLines(message) + "\n").utf8))
}
