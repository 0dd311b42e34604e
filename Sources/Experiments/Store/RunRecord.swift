/// One finished run on its way to the database.
struct RunRecord: Sendable {
  var runID: Int
  var point: Int
  var replicate: Int
  var seed: UInt64
  var assignments: [ParameterAssignment]
  /// nil when the run succeeded.
  var error: String?
  var wallSeconds: Double
  var outcome: RunOutcome?
}
