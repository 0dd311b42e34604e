import Foundation
import LoopbackHTTP

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
  /// Sends `bytes` to 127.0.0.1:`port` off the cooperative pool and returns the answer as text.
  static func exchange(port: UInt16, _ bytes: [UInt8], timeout: Int = 60) async throws -> String {
    try await withCheckedThrowingContinuation { continuation in
      DispatchQueue.global().async {
        continuation.resume(
          with: Result {
            String(
              decoding: try LoopbackHTTP.exchange(port: port, bytes, timeoutSeconds: timeout),
              as: UTF8.self)
          })
      }
    }
  }
}
