/// The nearest valid name to a misspelt one, for "did you mean" hints.
public enum NameSuggestion {
  /// The candidate closest to `name` by edit distance (case-insensitive), if it is close enough
  /// to be a plausible typo: at most 2 edits, or a third of the name's length for long names.
  public static func nearest<S: Sequence>(to name: String, among candidates: S) -> String?
  where S.Element == String {
    let target = Array(name.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased()))
      if best == nil || distance < best!.distance { best = (candidate, distance) }
    }
    guard let best else { return nil }
    let limit = max(2, target.count / 3)
    return best.distance <= limit ? best.name : nil
  }

  /// `did you mean 'x'?`, or nil.
  public static func hint<S: Sequence>(for name: String, among candidates: S) -> String?
  where S.Element == String {
    nearest(to: name, among: candidates).map { "did you mean '\($0)'?" }
  }

  /// Levenshtein distance.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
