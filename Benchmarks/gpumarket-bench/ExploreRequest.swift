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
    try withServer(scenarioPath: scenarioPath) { port in
      try bodies.map { body in
        let request = LoopbackHTTP.requestBytes(
          "POST", path: "/api/run", port: port, body: Array(body.utf8))
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
        return summary(times)
      }
    }
  }

  /// The page's own redraw times in headless Chromium (nil without chromium and chromedriver):
  /// the market.sigma field changed `repeats` times, each time from the change event to the
  /// first frame painted after the answer is laid out (`data-redraw-ms`, docs/explore.md),
  /// first with one run, then with `fanReplicates` replicates and budget noise on.
  static func redraw(scenarioPath: String, repeats: Int, fanReplicates: Int) throws -> [Redraw]? {
    guard let (driverPath, browserPath) = WebDriver.locate() else { return nil }
    return try withServer(scenarioPath: scenarioPath) { port in
      let driver = try WebDriver.start(driverPath, browser: browserPath)
      defer { driver.quit() }
      try driver.navigate("http://127.0.0.1:\(port)/")
      try driver.waitUntil("return document.body.dataset.runs === '1'", seconds: 60)
      var runs = 1
      /// Sets `selector`'s value and sends its change event; returns the page's redraw time.
      func change(_ selector: String, _ value: String) throws -> (
        redraw: Double, answer: Double, update: Double
      ) {
        _ = try driver.execute(
          """
          const n = document.querySelector('\(selector)');
          n.value = '\(value)'; n.dispatchEvent(new Event('change', {bubbles: true}));
          return true;
          """)
        runs += 1
        try driver.waitUntil(
          "return document.body.dataset.runs === '\(runs)' && document.body.dataset.state === 'ready'",
          seconds: 60)
        guard
          let texts = try driver.execute(
            "return [document.body.dataset.redrawMs, document.body.dataset.answerMs, document.body.dataset.drawMs]"
          )
            as? [String], texts.count == 3, let redraw = Double(texts[0]),
          let answer = Double(texts[1]), let update = Double(texts[2])
        else { throw Failure(description: "the page recorded no redraw time") }
        return (redraw, answer, update)
      }
      let sigma = #".knob[data-path="market.sigma"] input[type=number]"#
      func series() throws -> Redraw {
        // One untimed change, then `repeats` timed ones, each to a new value.
        _ = try change(sigma, "2.5")
        let times = try (0..<max(1, repeats)).map { k in
          try change(sigma, String(3 + 0.25 * Double(k % 8)))
        }
        let redraw = summary(times.map(\.redraw))
        return Redraw(
          median: redraw.median, fastest: redraw.fastest,
          answerMedian: summary(times.map(\.answer)).median,
          updateMedian: summary(times.map(\.update)).median)
      }
      let single = try series()
      _ = try change(#".knob[data-path="randomness.demandNoise"] input[type=number]"#, "0.1")
      _ = try change("#replicates", String(fanReplicates))
      return [single, try series()]
    }
  }

  /// Redraw times of one series of changes, milliseconds.
  struct Redraw {
    var median: Double
    var fastest: Double
    /// Median time from sending the request to having its answer, in the page.
    var answerMedian: Double
    /// Median time the page's script takes to put the answer into the page (tables and SVG).
    var updateMedian: Double
  }

  /// Median and fastest of `times`.
  static func summary(_ times: [Double]) -> (median: Double, fastest: Double) {
    let sorted = times.sorted()
    return (sorted[sorted.count / 2], sorted[0])
  }

  /// Runs `body` with an explorer of `scenarioPath` listening on a free loopback port.
  static func withServer<T>(scenarioPath: String, _ body: (UInt16) throws -> T) throws -> T {
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
    return try body(port)
  }

  /// Sends `bytes` and reads the answer to the end of its stated length; returns its status line.
  static func exchange(port: UInt16, _ bytes: [UInt8]) throws -> String {
    let answer = try LoopbackHTTP.exchange(port: port, bytes)
    return String(decoding: answer.prefix(40), as: UTF8.self)
  }
}
