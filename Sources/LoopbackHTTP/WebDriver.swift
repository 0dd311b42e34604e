import Foundation

/// Just enough of the W3C WebDriver protocol, spoken to chromedriver over HTTP, to drive headless
/// Chromium: open a page, run scripts in it, poll a condition, take a screenshot.
public final class WebDriver {
  let driver: Process
  let base: String
  let session: String

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  private init(driver: Process, base: String, session: String) {
    self.driver = driver
    self.base = base
    self.session = session
  }

  /// chromedriver and Chromium from PATH (Debian's `chromium`, else `chromium-browser`), or nil.
  public static func locate() -> (driver: String, browser: String)? {
    guard let driver = onPath("chromedriver"),
      let browser = onPath("chromium") ?? onPath("chromium-browser")
    else { return nil }
    return (driver, browser)
  }

  /// The first executable `name` in PATH.
  public static func onPath(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let path = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// Starts chromedriver on a free port and opens a headless session of `browser`, 1400×1100.
  public static func start(_ driverPath: String, browser: String) throws -> WebDriver {
    let port = try LoopbackHTTP.freePort()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: driverPath)
    process.arguments = ["--port=\(port)"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let base = "http://127.0.0.1:\(port)"
    let deadline = Date().addingTimeInterval(20)
    var last = ""
    while true {
      do {
        _ = try call("GET", base + "/status")
        break
      } catch {
        last = "\(error)"
      }
      guard Date() < deadline else {
        process.terminate()
        throw Failure(description: "chromedriver did not answer on \(base): \(last)")
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
    let capabilities: [String: Any] = [
      "capabilities": [
        "alwaysMatch": [
          "goog:chromeOptions": [
            "binary": browser,
            "args": [
              "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1100",
              "--hide-scrollbars",
            ],
          ]
        ]
      ]
    ]
    let answer = try call("POST", base + "/session", capabilities)
    guard let value = answer["value"] as? [String: Any], let id = value["sessionId"] as? String
    else {
      process.terminate()
      throw Failure(description: "no session: \(answer)")
    }
    return WebDriver(driver: process, base: base, session: id)
  }

  public func navigate(_ url: String) throws {
    _ = try Self.call("POST", "\(base)/session/\(session)/url", ["url": url])
  }

  /// Runs `script` (a function body) in the page and returns what it returns.
  public func execute(_ script: String) throws -> Any? {
    let answer = try Self.call(
      "POST", "\(base)/session/\(session)/execute/sync", ["script": script, "args": [Any]()])
    if let error = answer["value"] as? [String: Any], error["error"] != nil {
      throw Failure(description: "script failed: \(error)")
    }
    return answer["value"]
  }

  /// Polls `script` until it returns true.
  public func waitUntil(_ script: String, seconds: Double) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if try execute(script) as? Bool == true { return }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw Failure(description: "timed out waiting for: \(script)")
  }

  /// The page as PNG.
  public func screenshot() throws -> Data {
    let answer = try Self.call("GET", "\(base)/session/\(session)/screenshot")
    guard let text = answer["value"] as? String, let data = Data(base64Encoded: text) else {
      throw Failure(description: "no screenshot")
    }
    return data
  }

  /// Ends the session and chromedriver.
  public func quit() {
    _ = try? Self.call("DELETE", "\(base)/session/\(session)")
    // chromedriver may ignore SIGTERM: SIGKILL after a moment.
    driver.terminate()
    let deadline = Date().addingTimeInterval(2)
    while driver.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    driver.waitUntilExit()
  }

  /// One WebDriver command; the JSON object answered (`EXPLORE_TRACE` set: each is logged).
  static func call(_ method: String, _ url: String, _ body: [String: Any]? = nil) throws
    -> [String: Any]
  {
    if ProcessInfo.processInfo.environment["EXPLORE_TRACE"] != nil {
      FileHandle.standardError.write(Data("webdriver: \(method) \(url) at \(Date())\n".utf8))
    }
    let reply = try LoopbackHTTP.call(method, url, json: body)
    guard reply.status != 0 else { throw Failure(description: "no HTTP answer from \(url)") }
    return reply.json
  }
}
