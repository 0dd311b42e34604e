import Foundation

/// Prints sweep progress on standard error: a bar redrawn in place when stderr is a terminal,
/// plain lines every `lineInterval` seconds otherwise.
///
///     [##########----------]  512/1024  50%  830.2 runs/s  ETA 0:01  (3 failed)
public final class ProgressReporter {
  public let isTerminal: Bool
  public var lineInterval: Double
  private var lastLine: Double = -.infinity
  private var drewBar = false

  public init(isTerminal: Bool = isatty(STDERR_FILENO) == 1, lineInterval: Double = 5) {
    self.isTerminal = isTerminal
    self.lineInterval = lineInterval
  }

  public func update(_ snapshot: SweepProgressSnapshot) {
    if isTerminal {
      write("\r" + Self.line(snapshot, barWidth: 24) + "\u{1B}[K")
      drewBar = true
    } else if snapshot.elapsed - lastLine >= lineInterval {
      lastLine = snapshot.elapsed
      write(Self.line(snapshot, barWidth: 0) + "\n")
    }
  }

  /// Ends the bar's line so later output starts on a fresh one.
  public func finish() {
    if drewBar { write("\n") }
    drewBar = false
  }

  /// One progress line; `barWidth` 0 leaves the bar out.
  public static func line(_ s: SweepProgressSnapshot, barWidth: Int) -> String {
    let fraction = s.total > 0 ? Double(s.done) / Double(s.total) : 1
    var parts: [String] = []
    if barWidth > 0 {
      let filled = Int((fraction * Double(barWidth)).rounded(.down))
      parts.append(
        "[" + String(repeating: "#", count: filled)
          + String(repeating: "-", count: barWidth - filled) + "]")
    }
    let width = String(s.total).count
    let doneText = String(repeating: " ", count: max(0, width - String(s.done).count)) + "\(s.done)"
    parts.append("\(doneText)/\(s.total)")
    parts.append(String(format: "%3.0f%%", fraction * 100))
    let rate = s.elapsed > 0 ? Double(s.ranThisTime) / s.elapsed : 0
    parts.append(String(format: "%.1f runs/s", rate))
    if rate > 0 && s.done < s.total {
      parts.append("ETA " + duration(Double(s.total - s.done) / rate))
    }
    if s.failed > 0 { parts.append("(\(s.failed) failed)") }
    return parts.joined(separator: "  ")
  }

  /// h:mm:ss or m:ss.
  static func duration(_ seconds: Double) -> String {
    let total = Int(seconds.rounded(.up))
    let (h, rest) = total.quotientAndRemainder(dividingBy: 3600)
    let (m, s) = rest.quotientAndRemainder(dividingBy: 60)
    return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
  }

  private func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
