/// The parts every command's help shares: an EXAMPLES section (run by a test) and the one
/// exit-status table of gpumarket, documented once here and in the README.
enum CommandHelp {
  /// Every exit status of every command.
  static let exitStatuses: [(code: Int32, meaning: String)] = [
    (0, "success"),
    (1, "sweep, merge: some runs failed (recorded in the database) or, for merge, are missing"),
    (
      2,
      "invalid input: a file, plan, database, name or outcome that cannot be used (details on stderr)"
    ),
    (3, "clear: the market did not clear to the tolerance (the best answer is printed)"),
    (4, "clear --verify: an equilibrium condition is violated"),
    (
      5,
      "run, compare, tco: a run stopped on a violated invariant (month, entity and numbers on stderr)"
    ),
    (6, "explore: the server could not listen on the address (in use, or not an address)"),
    (64, "bad command-line usage"),
    (74, "an output file, folder or database could not be written"),
    (130, "interrupted (Ctrl-C); a sweep keeps the runs it stored (explore stops with 0)"),
  ]

  /// The exit-status table as help text.
  static var exitStatusText: String {
    "EXIT STATUS:\n"
      + exitStatuses.map { code, meaning in
        "  " + String(code).padding(toLength: 5, withPad: " ", startingAt: 0) + meaning
      }.joined(separator: "\n")
  }

  /// `intro`, then EXAMPLES (one command per line, each run from an empty folder in order by
  /// the help test), then the exit statuses.
  static func discussion(_ intro: String, examples: [String]) -> String {
    intro + "\n\nEXAMPLES:\n" + examples.map { "  " + $0 }.joined(separator: "\n") + "\n\n"
      + exitStatusText
  }
}
