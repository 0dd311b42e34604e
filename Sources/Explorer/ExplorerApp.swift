import Foundation
import LocatedYAML
import Simulation

/// A response as the server sends it.
public struct ExplorerResponse: Sendable {
  /// HTTP status code.
  public var status: Int
  public var contentType: String
  public var body: [UInt8]

  /// The body as text (for tests and logs).
  public var text: String { String(decoding: body, as: UTF8.self) }

  static func json(_ status: Int, _ value: some Encodable) -> ExplorerResponse {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data(#"{"error":"could not encode"}"#.utf8)
    return ExplorerResponse(status: status, contentType: "application/json", body: Array(data))
  }

  /// `{"error": message, "diagnostics": [...]}`.
  static func error(_ status: Int, _ message: String, diagnostics: [String] = [])
    -> ExplorerResponse
  {
    json(status, ErrorBody(error: message, diagnostics: diagnostics))
  }

  struct ErrorBody: Encodable {
    var error: String
    var diagnostics: [String]
  }
}

extension ExplorerResponse: Error {}

/// The explorer's routes, independent of the socket server: `respond` takes a request's method,
/// path and body and never throws or traps on what a client sends.
///
/// Routes: `GET /` (the page), `GET /api/scenario` (the scenario, its sliders and numeric key
/// paths), `POST /api/run` (a what-if run), `POST /api/tco` (owning against renting a fleet).
public final class ExplorerApp: Sendable {
  public let model: ExplorerModel
  let gate: RunGate

  public init(model: ExplorerModel) {
    self.model = model
    gate = RunGate(capacity: model.limits.maxConcurrentRuns)
  }

  /// The routes and the methods each takes.
  public static let routes: [(path: String, method: String)] = [
    ("/", "GET"), ("/api/scenario", "GET"), ("/api/run", "POST"), ("/api/tco", "POST"),
  ]

  public func respond(method: String, path: String, body: [UInt8]) async -> ExplorerResponse {
    let route = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
    guard let expected = Self.routes.first(where: { $0.path == route })?.method else {
      return .error(404, "no route \(route) (routes: / /api/scenario /api/run /api/tco)")
    }
    guard method == expected || (method == "HEAD" && expected == "GET") else {
      return .error(405, "\(route) takes \(expected), not \(method)")
    }
    guard body.count <= model.limits.maxBodyBytes else {
      return Self.tooLarge(model.limits.maxBodyBytes)
    }
    switch route {
    case "/":
      return ExplorerResponse(
        status: 200, contentType: "text/html; charset=utf-8", body: Array(ExplorerPage.html.utf8))
    case "/api/scenario":
      return .json(200, ScenarioBody(model))
    case "/api/run":
      return await run(body)
    default:
      return await tco(body)
    }
  }

  /// The 413 response for a body over `limit` bytes.
  public static func tooLarge(_ limit: Int) -> ExplorerResponse {
    .error(413, "the request body is larger than \(limit) bytes")
  }

  // MARK: - /api/run

  struct RunRequest: Decodable {
    var overrides: [String]?
    var seed: UInt64?
    /// Replicates to run (1...maxReplicates; default 1): more give fan charts when noise is on.
    var replicates: Int?
  }

  func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8]) -> Result<T, ExplorerResponse> {
    do {
      return .success(
        try JSONDecoder().decode(T.self, from: Data(body.isEmpty ? Array("{}".utf8) : body)))
    } catch {
      return .failure(
        ExplorerResponse.error(
          400, "the request body is not the JSON this route takes: \(Self.reason(error))"))
    }
  }

  static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.typeMismatch(let type, let context):
      return "expected \(type) at \(path(context))"
    case DecodingError.keyNotFound(let key, let context):
      return "missing \(key.stringValue) at \(path(context))"
    case DecodingError.valueNotFound(let type, let context):
      return "expected \(type) at \(path(context))"
    case DecodingError.dataCorrupted(let context):
      return context.codingPath.isEmpty ? "not JSON" : "bad value at \(path(context))"
    default:
      return "not JSON"
    }
  }

  private static func path(_ context: DecodingError.Context) -> String {
    context.codingPath.isEmpty
      ? "(root)" : context.codingPath.map(\.stringValue).joined(separator: ".")
  }

  func run(_ body: [UInt8]) async -> ExplorerResponse {
    let request: RunRequest
    switch decode(RunRequest.self, body) {
    case .success(let value): request = value
    case .failure(let response): return response
    }
    let overrides = request.overrides ?? []
    guard overrides.count <= model.limits.maxOverrides else {
      return .error(400, "at most \(model.limits.maxOverrides) overrides, got \(overrides.count)")
    }
    let replicates = request.replicates ?? 1
    guard (1...model.limits.maxReplicates).contains(replicates) else {
      return .error(
        400, "replicates must be in 1...\(model.limits.maxReplicates), got \(replicates)")
    }
    let model = self.model
    let started = DispatchTime.now().uptimeNanoseconds
    let outcome = await bounded {
      model.run(overrides: overrides, seed: request.seed, replicates: replicates)
    }
    switch outcome {
    case .busy: return Self.busy(model.limits.maxConcurrentRuns)
    case .late: return Self.late(model.limits.runTimeLimitSeconds)
    case .done(.invalid(let diagnostics)):
      return .error(
        400, "the overrides do not make a scenario that runs",
        diagnostics: ExplorerModel.messages(diagnostics))
    case .done(.tooLarge(let reason)): return .error(400, reason)
    case .done(.stopped(let message)): return .error(422, "the run stopped: \(message)")
    case .done(.ran(let runs)):
      let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
      return .json(
        200,
        RunBody(
          model: model, replicates: runs, overrides: overrides, seed: request.seed,
          requested: replicates, milliseconds: milliseconds))
    }
  }

  static func busy(_ capacity: Int) -> ExplorerResponse {
    .error(503, "the explorer is busy: \(capacity) run(s) already under way; try again")
  }

  static func late(_ seconds: Double) -> ExplorerResponse {
    .error(
      503, "the run took longer than \(seconds) s; it is finished in the background and dropped")
  }

  // MARK: - Bounded work

  enum Bounded<T: Sendable>: Sendable {
    case done(T)
    /// Every run slot is taken.
    case busy
    /// The run outlasted the time limit (it keeps its slot until it finishes).
    case late
  }

  /// The queue time limits fire on: a serial queue of its own (overcommitting), so that runs
  /// keeping every thread of the global pool busy cannot delay it.
  static let deadlines = DispatchQueue(label: "gpumarket.explore.deadlines")

  /// Runs `work` on a thread of its own when a slot is free, waiting at most the time limit.
  func bounded<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> Bounded<T> {
    guard gate.enter() else { return .busy }
    let gate = self.gate
    let limit = model.limits.runTimeLimitSeconds
    return await withCheckedContinuation { (continuation: CheckedContinuation<Bounded<T>, Never>) in
      let once = ResumeOnce(continuation)
      DispatchQueue.global().async {
        let value = work()
        gate.leave()
        once.resume(.done(value))
      }
      Self.deadlines.asyncAfter(deadline: .now() + limit) { once.resume(.late) }
    }
  }
}

/// At most `capacity` holders at once.
final class RunGate: @unchecked Sendable {
  private let lock = NSLock()
  private var held = 0
  let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  /// Takes a slot; false when all are taken.
  func enter() -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard held < capacity else { return false }
    held += 1
    return true
  }

  func leave() {
    lock.lock()
    held -= 1
    lock.unlock()
  }

  var inUse: Int {
    lock.lock()
    defer { lock.unlock() }
    return held
  }
}

/// Resumes a continuation the first time only.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var continuation: CheckedContinuation<T, Never>?

  init(_ continuation: CheckedContinuation<T, Never>) { self.continuation = continuation }

  func resume(_ value: T) {
    lock.lock()
    let waiting = continuation
    continuation = nil
    lock.unlock()
    waiting?.resume(returning: value)
  }
}
