#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Small integer ids for the texts of a column that repeats a few values over many rows (the
/// outcome, series and month names of a sweep database), without making a String per row.
///
/// Rows read in key order repeat one run's names in the same order in the next run, so a text
/// is first compared, byte for byte, with the texts of the ids a caller guesses (the id last
/// seen, the one after it, the first); only when none matches is a String made and looked up.
struct TextIDs {
  /// Texts by id, in the order first seen.
  private(set) var texts: [String] = []
  private var bytes: [[UInt8]] = []
  private var ids: [String: Int] = [:]

  var count: Int { texts.count }

  /// The id of `text`, trying `first`, then `second`, then `third` before the dictionary.
  mutating func id(
    _ text: UnsafeBufferPointer<UInt8>, guess first: Int, _ second: Int, _ third: Int = 0
  ) -> Int {
    if matches(text, first) { return first }
    if matches(text, second) { return second }
    if matches(text, third) { return third }
    let string = String(decoding: text, as: UTF8.self)
    if let id = ids[string] { return id }
    let id = texts.count
    texts.append(string)
    bytes.append(Array(text))
    ids[string] = id
    return id
  }

  private func matches(_ text: UnsafeBufferPointer<UInt8>, _ id: Int) -> Bool {
    guard id >= 0, id < bytes.count, bytes[id].count == text.count else { return false }
    guard text.count > 0, let base = text.baseAddress else { return true }
    return bytes[id].withUnsafeBufferPointer { memcmp($0.baseAddress!, base, text.count) == 0 }
  }

  /// Whether the text of `a` sorts before that of `b` as SQLite's BINARY collation sorts them
  /// (byte by byte, a prefix first).
  func precedes(_ a: Int, _ b: Int) -> Bool {
    bytes[a].lexicographicallyPrecedes(bytes[b])
  }
}
