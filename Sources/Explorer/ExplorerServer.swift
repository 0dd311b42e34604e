import FlyingFox
import FlyingSocks
import Foundation

/// The explorer on a socket: FlyingFox's HTTP/1.1 server in front of `ExplorerApp`.
public final class ExplorerServer: Sendable {
  public let app: ExplorerApp
  let server: HTTPServer
  /// The address asked for (the port may be 0: any free port).
  public let host: String

  /// Why the server cannot listen.
  public struct AddressError: Error, CustomStringConvertible {
    public let description: String
  }

  /// A server for `app` on `host` (an IPv4 or IPv6 literal, or `localhost`) and `port` (0: any
  /// free port). Nothing listens until `run`.
  public init(app: ExplorerApp, host: String, port: UInt16) throws(AddressError) {
    self.app = app
    self.host = host
    let address: any SocketAddress
    do {
      if host == "localhost" {
        address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
      } else if host.contains(":") {
        address = try sockaddr_in6.inet6(ip6: host, port: port)
      } else {
        address = try sockaddr_in.inet(ip4: host, port: port)
      }
    } catch {
      throw AddressError(description: "'\(host)' is not an IPv4 or IPv6 address (or localhost)")
    }
    let limits = app.model.limits
    let config = HTTPServer.Configuration(
      address: address, timeout: limits.runTimeLimitSeconds + 5,
      sharedRequestReplaySize: limits.maxBodyBytes + 1,
      pool: NoDelayPool(base: HTTPServer.defaultPool()), logger: .disabled)
    server = HTTPServer(config: config, handler: Handler(app: app))
  }

  /// Serves until `stop` (or the task is cancelled); throws when the address cannot be bound.
  public func run() async throws {
    try await server.run()
  }

  /// Waits until the socket listens; returns the port it listens on.
  public func waitUntilListening(timeout: TimeInterval = 10) async throws -> UInt16 {
    try await server.waitUntilListening(timeout: timeout)
    switch await server.listeningAddress {
    case .ip4(_, let port)?, .ip6(_, let port)?: return port
    default: return 0
    }
  }

  /// `http://HOST:PORT/`, IPv6 hosts in brackets.
  public func url(port: UInt16) -> String {
    let shown = host.contains(":") ? "[\(host)]" : host
    return "http://\(shown):\(port)/"
  }

  /// Stops listening and lets requests under way finish (at most `timeout` seconds).
  public func stop(timeout: TimeInterval = 3) async {
    await server.stop(timeout: timeout)
  }

  /// Reads the body within the limit, then asks the app.
  struct Handler: HTTPHandler {
    let app: ExplorerApp

    /// Largest oversized body read (and dropped) before answering 413, bytes.
    static let maxDrainedBytes = 16 * 1024 * 1024

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
      let limit = app.model.limits.maxBodyBytes
      if let length = request.headers[.contentLength].flatMap({ Int($0) }),
        length > Self.maxDrainedBytes
      {
        return Self.response(ExplorerApp.tooLarge(limit), close: true)
      }
      // The body is read to its end even when it is too large (and dropped past the limit), up
      // to `maxDrainedBytes`, so that the connection stays in step: unread bytes would be
      // parsed as the next request.
      var body: [UInt8] = []
      var total = 0
      do {
        for try await chunk in request.bodySequence {
          total += chunk.count
          if total <= limit { body += chunk }
          if total > Self.maxDrainedBytes { break }
        }
      } catch {
        return Self.response(.error(400, "the request body could not be read"), close: true)
      }
      if total > limit { return Self.response(ExplorerApp.tooLarge(limit), close: true) }
      let answer = await app.respond(
        method: request.method.rawValue, path: request.path, body: body)
      return Self.response(answer, close: false)
    }

    static func response(_ answer: ExplorerResponse, close: Bool) -> HTTPResponse {
      var headers: HTTPHeaders = [
        .contentType: answer.contentType, .cacheControl: "no-store",
        HTTPHeader("X-Content-Type-Options"): "nosniff",
      ]
      if close { headers[.connection] = "close" }
      return HTTPResponse(
        statusCode: HTTPStatusCode(answer.status, phrase: phrase(answer.status)), headers: headers,
        body: Data(answer.body))
    }

    static func phrase(_ status: Int) -> String {
      switch status {
      case 200: "OK"
      case 400: "Bad Request"
      case 404: "Not Found"
      case 405: "Method Not Allowed"
      case 413: "Content Too Large"
      case 422: "Unprocessable Content"
      case 503: "Service Unavailable"
      default: "Status"
      }
    }
  }
}

/// The server's socket pool, with TCP_NODELAY set on each socket it waits on: the listening
/// socket first, whose accepted connections inherit it. FlyingFox writes a response's head and
/// body in separate writes; with Nagle's algorithm on, the body's tail then waits for the
/// client's delayed ACK, up to 40 ms on Linux.
struct NoDelayPool<Base: AsyncSocketPool>: AsyncSocketPool {
  let base: Base

  func prepare() async throws { try await base.prepare() }

  func run() async throws { try await base.run() }

  func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
    var on: Int32 = 1
    // Fails harmlessly on a socket that is not TCP.
    _ = setsockopt(
      socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &on,
      socklen_t(MemoryLayout<Int32>.size))
    try await base.suspendSocket(socket, untilReadyFor: events)
  }
}
