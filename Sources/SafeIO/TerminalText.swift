/// Text quoted from a file or the command line, made safe to print on a terminal: control
/// characters (escape sequences, BEL, NUL, carriage returns, newlines inside a value) and the
/// invisible characters that reorder text are shown as escapes such as `\e`, `\n` or `\u{202E}`,
/// so that a message can never clear the screen, forge a line or hide what it quotes.
public enum TerminalText {
  /// `text` with every unsafe character escaped; a backslash itself is left alone.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      guard isUnsafe(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{1B}": result += "\\e"
      case "\0": result += "\\0"
      default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return result
  }

  /// Each line of `message` escaped, the line breaks between them kept (for messages that are
  /// several lines of already composed text).
  public static func escapedLines(_ message: String) -> String {
    message.split(separator: "\n", omittingEmptySubsequences: false)
      .map { escaped(String($0)) }.joined(separator: "\n")
  }

  /// C0 and C1 controls, DEL, and the bidirectional and line/paragraph separator characters.
  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
