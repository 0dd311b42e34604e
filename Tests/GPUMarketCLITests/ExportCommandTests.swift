import Foundation
import Testing

/// `gpumarket export`: one row per run with units beside it.
@Suite struct ExportCommandTests {
  @Test func csvAndJSONLinesHaveOneRowPerRun() throws {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("export-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let db = root.appendingPathComponent("s.sqlite").path
    let sweep = try CLIRunner.run([
      "sweep", "builtin:ishigami", "--vary", "x1=-1..1:3", "--vary", "x2=0,1", "--replicates", "2",
      "--db", db, "--quiet",
    ])
    #expect(sweep.status == 0, "\(sweep.stderr)")
    let csvPath = root.appendingPathComponent("runs.csv").path
    let csv = try CLIRunner.run(["export", db, "--out", csvPath])
    #expect(csv.status == 0, "\(csv.stderr)")
    let lines = try String(contentsOfFile: csvPath, encoding: .utf8).split(separator: "\n")
    #expect(lines.first == "run_id,point,replicate,seed,status,error,x1,x2,y,sin.x1")
    #expect(lines.count == 1 + 12)
    let row = lines[1].split(separator: ",", omittingEmptySubsequences: false)
    #expect(row[0] == "0" && row[4] == "ok" && row[6] == "-1.0" && row[7] == "0.0")
    let units = try String(
      contentsOfFile: root.appendingPathComponent("runs-units.csv").path, encoding: .utf8)
    #expect(units.hasPrefix("column,unit\n") && units.contains("\nx1,"))
    let jsonl = try CLIRunner.run(["export", db, "--format", "jsonl", "--outcome", "y"])
    #expect(jsonl.status == 0)
    let objects = jsonl.stdout.split(separator: "\n")
    #expect(objects.count == 12)
    let first = try JSONSerialization.jsonObject(with: Data(objects[0].utf8)) as? [String: Any]
    #expect(abs((first?["x1"] as? Double ?? 0) + 1) < 1e-12)
    #expect(first?["status"] as? String == "ok")
  }

  @Test func badInputIsRefused() throws {
    let missing = try CLIRunner.run(["export", "/nonexistent/s.sqlite"])
    #expect(missing.status == 2)
    let format = try CLIRunner.run(["export", "x.sqlite", "--format", "xlsx"])
    #expect(format.status == 64)
  }
}
