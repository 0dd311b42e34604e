import Foundation
import LoopbackHTTP
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

  /// Fan charts' figures are `gpumarket compare`'s: the what-if the page saves, compared with the
  /// scenario by the command line the page offers, gives the same means and paired difference.
  @Test func fanFiguresAreCompares() throws {
    let explore = try Explore.start()
    defer { explore.stop() }
    let reply = try LoopbackHTTP.call(
      "POST", explore.url + "api/run",
      json: ["overrides": ["randomness.demandNoise=0.1", "market.sigma=4"], "replicates": 3])
    #expect(reply.status == 200, "\(reply.text.prefix(300))")
    let figure = "price.h100.2026"
    let shown = try #require(
      (reply.json["headline"] as? [[String: Any]])?.first { $0["name"] as? String == figure })
    let command = try #require(reply.json["compareCommand"] as? String)
    #expect(command == "gpumarket compare baseline-2026 baseline-2026-what-if.yaml --replicates 3")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "explore-fan-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let name = try #require(reply.json["scenarioFileName"] as? String)
    let text = try #require(reply.json["scenarioFile"] as? String)
    try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    let words = command.split(separator: " ").dropFirst().map(String.init)
    let compared = try CLIRunner.run(
      words + ["--format", "csv", "--outcome", figure, "--quiet"], in: folder)
    #expect(compared.status == 0, "\(compared.stderr)")
    // outcome, A mean, A ±, B mean, B ±, Δ, Δ low, Δ high
    let row = try #require(
      compared.stdout.split(whereSeparator: \.isNewline).first { $0.hasPrefix(figure + ",") }
    )
    .split(separator: ",").compactMap { Double($0) }
    #expect(row.count == 7, "\(compared.stdout)")
    guard row.count == 7 else { return }
    let pairs: [(String, Double)] = [
      ("baseline", row[0]), ("value", row[2]), ("difference", row[4]), ("differenceLow", row[5]),
      ("differenceHigh", row[6]),
    ]
    for (key, expected) in pairs {
      let value = try #require(shown[key] as? Double, "\(key) missing")
      #expect(
        abs(value - expected) <= 1e-9 * max(abs(row[0]), 1e-300), "\(key): \(value) vs \(expected)")
    }
    #expect(explore.stop() == 0)
  }

  @Test func sliderRedrawsWhatRunSays() throws {
    guard let (driverPath, browserPath) = WebDriver.locate() else {
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

    // Noise on and three replicates: the charts become fans, the differences get intervals.
    _ = try driver.execute(
      """
      document.querySelector('[data-remove="market.sgma"]').click();
      document.getElementById('path').value = 'randomness.demandNoise';
      document.getElementById('value').value = '0.1';
      document.getElementById('add').click();
      const n = document.getElementById('replicates');
      n.value = '3'; n.dispatchEvent(new Event('change', {bubbles: true}));
      return true;
      """)
    try driver.waitUntil(
      "return document.body.dataset.state === 'ready' && last && last.seeds.length === 3",
      seconds: 120)
    let fan = try #require(
      driver.execute(
        """
        const svg = document.querySelector('#chart-price svg');
        return [document.querySelectorAll('#headline .ci').length,
          svg ? svg.querySelectorAll('[fill-opacity]').length : 0,
          document.getElementById('fan').textContent,
          Number(document.body.dataset.redrawMs),
          document.querySelector('.knob[data-path="randomness.demandNoise"] input[type=number]').value];
        """) as? [Any])
    #expect((fan[0] as? Int ?? 0) > 0, "the headline differences carry intervals")
    #expect((fan[1] as? Int ?? 0) >= 2, "the price chart has bands")
    #expect((fan[2] as? String)?.hasPrefix("Fan charts over 3 replicates") == true)
    #expect(((fan[3] as? Double) ?? 0) > 0, "the page timed its redraw")
    #expect(fan[4] as? String == "0.1", "the slider of a typed path shows the typed value")
    let fanShot = URL(fileURLWithPath: shot).deletingPathExtension().path + "-fan.png"
    try driver.screenshot().write(to: URL(fileURLWithPath: fanShot))
    print("screenshot: \(fanShot)")

    // SIGTERM ends the server with status 0.
    #expect(explore.stop() == 0)
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
