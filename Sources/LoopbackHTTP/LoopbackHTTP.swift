import Foundation

/// HTTP/1.1 to a server on 127.0.0.1 over a plain socket: requests sent exactly as written, read
/// to the end of their stated length. For the explorer's tests and benchmark, and for speaking to
/// chromedriver (URLSession on Linux refuses its answers: "Failed writing header").
public enum LoopbackHTTP {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
  }

  /// A parsed answer.
  public struct Reply: Sendable {
    /// The status code, 0 when the answer has no status line.
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object, empty when it is not one.
    public var json: [String: Any] {
      (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
    }

    /// Splits `bytes` at the blank line ending the head.
    public init(parsing bytes: [UInt8]) {
      let separator = Array("\r\n\r\n".utf8)
      let end = bytes.firstRange(of: separator)
      let head = String(decoding: bytes[..<(end?.lowerBound ?? bytes.count)], as: UTF8.self)
      var lines = head.split(separator: "\r\n")
      let statusLine = lines.isEmpty ? "" : lines.removeFirst()
      status = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
      headers = [:]
      for line in lines {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...]
          .trimmingCharacters(in: .whitespaces)
      }
      body = end.map { Array(bytes[$0.upperBound...]) } ?? []
    }
  }

  /// The bytes of a request: `method path`, `Host`, `Connection: close`, the body's length and,
  /// with a body, `Content-Type`.
  public static func requestBytes(
    _ method: String, path: String, port: UInt16, body: [UInt8] = [],
    contentType: String? = "application/json"
  ) -> [UInt8] {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
    head += "Content-Length: \(body.count)\r\n"
    if !body.isEmpty, let contentType { head += "Content-Type: \(contentType)\r\n" }
    return Array((head + "\r\n").utf8) + body
  }

  /// One request to `url` (http://127.0.0.1:PORT/path) with a JSON body, if any.
  public static func call(_ method: String, _ url: String, json: Any? = nil) throws -> Reply {
    guard let parsed = URL(string: url), let port = parsed.port.flatMap({ UInt16(exactly: $0) })
    else {
      throw Failure("bad URL \(url)")
    }
    let body = try json.map { Array(try JSONSerialization.data(withJSONObject: $0)) } ?? []
    let path = parsed.path.isEmpty ? "/" : parsed.path
    return Reply(
      parsing: try exchange(port: port, requestBytes(method, path: path, port: port, body: body)))
  }

  /// Connects to 127.0.0.1:`port`, sends `bytes` and returns what the server sent, read until it
  /// closed the connection, the body reached the length its head states, or `timeoutSeconds`
  /// passed without a byte. A server may answer and close before reading all of a request (a
  /// body it refuses): sending then stops and the answer is still read.
  public static func exchange(port: UInt16, _ bytes: [UInt8], timeoutSeconds: Int = 60) throws
    -> [UInt8]
  {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure("socket failed") }
    defer { close(fd) }
    var seconds = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &seconds, socklen_t(MemoryLayout<timeval>.size))
    var address = loopback(port: port)
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw Failure("connect to 127.0.0.1:\(port) failed") }
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes {
        send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if n <= 0 { break }
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
        let length = Reply(parsing: Array(answer[..<end.upperBound])).headers["content-length"]
          .flatMap { Int($0) }
        expected = length.map { end.upperBound + $0 } ?? Int.max
      }
    }
    return answer
  }

  /// A port nothing listens on now (bound to 0, read back, closed).
  public static func freePort() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure("socket failed") }
    defer { close(fd) }
    var address = loopback(port: 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard bound else { throw Failure("no free port") }
    return UInt16(bigEndian: address.sin_port)
  }

  private static func loopback(port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
  }
}
