import Experiments
import Foundation
import Testing

/// End-to-end tests of `gpumarket sweep` and `gpumarket report` through the built binary.
@Suite(.serialized) struct SweepCommandTests {
  /// The executable under test (see `CLIRunner.executable`).
  static var binary: URL { CLIRunner.executable }

  static func folder(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("gpumarket-cli-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
    try? FileManager.default.removeItem(at: url)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs gpumarket with `arguments` in `folder`. With `killWhenStored`, sends `signal` (SIGKILL:
  /// a machine going down mid-sweep; SIGINT: Ctrl-C) as soon as the sweep database holds that many
  /// finished runs (polled, so the test does not depend on the machine's speed), or after 60 s.
  static func gpumarket(
    _ arguments: [String], in folder: URL, killWhenStored: (database: String, runs: Int)? = nil,
    signal: Int32 = SIGKILL
  ) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    if let killWhenStored {
      let path = folder.appendingPathComponent(killWhenStored.database).path
      let deadline = Date().addingTimeInterval(60)
      while process.isRunning, Date() < deadline {
        if FileManager.default.fileExists(atPath: path),
          let counts = try? SweepDatabase(path: path).runCounts(), counts.ok >= killWhenStored.runs
        {
          break
        }
        Thread.sleep(forTimeInterval: 0.01)
      }
      kill(process.processIdentifier, signal)
    }
    let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
  }

  @Test func sweepThenReportInEveryFormat() throws {
    let folder = Self.folder("formats")
    let sweep = try Self.gpumarket(
      [
        "sweep", "builtin:ishigami-noisy", "--vary", "x1=-3..3:5", "--vary", "x2=0,1",
        "--replicates", "3", "--series", "--db", "s.sqlite",
      ],
      in: folder)
    #expect(sweep.status == 0, "\(sweep.stderr)")
    #expect(sweep.stdout == "30 runs done, 0 failed; results in s.sqlite\n")
    for (format, file) in [
      ("markdown", "r.md"), ("csv", "r.csv"), ("json", "r.json"), ("latex", "r.tex"),
      ("html", "r.html"),
    ] {
      let report = try Self.gpumarket(
        ["report", "s.sqlite", "--format", format, "--out", file], in: folder)
      #expect(report.status == 0, "\(format): \(report.stderr)")
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      #expect(!text.isEmpty, "\(format)")
    }
    #expect(
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("r-charts/series-price.svg").path))
    let text = try Self.gpumarket(["report", "s.sqlite"], in: folder)
    #expect(text.stdout.contains("Outcomes by parameter values"))
  }

  @Test func killedSweepResumesWithoutRepeatsOrLosses() throws {
    let folder = Self.folder("kill")
    let arguments = [
      "sweep", "builtin:ishigami-slow", "--design", "lhs", "--samples", "200", "--vary", "x1=-3..3",
      "--vary", "x2=-3..3", "--replicates", "2", "--jobs", "2", "--quiet", "--db", "k.sqlite",
    ]
    // 400 runs of 5 ms on 2 workers take about a second: kill it once 20 are stored.
    let killed = try Self.gpumarket(arguments, in: folder, killWhenStored: ("k.sqlite", 20))
    #expect(killed.status != 0)
    #expect(killed.stdout.isEmpty)
    #expect(killed.stdout.isEmpty)
    let partial = try SweepDatabase(path: folder.appendingPathComponent("k.sqlite").path)
      .runCounts()
    #expect(partial.ok > 0 && partial.ok < 400, "stored \(partial.ok) before the kill")
    let resumed = try Self.gpumarket(arguments, in: folder)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stdout.contains("400 runs done (\(partial.ok) from before), 0 failed"))
    let reference = try Self.gpumarket(
      arguments.map { $0 == "k.sqlite" ? "ref.sqlite" : $0 }, in: folder)
    #expect(reference.status == 0)
    let a = try SweepDatabase(path: folder.appendingPathComponent("k.sqlite").path).canonicalDump()
    let b = try SweepDatabase(path: folder.appendingPathComponent("ref.sqlite").path)
      .canonicalDump()
    #expect(a == b)
  }

  @Test func ctrlCStopsCleanlyAndTheSameCommandFinishes() throws {
    let folder = Self.folder("interrupt")
    let arguments = [
      "sweep", "builtin:ishigami-slow", "--vary", "x1=-3..3:300", "--replicates", "2", "--quiet",
      "--db", "i.sqlite",
    ]
    let interrupted = try Self.gpumarket(
      arguments, in: folder, killWhenStored: ("i.sqlite", 10), signal: SIGINT)
    #expect(interrupted.status == 130)
    #expect(interrupted.stderr.contains("interrupted: "))
    #expect(interrupted.stderr.contains("run the same command again to continue"))
    let finished = try Self.gpumarket(arguments, in: folder)
    #expect(finished.status == 0, "\(finished.stderr)")
    #expect(finished.stdout.hasPrefix("600 runs done ("))
  }

  @Test func failedRunsSetTheExitStatusAndFinalLine() throws {
    let folder = Self.folder("failing")
    let result = try Self.gpumarket(
      ["sweep", "builtin:failing", "--vary", "x1=-2,-1,1,2", "--quiet", "--db", "f.sqlite"],
      in: folder)
    #expect(result.status == 1)
    #expect(result.stdout == "4 runs done, 2 failed; results in f.sqlite\n")
  }

  @Test(
    arguments: [
      (["sweep", "builtin:ishigami", "--vary", "x1=a,b"], "cannot read '--vary x1=a,b'", 2),
      (
        ["sweep", "builtin:ishigami", "--vary", "x1=0..1"],
        "a grid needs a count for range parameter 'x1'", 2
      ),
      (
        [
          "sweep", "builtin:ishigami", "--design", "sobol", "--samples", "100", "--vary", "x1=0..1",
        ], "power of two", 2
      ),
      (["sweep", "builtin:nothing", "--vary", "x1=1"], "unknown built-in model", 2),
      (["sweep", "scenario.yaml", "--vary", "x1=1"], "cannot read scenario.yaml", 2),
      (["sweep", "--plan", "missing.yaml"], "missing.yaml: error: cannot read missing.yaml", 2),
      (
        ["sweep", "builtin:ishigami", "--design", "cube", "--vary", "x1=1"],
        "--design must be one of", 64
      ),
      (["report", "missing.sqlite"], "missing.sqlite: no such file", 2),
      (["report", "x", "--format", "pdf"], "--format must be one of", 64),
    ] as [([String], String, Int32)])
  func badInputGetsAClearErrorAndNonZeroStatus(arguments: [String], message: String, status: Int32)
    throws
  {
    let folder = Self.folder("errors")
    let result = try Self.gpumarket(
      arguments + (arguments[0] == "sweep" ? ["--db", "e.sqlite"] : []), in: folder)
    #expect(result.status == status)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test func differentPlanIntoSameDatabaseIsRefused() throws {
    let folder = Self.folder("plan")
    _ = try Self.gpumarket(
      ["sweep", "builtin:ishigami", "--vary", "x1=1,2", "--quiet", "--db", "p.sqlite"], in: folder)
    let second = try Self.gpumarket(
      ["sweep", "builtin:ishigami", "--vary", "x1=1,3", "--quiet", "--db", "p.sqlite"], in: folder)
    #expect(second.status == 2)
    #expect(second.stderr.contains("holds results of a different sweep plan"))
  }

  /// `--out` names the database as in every other command; `--db` is a deprecated alias that
  /// writes the same database, the help says so, and giving both is a usage error.
  @Test func outNamesTheDatabaseAndDbIsADeprecatedAlias() throws {
    let folder = Self.folder("out")
    let plan = ["sweep", "builtin:ishigami", "--vary", "x1=1,2", "--quiet"]
    let viaOut = try Self.gpumarket(plan + ["--out", "a.sqlite"], in: folder)
    #expect(viaOut.status == 0, "\(viaOut.stderr)")
    #expect(viaOut.stdout.contains("results in a.sqlite"))
    let viaDb = try Self.gpumarket(plan + ["--db", "a.sqlite"], in: folder)
    #expect(viaDb.status == 0, "\(viaDb.stderr)")
    #expect(viaDb.stdout.contains("2 runs done (2 from before)"), "the alias resumes the same file")
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("sweep.sqlite").path))
    let both = try Self.gpumarket(plan + ["--out", "a.sqlite", "--db", "b.sqlite"], in: folder)
    #expect(both.status == 64)
    #expect(both.stderr.contains("not both"))
    let help = try Self.gpumarket(["sweep", "--help"], in: folder)
    let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(flat.contains("--db <db> Deprecated alias of --out"))
    #expect(flat.contains("--out <out> The results database. (default: sweep.sqlite)"))
  }

  @Test func sweepFileWithOverrides() throws {
    let folder = Self.folder("planfile")
    try """
    scenario: builtin:ishigami
    design: lhs
    samples: 8
    vary:
      x1: -1..1
      x2: [0, 1]
    """.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
    let result = try Self.gpumarket(
      ["sweep", "--plan", "s.yaml", "--samples", "12", "--quiet", "--db", "p.sqlite"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("12 runs done"))
  }

  /// A grid uses every combination of the listed values: a sample count would be ignored, so
  /// it is refused before anything runs.
  @Test func samplesWithAGridAreRefused() throws {
    let folder = Self.folder("grid-samples")
    let result = try Self.gpumarket(
      [
        "sweep", "builtin:ishigami", "--vary", "x1=0,1", "--samples", "64", "--quiet", "--out",
        "g.sqlite",
      ],
      in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.contains("--samples has no use with --design grid"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("g.sqlite").path))
    let lhs = try Self.gpumarket(
      [
        "sweep", "builtin:ishigami", "--design", "lhs", "--vary", "x1=0..1", "--samples", "3",
        "--quiet", "--out", "l.sqlite",
      ],
      in: folder)
    #expect(lhs.status == 0, "\(lhs.stderr)")
  }
}
