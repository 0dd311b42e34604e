import Foundation
import Testing

/// `gpumarket explore` as a user meets it: the binary started on port 0, its page driven in
/// headless Chromium through chromedriver (the WebDriver protocol over HTTP), a slider moved,
/// and the redrawn figure checked against `gpumarket run --set` of the same value.
@Suite(.serialized) struct ExploreCommandTests {
  @Test func badScenarioAndBadHost() throws {
    let missing = try CLIRunner.run(["explore", "no-such-scenario.yaml", "--port", "0"])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no-such-scenario.yaml"))
    let host = try CLIRunner.run(["explore", "--port", "0", "--host", "not-an-address"])
    #expect(host.status == 6)
    #expect(host.stderr.contains("--host"))
  }

  /// A second server on a port the first one holds stops with status 6, naming the address.
  @Test func portInUseIsRefused() throws {
    let first = try Explore.start()
    defer { first.stop() }
    let port = try #require(first.url.split(separator: ":").last?.split(separator: "/").first)
    let second = try CLIRunner.run(["explore", "--port", String(port)])
    #expect(second.status == 6, "\(second.stderr)")
    #expect(second.stderr.contains("127.0.0.1:\(port)"), "\(second.stderr)")
    #expect(first.stop() == 0)
  }

  @Test func sliderRedrawsWhatRunSays() throws {
    guard let driverPath = Self.onPath("chromedriver"),
      let browserPath = Self.onPath("chromium") ?? Self.onPath("chromium-browser")
    else {
      print("skipped: chromium or chromedriver is not on PATH")
      return
    }
    let explore = try Explore.start()
    defer { explore.stop() }
    let driver = try WebDriver.start(driverPath, browser: browserPath)
    defer { driver.quit() }

    try driver.navigate(explore.url)
    try driver.waitUntil("return document.body.dataset.runs === '1'", seconds: 60)
    let figure = "price.h100.2026"
    let read =
      "const r = document.querySelector('#headline tr[data-name=\"\(figure)\"]');"
      + " return r ? [r.dataset.value, r.querySelector('.value').textContent] : null;"
    let before = try #require(driver.execute(read) as? [String])
    let baseline = try #require(Double(before[0]))

    // Move the market.sigma slider to 4: set its value, then the events a drag sends.
    _ = try driver.execute(
      """
      const r = document.querySelector('.knob[data-path="market.sigma"] input[type=range]');
      r.value = '4';
      r.dispatchEvent(new Event('input', {bubbles: true}));
      r.dispatchEvent(new Event('change', {bubbles: true}));
      return r.value;
      """)
    try driver.waitUntil(
      "return document.body.dataset.runs === '2' && document.body.dataset.state === 'ready'",
      seconds: 60)
    let after = try #require(driver.execute(read) as? [String])
    let shown = try #require(Double(after[0]))
    let displayed = try #require(Double(after[1]))

    let direct = try CLIRunner.run([
      "run", "baseline-2026", "--set", "market.sigma=4", "--format", "csv",
    ])
    #expect(direct.status == 0)
    let line = try #require(
      direct.stdout.split(separator: "\n").first { $0.hasPrefix(figure + ",") })
    let expected = try #require(Double(line.split(separator: ",")[1]))
    #expect(abs(shown - expected) <= 1e-9 * abs(expected), "page \(shown), run \(expected)")
    #expect(abs(displayed - expected) <= 1e-4 * abs(expected), "shown as \(after[1])")
    #expect(abs(shown - baseline) > 1e-6 * abs(baseline), "the slider moved the figure")

    // The command line and the scenario file the page offers.
    let command = try #require(driver.execute("return last.command") as? String)
    #expect(command == "gpumarket run baseline-2026 --set market.sigma=4")
    let text = try #require(driver.execute("return last.scenarioFile") as? String)
    let saved = FileManager.default.temporaryDirectory.appendingPathComponent(
      "explore-what-if-\(getpid()).yaml")
    try text.write(to: saved, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: saved) }
    let validated = try CLIRunner.run(["validate", saved.path])
    #expect(validated.status == 0, "\(validated.stderr)")

    // A bad value typed by hand shows the CLI's message on the page.
    _ = try driver.execute(
      """
      document.getElementById('path').value = 'market.sgma';
      document.getElementById('value').value = '3';
      document.getElementById('add').click();
      return true;
      """)
    try driver.waitUntil("return document.body.dataset.state === 'error'", seconds: 60)
    let message = try #require(
      driver.execute("return document.getElementById('error').textContent") as? String)
    #expect(message.contains("did you mean 'sigma'"))

    let png = try driver.screenshot()
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let shot =
      ProcessInfo.processInfo.environment["EXPLORE_SCREENSHOT"]
      ?? FileManager.default.temporaryDirectory.appendingPathComponent("explore.png").path
    try png.write(to: URL(fileURLWithPath: shot))
    print("screenshot: \(shot)")

    // SIGTERM ends the server with status 0.
    #expect(explore.stop() == 0)
  }

  static func onPath(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let path = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }
}

/// `gpumarket explore --port 0` in the background; `url` is the first line it prints.
final class Explore {
  let process: Process
  let url: String
  private var status: Int32?

  private init(process: Process, url: String) {
    self.process = process
    self.url = url
  }

  static func start() throws -> Explore {
    let process = Process()
    process.executableURL = CLIRunner.executable
    process.arguments = ["explore", "--port", "0"]
    process.currentDirectoryURL = CLIRunner.packageRoot
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line: [UInt8] = []
    while true {
      guard let byte = out.fileHandleForReading.readData(ofLength: 1).first, byte != 0x0A
      else { break }
      line.append(byte)
    }
    return Explore(process: process, url: String(decoding: line, as: UTF8.self))
  }

  /// Sends SIGTERM once and returns the exit status.
  @discardableResult func stop() -> Int32 {
    if let status { return status }
    if process.isRunning { kill(process.processIdentifier, SIGTERM) }
    let deadline = Date().addingTimeInterval(30)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    status = process.terminationStatus
    return process.terminationStatus
  }
}

/// Just enough of the W3C WebDriver protocol, spoken to chromedriver over HTTP.
final class WebDriver {
  let driver: Process
  let base: String
  let session: String

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  private init(driver: Process, base: String, session: String) {
    self.driver = driver
    self.base = base
    self.session = session
  }

  static func start(_ driverPath: String, browser: String) throws -> WebDriver {
    let port = try freePort()
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

  func navigate(_ url: String) throws {
    _ = try Self.call("POST", "\(base)/session/\(session)/url", ["url": url])
  }

  func execute(_ script: String) throws -> Any? {
    let answer = try Self.call(
      "POST", "\(base)/session/\(session)/execute/sync", ["script": script, "args": [Any]()])
    if let error = answer["value"] as? [String: Any], error["error"] != nil {
      throw Failure(description: "script failed: \(error)")
    }
    return answer["value"]
  }

  /// Polls `script` until it returns true.
  func waitUntil(_ script: String, seconds: Double) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if try execute(script) as? Bool == true { return }
      Thread.sleep(forTimeInterval: 0.1)
    }
    throw Failure(description: "timed out waiting for: \(script)")
  }

  func screenshot() throws -> Data {
    let answer = try Self.call("GET", "\(base)/session/\(session)/screenshot")
    guard let text = answer["value"] as? String, let data = Data(base64Encoded: text) else {
      throw Failure(description: "no screenshot")
    }
    return data
  }

  func quit() {
    _ = try? Self.call("DELETE", "\(base)/session/\(session)")
    // chromedriver may ignore SIGTERM: SIGKILL after a moment.
    driver.terminate()
    let deadline = Date().addingTimeInterval(2)
    while driver.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    driver.waitUntilExit()
  }

  /// One request with `Connection: close`, over a plain socket (URLSession on Linux refuses
  /// chromedriver's answers: "Failed writing header"); the JSON object answered.
  static func call(_ method: String, _ url: String, _ body: [String: Any]? = nil) throws
    -> [String: Any]
  {
    if ProcessInfo.processInfo.environment["EXPLORE_TRACE"] != nil {
      FileHandle.standardError.write(Data("webdriver: \(method) \(url) at \(Date())\n".utf8))
    }
    guard let parsed = URL(string: url), let port = parsed.port else {
      throw Failure(description: "bad URL \(url)")
    }
    let payload = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? Data()
    var head = "\(method) \(parsed.path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
    head += "Connection: close\r\nContent-Length: \(payload.count)\r\n"
    if body != nil { head += "Content-Type: application/json\r\n" }
    let answer = try exchange(port: UInt16(port), Array((head + "\r\n").utf8) + Array(payload))
    guard let split = answer.firstRange(of: Array("\r\n\r\n".utf8)) else {
      throw Failure(description: "no HTTP answer from \(url)")
    }
    let object = try? JSONSerialization.jsonObject(with: Data(answer[split.upperBound...]))
    return object as? [String: Any] ?? [:]
  }

  /// Sends `bytes` to 127.0.0.1:`port` and reads until the server closes the connection.
  static func exchange(port: UInt16, _ bytes: [UInt8]) throws -> [UInt8] {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure(description: "socket failed") }
    defer { close(fd) }
    var seconds = timeval(tv_sec: 60, tv_usec: 0)
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
    guard connected == 0 else { throw Failure(description: "connect to \(port) failed") }
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes {
        send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard n > 0 else { throw Failure(description: "send failed") }
      sent += n
    }
    var answer: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    // Until the server closes, or the body has the length its header states.
    while true {
      let n = recv(fd, &buffer, buffer.count, 0)
      if n <= 0 { break }
      answer += buffer[0..<n]
      if let end = answer.firstRange(of: Array("\r\n\r\n".utf8)) {
        let head = String(decoding: answer[..<end.lowerBound], as: UTF8.self).lowercased()
        if let line = head.split(separator: "\r\n").first(where: {
          $0.hasPrefix("content-length:")
        }),
          let length = Int(
            line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
          answer.count - end.upperBound >= length
        {
          break
        }
      }
    }
    return answer
  }

  /// A port nothing listens on now (bound to 0, read back, closed).
  static func freePort() throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard bound else { throw Failure(description: "no free port") }
    return UInt16(bigEndian: address.sin_port)
  }
}
