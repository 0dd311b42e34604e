extension OutcomeKind {
  /// The table of outcome kinds in `docs/model.md` (between `outcomes:begin` and
  /// `outcomes:end`), generated from `all`.
  public static func markdownTable() -> String {
    var lines = [
      "| name | entity | value | unit | a year's value |",
      "|---|---|---|---|---|",
    ]
    for kind in all {
      let pattern =
        kind.entity == .none ? "`\(kind.name).<period>`" : "`\(kind.name).<entity>.<period>`"
      lines.append(
        "| \(pattern) | \(kind.entity.rawValue) | \(kind.doc) | \(kind.unit) | \(kind.aggregation.rawValue) |"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
