import Foundation

/// Prints sweep progress on standard error: a bar redrawn in place when stderr is a terminal,
/// plain lines every `lineInterval` seconds otherwise.
///
///     [##########----------]  512/1024  50%  0:12 elapsed  830.2 runs/s  ETA 0:01  (3 failed)
///
/// On a terminal the line is fitted to its width (`TIOCGWINSZ`): the bar shrinks, then the
/// rate and the ETA are dropped, so it never wraps.
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
      write("\r" + Self.fitted(snapshot, columns: Self.terminalColumns()) + "\u{1B}[K")
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

  /// The columns of the terminal on stderr, or 80 when unknown.
  static func terminalColumns() -> Int {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// The fullest line that fits in `columns − 1` characters (the last column is left free, so the
  /// cursor never wraps): the bar at 24, then narrower, then without it, then shorter lines.
  public static func fitted(_ s: SweepProgressSnapshot, columns: Int) -> String {
    let limit = max(columns - 1, 1)
    for width in [24, 16, 10] {
      let text = line(s, barWidth: width)
      if text.count <= limit { return text }
    }
    for detail in [Detail.full, .noRate, .minimal] {
      let text = line(s, barWidth: 0, detail: detail)
      if text.count <= limit { return text }
    }
    return String(line(s, barWidth: 0, detail: .minimal).prefix(limit))
  }

  /// How much a line says besides the count.
  public enum Detail: Sendable { case full, noRate, minimal }

  /// One progress line; `barWidth` 0 leaves the bar out.
  public static func line(_ s: SweepProgressSnapshot, barWidth: Int, detail: Detail = .full)
    -> String
  {
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
    parts.append(duration(s.elapsed) + (detail == .minimal ? "" : " elapsed"))
    let rate = s.elapsed > 0 ? Double(s.ranThisTime) / s.elapsed : 0
    if detail == .full { parts.append(String(format: "%.1f runs/s", rate)) }
    if detail != .minimal && rate > 0 && s.done < s.total {
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
