/// Where a value came from: a file with 1-based line and column, or the command line.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  /// The file as the user named it (or `<command line>`).
  public let file: String
  /// 1-based line, 0 when unknown.
  public let line: Int
  /// 1-based column, 0 when unknown.
  public let column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// A value given with `--set` on the command line.
  public static let commandLine = SourceLocation(file: "<command line>", line: 0, column: 0)

  /// `file:line:column`, or just `file` when the position is unknown.
  public var description: String {
    line > 0 ? "\(file):\(line):\(column)" : file
  }
}
