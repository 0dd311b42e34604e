import Foundation
import Testing

/// Every output says what made it, and a sweep does not resume into runs of another scenario.
@Suite struct ProvenanceTests {
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("provenance-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func runFolderRecordsVersionOverridesSeedAndResolvedScenario() throws {
    let root = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try CLIRunner.run([
      "run", "baseline-2026", "--set", "market.sigma=6", "--seed", "7", "--out",
      root.appendingPathComponent("run").path,
    ])
    #expect(run.status == 0, "\(run.stderr)")
    let text = try String(
      contentsOf: root.appendingPathComponent("run/provenance.json"), encoding: .utf8)
    #expect(text.contains("\"version\": \"0.1.0\""))
    #expect(text.contains("\"overrides\": [\"market.sigma=6\"]"))
    #expect(text.contains("\"seed\": \"7\""))
    #expect(text.contains("\"sigma\":6"), "the resolved scenario carries the override")
    #expect(
      text.range(of: #""date": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ""#, options: .regularExpression)
        != nil)
    let report = try CLIRunner.run(["report", root.appendingPathComponent("run").path])
    #expect(report.status == 0)
    #expect(
      report.stdout.contains("with --set market.sigma=6"), "not labelled as the plain baseline")
  }

  @Test func dateFollowsSourceDateEpoch() throws {
    let root = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("run").path
    let run = try CLIRunner.run(
      ["run", "baseline-2026", "--out", folder], via: ["/usr/bin/env", "SOURCE_DATE_EPOCH=0"])
    #expect(run.status == 0, "\(run.stderr)")
    let text = try String(contentsOfFile: folder + "/provenance.json", encoding: .utf8)
    #expect(text.contains("\"date\": \"1970-01-01T00:00:00Z\""))
  }

  /// Editing the file a scenario extends changes the resolved scenario: resuming is refused
  /// with exit 2, naming the key that changed.
  @Test func resumeRefusesAnEditedParentAndSaysWhatDiffers() throws {
    let root = try Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let baseline = CLIRunner.packageRoot.appendingPathComponent("scenarios/baseline-2026.yaml")
    let parent = root.appendingPathComponent("parent.yaml")
    try FileManager.default.copyItem(at: baseline, to: parent)
    try "extends: parent.yaml\nname: child\n".write(
      to: root.appendingPathComponent("child.yaml"), atomically: true, encoding: .utf8)
    let arguments = ["sweep", "child.yaml", "--replicates", "2", "--db", "s.sqlite", "--quiet"]
    let first = try CLIRunner.run(arguments, in: root)
    #expect(first.status == 0, "\(first.stderr)")
    let text = try String(contentsOf: parent, encoding: .utf8)
    try text.replacingOccurrences(of: "  sigma: 8 ", with: "  sigma: 7 ").write(
      to: parent, atomically: true, encoding: .utf8)
    let again = try CLIRunner.run(arguments, in: root)
    #expect(again.status == 2)
    #expect(again.stderr.contains("market.sigma: 8 → 7"), "\(again.stderr)")
    let report = try CLIRunner.run(["report", "s.sqlite"], in: root)
    #expect(report.stdout.contains("Made by gpumarket 0.1.0 `sweep`"))
  }
}
