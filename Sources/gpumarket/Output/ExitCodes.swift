import ArgumentParser

/// Exit statuses of gpumarket; ``CommandHelp/exitStatuses`` documents them in every command's help.
enum ExitStatus {
  /// The input file could not be read or is invalid (the message names file, line and key path).
  static let invalidInput = ExitCode(2)
  /// The market did not clear to the requested tolerance; the best answer is still printed.
  static let notConverged = ExitCode(3)
  /// `--verify` found an equilibrium condition violated by more than the tolerance.
  static let verificationFailed = ExitCode(4)
  /// An output file or folder could not be written (sysexits EX_IOERR).
  static let writeFailed = ExitCode(74)
}
