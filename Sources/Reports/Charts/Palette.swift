/// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), seven colours that stay
/// distinguishable under the common forms of colour-vision deficiency, with its yellow (#F0E442,
/// a contrast of 1.2:1 on white) replaced by a dark brown that reads on white paper and screens.
public enum Palette {
  public static let colors = [
    "#0072B2",  // blue
    "#E69F00",  // orange
    "#009E73",  // bluish green
    "#D55E00",  // vermillion
    "#CC79A7",  // reddish purple
    "#56B4E9",  // sky blue
    "#000000",  // black
    "#8C564B",  // brown (in place of Okabe–Ito yellow)
  ]

  public static func color(_ index: Int) -> String { colors[index % colors.count] }

  /// A dash pattern that tells apart series sharing a colour: solid for the first eight, then
  /// dashed, then dotted.
  public static func dash(_ index: Int) -> String? {
    switch index / colors.count {
    case 0: nil
    case 1: "7 4"
    default: "2 3"
    }
  }

  static let axis = "#444444"
  static let grid = "#e5e5e5"
}
