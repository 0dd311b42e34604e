import Foundation

/// A blocking first-in first-out queue of bounded capacity, for many producers and one consumer.
///
/// Producers block while it is full, so finished runs never pile up in memory faster than the
/// writer stores them; `close()` wakes everyone and makes further pushes no-ops.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var buffer: [Element?]
  private var head = 0
  private var count = 0
  private var closed = false
  private var openProducers: Int

  init(capacity: Int, producers: Int) {
    buffer = [Element?](repeating: nil, count: max(capacity, 1))
    openProducers = producers
  }

  /// Adds an element, waiting while the queue is full; returns false when the queue is closed.
  @discardableResult
  func push(_ element: Element) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while count == buffer.count && !closed { condition.wait() }
    guard !closed else { return false }
    buffer[(head + count) % buffer.count] = element
    count += 1
    condition.broadcast()
    return true
  }

  /// Marks one producer as finished.
  func producerFinished() {
    condition.lock()
    openProducers -= 1
    condition.broadcast()
    condition.unlock()
  }

  /// The next element; waits up to `timeout` seconds. `.finished` once every producer has
  /// finished (or the queue is closed) and the queue is empty.
  func pop(timeout: Double) -> PopResult {
    condition.lock()
    defer { condition.unlock() }
    let deadline = Date(timeIntervalSinceNow: timeout)
    while count == 0 {
      if openProducers == 0 || closed { return .finished }
      if !condition.wait(until: deadline) { return count == 0 ? .timedOut : take() }
    }
    return take()
  }

  private func take() -> PopResult {
    let element = buffer[head]!
    buffer[head] = nil
    head = (head + 1) % buffer.count
    count -= 1
    condition.broadcast()
    return .element(element)
  }

  /// Drops everything and refuses further pushes; blocked producers return.
  func close() {
    condition.lock()
    closed = true
    buffer = buffer.map { _ in nil }
    count = 0
    condition.broadcast()
    condition.unlock()
  }

  /// Whether any producer is still running.
  var hasOpenProducers: Bool {
    condition.lock()
    defer { condition.unlock() }
    return openProducers > 0
  }

  enum PopResult {
    case element(Element)
    case timedOut
    case finished
  }
}

/// Hands out the ids of runs still to do, in increasing order, to several workers.
final class RunDispenser: @unchecked Sendable {
  private let lock = NSLock()
  private let completed: CompletionSet
  private var next = 0
  private var stopped = false

  init(completed: CompletionSet) {
    self.completed = completed
  }

  func take() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard !stopped else { return nil }
    while next < completed.count && completed.contains(next) { next += 1 }
    guard next < completed.count else { return nil }
    defer { next += 1 }
    return next
  }

  func stop() {
    lock.lock()
    stopped = true
    lock.unlock()
  }
}
