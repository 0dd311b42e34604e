import Explorer
import Foundation
import ScenarioFormat
import Simulation
import Testing

/// The explorer's routes over a real socket: a server on port 0 for a one-year cut of the
/// baseline (so each run is short), every route, bad input, bounds.
@Suite(.serialized) struct ExplorerServerTests {
  /// The repository root.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// A scenario that extends the baseline with a two-year horizon and without its dated contracts
  /// and events (which would fall outside it), written once.
  static let scenarioPath = write(
    "short.yaml",
    "extends: \(root.appendingPathComponent("scenarios/baseline-2026.yaml").path)\nname: short\n"
      + "horizon: { start: 2023-01, months: 24 }\ncontracts: null\nevents: []\n")

  static let model = explorer(scenarioPath)

  /// Writes `text` to `name` in this process's test folder; returns its path.
  static func write(_ name: String, _ text: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "explorer-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let file = folder.appendingPathComponent(name)
    try? text.write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  /// The explorer's model of the scenario at `path` (a test scenario that does not load stops
  /// the tests). Its run deadline is 600 s, not the default 20 s: under the sanitizers runs are
  /// 10–20 times slower, and the deadline itself is tested by `busyAndLateAre503` with its own
  /// limits.
  static func explorer(_ path: String) -> ExplorerModel {
    var limits = ExplorerLimits()
    limits.runTimeLimitSeconds = 600
    do {
      return try ExplorerModel(scenarioPath: path, source: path, limits: limits)
    } catch {
      fatalError("the test scenario \(path) does not load: \(error)")
    }
  }

  /// Starts a server for `model` on port 0; returns it and its base URL.
  static func start(_ model: ExplorerModel = model) async throws -> (ExplorerServer, String) {
    let server = try ExplorerServer(app: ExplorerApp(model: model), host: "127.0.0.1", port: 0)
    Task { try await server.run() }
    let port = try await server.waitUntilListening(timeout: 120)
    #expect(port != 0)
    return (server, server.url(port: port))
  }

  @Test func pageAndScenario() async throws {
    let (server, url) = try await Self.start()
    defer { Task { await server.stop(timeout: 0) } }
    let page = try await HTTP.request("GET", url)
    #expect(page.status == 200)
    #expect(page.contentType.hasPrefix("text/html"))
    #expect(page.text.contains("<script>"))
    // Self-contained: nothing is fetched from another origin.
    #expect(!page.text.contains("http://") && !page.text.contains("https://"))
    let info = try await HTTP.request("GET", url + "api/scenario").json
    #expect(info["name"] as? String == "short")
    let knobs = try #require(info["knobs"] as? [[String: Any]])
    let sigma = try #require(knobs.first { $0["path"] as? String == "market.sigma" })
    #expect(sigma["min"] as? Double == 1)
    #expect(sigma["max"] as? Double == 50)
    let paths = try #require(info["paths"] as? [String])
    #expect(paths.contains("chips.h100.priceUSD"))
  }

  @Test func runAndCompare() async throws {
    let (server, url) = try await Self.start()
    defer { Task { await server.stop(timeout: 0) } }
    let reply = try await HTTP.post(url + "api/run", json: ["overrides": ["market.sigma=4"]])
    #expect(reply.status == 200, "\(reply.text.prefix(300))")
    let body = reply.json
    let charts = try #require(body["charts"] as? [[String: Any]])
    #expect(charts.count == 8)
    #expect(charts.allSatisfy { ($0["svg"] as? String)?.hasPrefix("<svg") == true })
    let headline = try #require(body["headline"] as? [[String: Any]])
    let price = try #require(headline.first { $0["name"] as? String == "price.h100.2024" })
    let value = try #require(price["value"] as? Double)
    let baseline = try #require(price["baseline"] as? Double)
    #expect(abs(value - baseline) > 1e-6, "a lower sigma moves the H100 price")
    // The same figure as a direct run of the same overrides.
    let direct = try ScenarioLoader.loadForRun(
      path: Self.scenarioPath, overrideTexts: ["market.sigma=4"])
    let run = try Engine.run(direct.scenario, seed: direct.scenario.defaultSeed)
    let expected = try #require(run.summary.first { $0.name == "price.h100.2024" }?.value)
    #expect(abs(value - expected) <= 1e-9 * abs(expected))
    #expect(body["command"] as? String == "gpumarket run \(Self.scenarioPath) --set market.sigma=4")
    // The saved scenario is a valid scenario (the check `validate` makes) with the override.
    let text = try #require(body["scenarioFile"] as? String)
    let saved = FileManager.default.temporaryDirectory.appendingPathComponent(
      "explorer-saved-\(getpid()).yaml")
    try text.write(to: saved, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: saved) }
    let outcome = ScenarioLoader.check(path: saved.path, overrideTexts: [])
    #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    #expect(outcome.document?["market"]?["sigma"].map { "\($0.value)" }?.contains("4") == true)
  }

  @Test func badValuesGetTheCLIsMessages() async throws {
    let (server, url) = try await Self.start()
    defer { Task { await server.stop(timeout: 0) } }
    for overrides in [["market.sigma=120", "market.sgma=3"], ["nonsense"]] {
      let reply = try await HTTP.post(url + "api/run", json: ["overrides": overrides])
      #expect(reply.status == 400)
      let diagnostics = try #require(reply.json["diagnostics"] as? [String])
      let cli = ScenarioLoader.check(path: Self.scenarioPath, overrideTexts: overrides)
      #expect(!diagnostics.isEmpty)
      #expect(diagnostics == cli.diagnostics.map(\.description))
    }
    let typo = try await HTTP.post(url + "api/run", json: ["overrides": ["market.sgma=3"]])
    let hints = try #require(typo.json["diagnostics"] as? [String])
    #expect(hints.contains { $0.contains("did you mean 'sigma'") })
    // Not JSON, wrong shape, wrong method, unknown route.
    #expect(try await HTTP.request("POST", url + "api/run", body: Data("{".utf8)).status == 400)
    #expect(
      try await HTTP.post(url + "api/run", json: ["overrides": "market.sigma=3"]).status == 400)
    #expect(try await HTTP.request("GET", url + "api/run").status == 405)
    let missing = try await HTTP.request("GET", url + "no/such/route")
    #expect(missing.status == 404)
    #expect((missing.json["error"] as? String)?.contains("no route") == true)
  }

  @Test func oversizeBodyIs413() async throws {
    let (server, url) = try await Self.start()
    defer { Task { await server.stop(timeout: 0) } }
    let port = try #require(UInt16(url.split(separator: ":").last!.dropLast()))
    let body = "{\"overrides\":[\"" + String(repeating: "x", count: 70 * 1024) + "\"]}"
    let request =
      "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      + "Content-Length: \(body.utf8.count)\r\n\r\n" + body
    let answer = try await RawHTTP.exchange(port: port, Array(request.utf8))
    #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer.prefix(200))")
    // A body without a stated length (chunked) is cut off at the same limit.
    let chunk = String(repeating: "y", count: 40 * 1024)
    let size = String(chunk.utf8.count, radix: 16)
    let chunked =
      "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
      + "\(size)\r\n\(chunk)\r\n\(size)\r\n\(chunk)\r\n0\r\n\r\n"
    let cut = try await RawHTTP.exchange(port: port, Array(chunked.utf8))
    #expect(cut.hasPrefix("HTTP/1.1 413"), "\(cut.prefix(200))")
    // The server still answers afterwards.
    #expect(try await HTTP.request("GET", url + "api/scenario").status == 200)
  }

  #if os(Linux)
    /// The listening socket and the connections it accepts have Nagle's algorithm off
    /// (TCP_NODELAY), so a response's body never waits for a delayed ACK of its head.
    @Test func connectionsHaveNagleOff() async throws {
      let (server, url) = try await Self.start()
      defer { Task { await server.stop(timeout: 0) } }
      let port = try #require(UInt16(url.split(separator: ":").last!.dropLast()))
      // A connection that stays open, sending nothing, so the server holds its accepted socket.
      let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      defer { close(client) }
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      #expect(connected == 0)
      // The server's sockets are those of this process bound to its port.
      var flags: [Int32] = []
      for _ in 0..<50 {
        flags = Self.noDelayFlags(localPort: port)
        if flags.count >= 2 { break }
        try await Task.sleep(nanoseconds: 20_000_000)
      }
      #expect(flags.count >= 2, "the listening socket and the accepted connection")
      #expect(flags.allSatisfy { $0 != 0 }, "TCP_NODELAY on every server socket: \(flags)")
    }

    /// TCP_NODELAY of each TCP socket of this process whose local port is `localPort`.
    static func noDelayFlags(localPort: UInt16) -> [Int32] {
      let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
      return fds.compactMap(Int32.init).compactMap { fd in
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0, address.sin_family == sa_family_t(AF_INET),
          UInt16(bigEndian: address.sin_port) == localPort
        else { return nil }
        var flag: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &flag, &size) == 0 else { return nil }
        return flag
      }
    }
  #endif

  @Test func busyAndLateAre503() async throws {
    var none = ExplorerLimits()
    none.maxConcurrentRuns = 0
    let (busy, busyURL) = try await Self.start(Self.model.with(limits: none))
    defer { Task { await busy.stop(timeout: 0) } }
    let refused = try await HTTP.post(busyURL + "api/run", json: ["overrides": [String]()])
    #expect(refused.status == 503)
    #expect((refused.json["error"] as? String)?.contains("busy") == true)

    var short = ExplorerLimits()
    short.runTimeLimitSeconds = 0.000_001
    let (late, lateURL) = try await Self.start(Self.model.with(limits: short))
    defer { Task { await late.stop(timeout: 0) } }
    let slow = try await HTTP.post(lateURL + "api/run", json: ["overrides": [String]()])
    #expect(slow.status == 503)
    #expect((slow.json["error"] as? String)?.contains("longer than") == true)
  }

  @Test func runsTooLargeAreRefused() async throws {
    var small = ExplorerLimits()
    small.maxBuyerMonths = 100
    let (server, url) = try await Self.start(Self.model.with(limits: small))
    defer { Task { await server.stop(timeout: 0) } }
    let reply = try await HTTP.post(url + "api/run", json: ["overrides": ["horizon.months=36"]])
    #expect(reply.status == 400, "\(reply.text)")
    #expect((reply.json["error"] as? String)?.contains("buyer-months") == true)
  }

  @Test func tcoPanel() async throws {
    let (server, url) = try await Self.start()
    defer { Task { await server.stop(timeout: 0) } }
    let reply = try await HTTP.post(
      url + "api/tco",
      json: [
        "chip": "h100", "count": 1000, "purchase": "2024-03", "lifeMonths": 6,
        "powerUSDPerKWh": 0.08, "rate": 0.1,
      ])
    #expect(reply.status == 200, "\(reply.text)")
    let quantities = try #require(reply.json["quantities"] as? [[String: Any]])
    let npv = try #require(quantities.first { $0["key"] as? String == "npvOwned" })
    #expect((npv["mean"] as? Double)?.isFinite == true)
    #expect(npv["low"] == nil || npv["low"] is NSNull, "no interval from one replicate")
    let breakEven = try #require(quantities.first { $0["key"] as? String == "breakEvenRent" })
    #expect(((breakEven["mean"] as? Double) ?? 0) > 0)

    let wrongChip = try await HTTP.post(
      url + "api/tco", json: ["chip": "h10", "count": 1000, "purchase": "2024-03"])
    #expect(wrongChip.status == 400)
    #expect((wrongChip.json["error"] as? String)?.contains("h100") == true)
    let wrongRate = try await HTTP.post(
      url + "api/tco", json: ["chip": "h100", "count": 1000, "purchase": "2024-03", "rate": 3])
    #expect(wrongRate.status == 400)
  }
}
