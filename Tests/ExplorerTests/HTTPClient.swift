import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A blocking HTTP client for the tests (URLSession under a semaphore).
enum HTTP {
  struct Reply {
    var status: Int
    var body: Data
    var contentType: String

    var text: String { String(decoding: body, as: UTF8.self) }
    var json: [String: Any] {
      (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
    }
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// One request; the test's task waits without holding a thread of the cooperative pool, which
  /// the server under test needs.
  static func request(
    _ method: String, _ url: String, body: Data? = nil, timeout: TimeInterval = 120
  ) async throws -> Reply {
    var request = URLRequest(url: URL(string: url)!, timeoutInterval: timeout)
    request.httpMethod = method
    if let body {
      request.httpBody = body
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    return try await withCheckedThrowingContinuation { continuation in
      URLSession.shared.dataTask(with: request) { data, response, error in
        if let error {
          continuation.resume(throwing: error)
        } else if let http = response as? HTTPURLResponse {
          continuation.resume(
            returning: Reply(
              status: http.statusCode, body: data ?? Data(),
              contentType: http.value(forHTTPHeaderField: "Content-Type") ?? ""))
        } else {
          continuation.resume(throwing: Failure(description: "no HTTP answer"))
        }
      }.resume()
    }
  }

  static func post(_ url: String, json: Any) async throws -> Reply {
    try await request("POST", url, body: try JSONSerialization.data(withJSONObject: json))
  }
}

/// Raw HTTP/1.1 over a socket, for requests URLSession will not send as written (a body the
/// server refuses before reading it).
enum RawHTTP {
  /// Connects to 127.0.0.1:`port`, sends `bytes`, and returns what the server sent until it
  /// closed the connection or `timeout` seconds passed.
  static func exchange(port: UInt16, _ bytes: [UInt8], timeout: Int = 60) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          with: Result { try blockingExchange(port: port, bytes, timeout: timeout) })
      }
    }
  }

  private static func blockingExchange(port: UInt16, _ bytes: [UInt8], timeout: Int) throws
    -> String
  {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw HTTP.Failure(description: "socket failed") }
    defer { close(fd) }
    var seconds = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw HTTP.Failure(description: "connect failed") }
    // The server may answer and close before reading everything: a failed send is expected.
    _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = recv(fd, &buffer, buffer.count, 0)
      if n <= 0 { break }
      answer += buffer[0..<n]
      if let text = String(bytes: answer, encoding: .utf8), text.contains("\r\n\r\n"),
        text.contains("}")
      {
        break
      }
    }
    return String(decoding: answer, as: UTF8.self)
  }
}
