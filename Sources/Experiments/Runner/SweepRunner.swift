import Foundation

/// Runs every (point, replicate) of a sweep on `jobs` worker threads and streams each finished
/// run into the sweep database through a single writer.
///
/// Results do not depend on `jobs`: run ids, seeds and parameter values are functions of the plan
/// alone, and rows are keyed by run id. Memory is bounded: workers hand results to the writer
/// through a queue of `2 · jobs` slots and nothing else is kept. A run that throws is stored with
/// status `failed` and its error text; the sweep continues. Runs already in the database (from an
/// earlier, interrupted invocation of the same plan) are skipped, so running again resumes.
public struct SweepRunner {
  public var design: SweepDesign
  public var model: any ExperimentModel
  public var databasePath: String
  public var jobs: Int
  /// The part of the plan this invocation runs (``SweepShard/whole`` by default); the database
  /// records it and holds only that shard's runs.
  public var shard = SweepShard.whole
  /// Runs per transaction at most; a transaction also ends when the writer runs out of finished
  /// runs and the transaction has been open for ``commitInterval``, so a slow model's runs
  /// become durable within that time.
  public var batchSize = 256
  /// Seconds a transaction with runs in it stays open at most while the writer waits for more.
  /// Each commit writes every page the transaction touched to the WAL; committing after every
  /// run (as soon as the writer was idle) wrote a page per outcome name per run.
  public var commitInterval = 0.5
  /// Stop (cleanly, committing what is done) after storing this many runs; for tests and demos
  /// of resuming.
  public var stopAfter: Int?
  /// Polled between runs; returning true stops the sweep cleanly (for Ctrl-C).
  public var shouldStop: @Sendable () -> Bool = { false }
  /// What made the sweep, stored in the database's `provenance` table when it is created and
  /// compared on resume.
  public var provenance: Provenance?
  /// Receives progress (done including earlier invocations, total, failed so far).
  public var progress: ((SweepProgressSnapshot) -> Void)?

  public init(design: SweepDesign, model: any ExperimentModel, databasePath: String, jobs: Int) {
    self.design = design
    self.model = model
    self.databasePath = databasePath
    self.jobs = max(1, jobs)
  }

  public func run() throws(StoreError) -> SweepSummary {
    let writer = try ResultsWriter(
      path: databasePath, design: design, shard: shard, provenance: provenance)
    let completed = try writer.completedRuns(runCount: design.runCount)
    let alreadyDone = completed.insertedCount
    let total = shard.runCount(of: design.runCount)
    var failed = try Self.failedCount(writer.database)
    let dispenser = RunDispenser(completed: completed, shard: shard)
    let queue = BoundedQueue<RunRecord>(capacity: 2 * jobs, producers: jobs)
    let design = self.design
    let model = self.model
    let started = ContinuousClock.now
    var threads: [Thread] = []
    let finishedWorkers = DispatchGroup()
    for _ in 0..<jobs {
      finishedWorkers.enter()
      let thread = Thread {
        defer {
          queue.producerFinished()
          finishedWorkers.leave()
        }
        while let id = dispenser.take() {
          if !queue.push(Self.execute(id, design: design, model: model)) { break }
        }
      }
      thread.stackSize = 8 << 20
      threads.append(thread)
      thread.start()
    }

    var stored = 0
    var interrupted = false
    var pendingInBatch = 0
    var batchStarted = ContinuousClock.now
    let commitInterval = Duration.milliseconds(
      Int64((max(0, self.commitInterval) * 1000).rounded()))
    var lastReport = ContinuousClock.now
    var writeError: StoreError?
    loop: while true {
      var next = queue.pop(timeout: 0)
      if case .timedOut = next {
        // Nothing finished right now: make what is written durable once the transaction is
        // old enough, and wait no longer than until it is.
        var wait = 0.2
        if pendingInBatch > 0 {
          let age = ContinuousClock.now - batchStarted
          if age >= commitInterval {
            do { try writer.commit() } catch {
              writeError = error
              break loop
            }
            pendingInBatch = 0
          } else {
            wait = min(wait, Self.seconds(commitInterval - age))
          }
        }
        next = queue.pop(timeout: wait)
      }
      switch next {
      case .element(let record):
        do {
          try writer.write(record)
        } catch {
          writeError = error
          break loop
        }
        stored += 1
        if pendingInBatch == 0 { batchStarted = ContinuousClock.now }
        pendingInBatch += 1
        if record.error != nil { failed += 1 }
        if pendingInBatch >= batchSize {
          do { try writer.commit() } catch {
            writeError = error
            break loop
          }
          pendingInBatch = 0
        }
        if let stopAfter, stored >= stopAfter {
          interrupted = true
          break loop
        }
      case .timedOut:
        break
      case .finished:
        break loop
      }
      if shouldStop() {
        interrupted = true
        break loop
      }
      let now = ContinuousClock.now
      if let progress, now - lastReport >= .milliseconds(100) {
        lastReport = now
        progress(
          SweepProgressSnapshot(
            done: alreadyDone + stored, total: total, failed: failed,
            ranThisTime: stored, elapsed: Self.seconds(now - started)))
      }
    }
    dispenser.stop()
    queue.close()
    finishedWorkers.wait()
    // Commit what was written; in-flight runs that did not reach the writer are redone next time.
    if writeError == nil {
      do { try writer.finish() } catch { writeError = error }
    }
    if let writeError { throw writeError }
    let summary = SweepSummary(
      total: total, alreadyDone: alreadyDone, ran: stored, failed: failed,
      interrupted: interrupted, elapsedSeconds: Self.seconds(ContinuousClock.now - started))
    progress?(
      SweepProgressSnapshot(
        done: alreadyDone + stored, total: total, failed: failed, ranThisTime: stored,
        elapsed: summary.elapsedSeconds))
    return summary
  }

  static func execute(_ id: Int, design: SweepDesign, model: any ExperimentModel) -> RunRecord {
    let (point, replicate) = id.quotientAndRemainder(dividingBy: design.plan.replicates)
    let assignments = design.assignments(atPoint: point)
    let seed = design.seed(point: point, replicate: replicate)
    let start = ContinuousClock.now
    var record = RunRecord(
      runID: id, point: point, replicate: replicate, seed: seed, assignments: assignments,
      error: nil, wallSeconds: 0, outcome: nil)
    do {
      record.outcome = try model.run(assignments, seed: seed)
    } catch {
      record.error = "\(error)"
    }
    record.wallSeconds = seconds(ContinuousClock.now - start)
    return record
  }

  static func failedCount(_ database: SQLiteDatabase) throws(StoreError) -> Int {
    let query = try database.prepare("SELECT count(*) FROM runs WHERE status = 'failed'")
    try query.step()
    return query.int(0)
  }

  static func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) * 1e-18
  }
}

/// Where a sweep stands, for progress output.
public struct SweepProgressSnapshot: Sendable {
  public var done: Int
  public var total: Int
  public var failed: Int
  public var ranThisTime: Int
  public var elapsed: Double

  public init(done: Int, total: Int, failed: Int, ranThisTime: Int, elapsed: Double) {
    self.done = done
    self.total = total
    self.failed = failed
    self.ranThisTime = ranThisTime
    self.elapsed = elapsed
  }
}

/// What a sweep invocation did.
public struct SweepSummary: Sendable, Equatable {
  /// Runs of the shard (of the whole plan when not sharded).
  public var total: Int
  /// Runs found in the database before this invocation.
  public var alreadyDone: Int
  /// Runs executed and stored by this invocation.
  public var ran: Int
  /// Failed runs in the database (all invocations).
  public var failed: Int
  public var interrupted: Bool
  public var elapsedSeconds: Double

  public var done: Int { alreadyDone + ran }
  public var isComplete: Bool { done == total }
}
