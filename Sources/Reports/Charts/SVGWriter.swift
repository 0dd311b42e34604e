/// Builds SVG markup with fixed coordinate formatting (two decimals), so charts are
/// byte-identical for identical data.
struct SVGWriter {
  private(set) var body: [String] = []
  let width: Double
  let height: Double

  init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  static func n(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 2) }

  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }

  mutating func raw(_ element: String) { body.append(element) }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
    dash: String? = nil
  ) {
    let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    body.append(
      "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" "
        + "stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(dashAttribute)/>")
  }

  mutating func rect(
    _ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, opacity: Double = 1
  ) {
    let opacityAttribute = opacity < 1 ? " fill-opacity=\"\(Self.n(opacity))\"" : ""
    body.append(
      "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(w, 0)))\" "
        + "height=\"\(Self.n(max(h, 0)))\" fill=\"\(fill)\"\(opacityAttribute)/>")
  }

  mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, opacity: Double = 1) {
    let opacityAttribute = opacity < 1 ? " fill-opacity=\"\(Self.n(opacity))\"" : ""
    body.append(
      "<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" fill=\"\(fill)\"\(opacityAttribute)/>"
    )
  }

  mutating func polyline(
    _ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil
  ) {
    guard points.count > 1 else { return }
    let coordinates = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
    let dashAttribute = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    body.append(
      "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke)\" "
        + "stroke-width=\"\(Self.n(width))\" stroke-linejoin=\"round\"\(dashAttribute)/>")
  }

  mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) {
    guard points.count > 2 else { return }
    let coordinates = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
    body.append(
      "<polygon points=\"\(coordinates)\" fill=\"\(fill)\" fill-opacity=\"\(Self.n(opacity))\" stroke=\"none\"/>"
    )
  }

  enum Anchor: String { case start, middle, end }

  /// A generous estimate of a text's width in Helvetica/Arial: 0.6 em per character (0.64 em
  /// bold), above the fonts' average, so a text that fits by this measure fits when drawn.
  static func estimatedWidth(_ text: String, size: Double, bold: Bool) -> Double {
    Double(text.count) * size * (bold ? 0.64 : 0.6)
  }

  /// The largest font size from `size` down to `minimum` (in steps of 1) at which `text` fits
  /// in `room` pixels; `minimum` when none does (``text(_:x:y:anchor:size:weight:rotate:fill:)``
  /// then cuts it).
  static func fittingSize(
    _ text: String, room: Double, size: Double, minimum: Double, bold: Bool
  ) -> Double {
    var size = size
    while size > minimum && estimatedWidth(text, size: size, bold: bold) > room { size -= 1 }
    return size
  }

  /// `content` cut with "…" so that it stays inside the view box (4 px margin) when drawn at
  /// (x, y) with `anchor`; vertical (rotated ±90°) texts are measured against the height.
  func fitted(
    _ content: String, x: Double, y: Double, anchor: Anchor, size: Double, bold: Bool,
    vertical: Bool
  ) -> String {
    let position = vertical ? y : x
    let extent = vertical ? height : width
    let room: Double
    switch anchor {
    case .start: room = (vertical ? position : extent - position) - 4
    case .end: room = (vertical ? extent - position : position) - 4
    case .middle: room = 2 * min(position, extent - position) - 8
    }
    guard Self.estimatedWidth(content, size: size, bold: bold) > room else { return content }
    let characters = max(1, Int(room / (size * (bold ? 0.64 : 0.6))) - 1)
    return String(content.prefix(characters)) + "…"
  }

  mutating func text(
    _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
    weight: String? = nil, rotate: Double? = nil, fill: String = "#222222"
  ) {
    let vertical = rotate.map { abs(abs($0) - 90) < 1e-9 } ?? false
    // Rotated by −90° the text's start is at the bottom: a start anchor runs upwards.
    let content = fitted(
      content, x: x, y: y, anchor: anchor, size: size, bold: weight == "bold",
      vertical: vertical)
    var attributes =
      "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" text-anchor=\"\(anchor.rawValue)\" "
      + "font-size=\"\(Self.n(size))\" fill=\"\(fill)\""
    if let weight { attributes += " font-weight=\"\(weight)\"" }
    if let rotate {
      attributes += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\""
    }
    body.append("<text \(attributes)>\(Self.escape(content))</text>")
  }

  /// The finished document, with a title element for accessibility.
  func document(title: String) -> String {
    let w = Self.n(width)
    let h = Self.n(height)
    return """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(w)" height="\(h)" viewBox="0 0 \(w) \(h)" \
      font-family="Helvetica, Arial, sans-serif" role="img">
      <title>\(Self.escape(title))</title>
      <rect x="0" y="0" width="\(w)" height="\(h)" fill="#ffffff"/>
      \(body.joined(separator: "\n"))
      </svg>

      """
  }
}
