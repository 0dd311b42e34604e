import Experiments
import Explorer
import Foundation
import LocatedYAML
import ScenarioFormat
import Simulation
import Testing

/// `POST /api/run` with replicates: the runs are the ones `gpumarket compare` makes (seeds from
/// SeedDerivation, common random numbers), the figures are their means with the paired
/// difference's Student-t interval, and the charts are fans.
@Suite(.serialized) struct FanChartTests {
  /// The short test scenario with budget noise on, so that replicates differ.
  static let noisyPath = ExplorerServerTests.write(
    "noisy.yaml",
    "extends: \(ExplorerServerTests.scenarioPath)\nname: noisy\nrandomness: { demandNoise: 0.1 }\n")

  static let noisy = ExplorerServerTests.explorer(noisyPath)

  /// The scenario at `path` with `overrides`, loaded as `gpumarket run --set` loads it.
  static func load(_ path: String, _ overrides: [String] = []) throws -> Scenario {
    let parsed = try overrides.map { text throws(DiagnosticsError) in
      try Document.parseOverride(text)
    }
    return try ScenarioLoader.load(path: path, overrides: parsed)
  }

  static func value(_ run: RunResult, _ name: String) -> Double? {
    run.summary.first { $0.name == name }?.value
  }

  @Test func replicatesArePairedAsCompareRunsThem() async throws {
    let (server, url) = try await ExplorerServerTests.start(Self.noisy)
    defer { Task { await server.stop(timeout: 0) } }
    let count = 3
    let reply = try await HTTP.post(
      url + "api/run", json: ["overrides": ["market.sigma=4"], "replicates": count])
    #expect(reply.status == 200, "\(reply.text.prefix(300))")

    // The seeds compare derives from the unmodified scenario's seed.
    let unmodified = try Self.load(Self.noisyPath)
    let whatIf = try Self.load(Self.noisyPath, ["market.sigma=4"])
    let seeds = SeedDerivation.replicateSeeds(base: unmodified.defaultSeed, count: count)
    let answered = try #require(reply.json["seeds"] as? [NSNumber]).map(\.uint64Value)
    #expect(answered == seeds)

    // Each headline figure against runs made here, one by one.
    let mine = try seeds.map { try Engine.run(whatIf, seed: $0) }
    let theirs = try seeds.map { try Engine.run(unmodified, seed: $0) }
    let headline = try #require(reply.json["headline"] as? [[String: Any]])
    #expect(!headline.isEmpty)
    let tCritical = 4.302652729911275  // Student t, 0.975 quantile, 2 degrees of freedom
    var intervals = 0
    for figure in headline {
      let name = try #require(figure["name"] as? String)
      let a = mine.compactMap { Self.value($0, name) }
      let b = theirs.compactMap { Self.value($0, name) }
      guard a.count == count, b.count == count else { continue }
      let meanA = a.reduce(0, +) / Double(count)
      let meanB = b.reduce(0, +) / Double(count)
      let d = zip(a, b).map { $0 - $1 }
      let meanD = d.reduce(0, +) / Double(count)
      let sd = (d.map { ($0 - meanD) * ($0 - meanD) }.reduce(0, +) / Double(count - 1)).squareRoot()
      let scale = max(abs(meanA), abs(meanB), 1e-300)
      let close = { (x: Any?, y: Double) in
        guard let x = x as? Double else { return false }
        return abs(x - y) <= 1e-9 * scale
      }
      #expect(close(figure["value"], meanA), "\(name): \(figure["value"] ?? "nil") vs \(meanA)")
      #expect(close(figure["baseline"], meanB), "\(name)")
      #expect(close(figure["difference"], meanD), "\(name)")
      if sd > 1e-9 * scale {
        intervals += 1
        let half = tCritical * sd / Double(count).squareRoot()
        #expect(close(figure["differenceLow"], meanD - half), "\(name)")
        #expect(close(figure["differenceHigh"], meanD + half), "\(name)")
      }
    }
    #expect(intervals > 0, "noise makes the paired differences vary")

    // Every chart is a fan: a 50% and a 90% band per line.
    let charts = try #require(reply.json["charts"] as? [[String: Any]])
    #expect(charts.count == 8)
    for chart in charts {
      let svg = try #require(chart["svg"] as? String)
      #expect(svg.contains("fill-opacity=\"0.14\"") && svg.contains("fill-opacity=\"0.18\""))
      #expect((chart["title"] as? String)?.contains("(fan, 3 replicates)") == true)
    }
    #expect((reply.json["fan"] as? String)?.hasPrefix("Fan charts over 3 replicates") == true)
    let compare = try #require(reply.json["compareCommand"] as? String)
    #expect(compare.hasSuffix("noisy-what-if.yaml --replicates 3"), "\(compare)")
  }

  @Test func answersDoNotDependOnThreads() async throws {
    let (server, url) = try await ExplorerServerTests.start(Self.noisy)
    defer { Task { await server.stop(timeout: 0) } }
    let body: [String: Any] = ["overrides": ["market.sigma=3"], "replicates": 5]
    let first = try await HTTP.post(url + "api/run", json: body)
    let second = try await HTTP.post(url + "api/run", json: body)
    #expect(first.status == 200 && second.status == 200)
    for key in ["seeds", "headline", "changes", "charts"] {
      let a = try JSONSerialization.data(
        withJSONObject: first.json[key] ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed])
      let b = try JSONSerialization.data(
        withJSONObject: second.json[key] ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed])
      #expect(a == b, "\(key) differs between two identical requests")
    }
    // The same five runs one at a time, in reverse order, give the same first figure.
    let whatIf = try Self.load(Self.noisyPath, ["market.sigma=3"])
    let seeds = try #require(first.json["seeds"] as? [NSNumber]).map(\.uint64Value)
    let name = "price.h100.2024"
    let serial = try seeds.reversed().map { try Engine.run(whatIf, seed: $0) }
      .compactMap { Self.value($0, name) }
    let figure = try #require(
      (first.json["headline"] as? [[String: Any]])?.first { $0["name"] as? String == name })
    let mean = serial.reduce(0, +) / Double(serial.count)
    #expect(abs((figure["value"] as? Double ?? .nan) - mean) <= 1e-12 * abs(mean))
  }

  @Test func withoutNoiseOneRunStandsForAll() async throws {
    let (server, url) = try await ExplorerServerTests.start()
    defer { Task { await server.stop(timeout: 0) } }
    let reply = try await HTTP.post(
      url + "api/run", json: ["overrides": ["market.sigma=4"], "replicates": 4])
    #expect(reply.status == 200)
    #expect((reply.json["seeds"] as? [Any])?.count == 1)
    #expect(
      (reply.json["fan"] as? String)?.contains("Neither scenario draws random numbers") == true)
    #expect(reply.json["compareCommand"] == nil || reply.json["compareCommand"] is NSNull)
    let figure = try #require((reply.json["headline"] as? [[String: Any]])?.first)
    #expect(figure["differenceLow"] == nil || figure["differenceLow"] is NSNull)

    // Noise switched on by an override: the unmodified scenario has none, so its one run is
    // paired with every replicate of the what-if.
    let noisy = try await HTTP.post(
      url + "api/run", json: ["overrides": ["randomness.demandNoise=0.1"], "replicates": 3])
    #expect(noisy.status == 200)
    #expect((noisy.json["seeds"] as? [Any])?.count == 3)
    let unmodified = try Self.load(ExplorerServerTests.scenarioPath)
    let one = try Engine.run(unmodified, seed: unmodified.defaultSeed)
    for figure in try #require(noisy.json["headline"] as? [[String: Any]]) {
      let name = try #require(figure["name"] as? String)
      guard let expected = Self.value(one, name), let baseline = figure["baseline"] as? Double
      else { continue }
      #expect(abs(baseline - expected) <= 1e-12 * max(abs(expected), 1e-300), "\(name)")
    }
  }

  @Test func replicatesOutOfRangeAreRefused() async throws {
    let (server, url) = try await ExplorerServerTests.start()
    defer { Task { await server.stop(timeout: 0) } }
    for bad in [0, -1, 17] {
      let reply = try await HTTP.post(url + "api/run", json: ["replicates": bad])
      #expect(reply.status == 400, "replicates \(bad)")
      #expect((reply.json["error"] as? String) == "replicates must be in 1...16, got \(bad)")
    }
    let wrongType = try await HTTP.post(url + "api/run", json: ["replicates": "three"])
    #expect(wrongType.status == 400)
    #expect((wrongType.json["error"] as? String)?.contains("replicates") == true)
  }
}
