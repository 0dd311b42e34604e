import Explorer
import Foundation

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
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure(description: "connect failed") }
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes {
        send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard n > 0 else { throw Failure(description: "send failed") }
      sent += n
    }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    let separator = Array("\r\n\r\n".utf8)
    var expected: Int?
    while expected.map({ answer.count < $0 }) ?? true {
      let n = recv(fd, &buffer, buffer.count, 0)
      if n <= 0 { break }
      answer += buffer[0..<n]
      if expected == nil, let end = answer.firstRange(of: separator) {
        let head = String(decoding: answer[..<end.lowerBound], as: UTF8.self).lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
          .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) }
        expected = length.map { end.upperBound + $0 } ?? Int.max
      }
    }
    return String(decoding: answer.prefix(40), as: UTF8.self)
  }
}
