import SafeIO

/// One problem found in an input file, with everything needed to fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  /// Where the offending value is (nil when the file itself is the problem and no position is known).
  public let location: SourceLocation?
  /// The path of the offending value.
  public let keyPath: KeyPath
  /// What is wrong and what was expected.
  public let message: String
  /// A suggestion, e.g. `did you mean 'budgetUSDPerMonth'?`.
  public let hint: String?

  public init(location: SourceLocation?, keyPath: KeyPath, message: String, hint: String? = nil) {
    self.location = location
    self.keyPath = keyPath
    self.message = message
    self.hint = hint
  }

  /// `file:line:col: error: key.path: message (hint)`, on one line with control characters
  /// escaped (names and values quoted from a file must not reach a terminal raw).
  public var description: String { TerminalText.escaped(rawDescription) }

  /// The same without escaping.
  var rawDescription: String {
    var text = location.map { "\($0): error: " } ?? "error: "
    if !keyPath.components.isEmpty { text += "\(keyPath): " }
    text += message
    if let hint { text += " (\(hint))" }
    return text
  }
}

/// Every problem found while reading one input, reported together.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
  public let diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

  /// One diagnostic per line, in file order.
  public var description: String {
    diagnostics.map(\.description).joined(separator: "\n")
  }
}

/// Collects diagnostics while a document is read, so that all errors are reported at once.
public final class DiagnosticLog {
  public private(set) var diagnostics: [Diagnostic] = []

  public init() {}

  /// Whether any error has been recorded.
  public var hasErrors: Bool { !diagnostics.isEmpty }

  /// Records an error about `node`.
  public func error(_ message: String, at node: DocumentNode, hint: String? = nil) {
    record(Diagnostic(location: node.location, keyPath: node.keyPath, message: message, hint: hint))
  }

  /// Records an error at an explicit place.
  public func error(
    _ message: String, keyPath: KeyPath, location: SourceLocation?, hint: String? = nil
  ) {
    record(Diagnostic(location: location, keyPath: keyPath, message: message, hint: hint))
  }

  /// Records a ready-made diagnostic. Duplicates are dropped, and so is a message already given
  /// about the same position of a file under another key path: YAML aliases copy one value to
  /// many places (a "billion laughs" to a million), and its mistake is reported once, at the
  /// first path that reached it.
  public func record(_ diagnostic: Diagnostic) {
    guard recorded.insert(diagnostic).inserted else { return }
    if let location = diagnostic.location, location.line > 0 {
      let place = PlacedMessage(location: location, message: diagnostic.message)
      guard placed.insert(place).inserted else { return }
    }
    diagnostics.append(diagnostic)
  }

  /// Everything recorded, to drop duplicates in constant time.
  private var recorded = Set<Diagnostic>()
  /// The messages recorded at each known position of a file.
  private var placed = Set<PlacedMessage>()

  private struct PlacedMessage: Hashable {
    var location: SourceLocation
    var message: String
  }

  /// Throws everything recorded so far, sorted by file and position, if there is anything.
  public func throwIfErrors() throws(DiagnosticsError) {
    guard hasErrors else { return }
    throw DiagnosticsError(sortedDiagnostics)
  }

  /// The diagnostics in file, line, column order (stable for equal positions).
  public var sortedDiagnostics: [Diagnostic] {
    diagnostics.enumerated().sorted { a, b in
      let la = a.element.location
      let lb = b.element.location
      let ka = (la?.file ?? "", la?.line ?? 0, la?.column ?? 0)
      let kb = (lb?.file ?? "", lb?.line ?? 0, lb?.column ?? 0)
      return ka != kb ? ka < kb : a.offset < b.offset
    }.map(\.element)
  }
}
