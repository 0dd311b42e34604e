import Explorer
import Foundation
import LoopbackHTTP

/// Request-to-response time of `POST /api/run` on the explorer (docs/explore.md): a server on a
/// free loopback port, requests sent one at a time over a fresh connection each, timed from the
/// first byte sent to the last byte of the answer read.
enum ExploreRequest {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Median and fastest milliseconds of `repeats` requests (after one untimed) for each body.
  static func measure(scenarioPath: String, bodies: [String], repeats: Int) throws -> [(
    median: Double, fastest: Double
  )] {
    let model: ExplorerModel
    do {
      model = try ExplorerModel(scenarioPath: scenarioPath, source: scenarioPath)
    } catch {
      throw Failure(description: error.description)
    }
    let server = try ExplorerServer(app: ExplorerApp(model: model), host: "127.0.0.1", port: 0)
    let listening = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var port: UInt16 = 0
    Task { try await server.run() }
    Task {
      port = (try? await server.waitUntilListening()) ?? 0
      listening.signal()
    }
    listening.wait()
    guard port != 0 else { throw Failure(description: "the explorer did not listen") }
    defer {
      let stopped = DispatchSemaphore(value: 0)
      Task {
        await server.stop(timeout: 0)
        stopped.signal()
      }
      stopped.wait()
    }
    return try bodies.map { body in
      let request = Array(
        ("POST /api/run HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
          .utf8)
      let status = try exchange(port: port, request)
      guard status.hasPrefix("HTTP/1.1 200") else {
        throw Failure(description: "the explorer answered \(status.prefix(80))")
      }
      var times: [Double] = []
      for _ in 0..<max(1, repeats) {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try exchange(port: port, request)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
      }
      times.sort()
      return (times[times.count / 2], times[0])
    }
  }

  /// Sends `bytes` and reads the answer to the end of its stated length; returns its status line.
  static func exchange(port: UInt16, _ bytes: [UInt8]) throws -> String {
    let answer = try LoopbackHTTP.exchange(port: port, bytes)
    return String(decoding: answer.prefix(40), as: UTF8.self)
  }
}
