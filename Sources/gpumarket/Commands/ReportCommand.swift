import ArgumentParser
import Foundation
import Reports
import SafeIO

/// `gpumarket report SOURCE`: tables and charts from a sweep database.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Turn a sweep database into tables and charts.",
    discussion: CommandHelp.discussion(
      """
      Formats: table (aligned text, the default without --out), markdown (charts as SVG files in \
      OUT-STEM-charts/), csv (the first table in OUT, the others beside it), json, latex \
      (booktabs tables, each chart a figure converted to PDF with librsvg), html (one self-contained file with inline SVG charts). An --out \
      extension report does not write (such as .pdf) is refused.
      """,
      examples: [
        "gpumarket sweep baseline-2026 --vary market.sigma=4,8 --series --out sigma.sqlite",
        "gpumarket report sigma.sqlite",
        "gpumarket report sigma.sqlite --out report.html",
        "gpumarket report sigma.sqlite --outcome 'share.anthropic.*' --out report.md",
      ])
  )

  @Argument(
    help:
      "A sweep database written by `gpumarket sweep`, or a folder written by `gpumarket run --out`."
  )
  var source: String

  @Option(
    help:
      "Output format: table, markdown, csv, json, latex or html. (default: from --out's extension, else table)"
  )
  var format: String?

  @Option(help: "Output file; standard output when absent.")
  var out: String?

  @Option(
    help: """
      An outcome to report on, or a prefix ending in * (share.anthropic.*); repeatable. The first \
      is charted against each parameter. (default: the headline outcomes that vary: \
      \(SweepReportOptions.headlinePatterns.joined(separator: ", ")))
      """)
  var outcome: [String] = []

  @Option(
    help: """
      Logarithmic y axes on line charts: auto (where a chart's positive values span more than a \
      factor of 10 and none is negative), on (wherever a value is positive) or off.
      """)
  var logAxis: String = "auto"

  @Option(
    name: .customLong("forward-month"),
    help: """
      For a run folder: a month (YYYY-MM) at which to draw the forward curve by tenor; \
      repeatable. (default: June of every year)
      """)
  var forwardMonth: [String] = []

  func validate() throws {
    if LogAxis(rawValue: logAxis) == nil {
      throw ValidationError("--log-axis must be one of auto, on, off (got '\(logAxis)')")
    }
    for month in forwardMonth
    where month.range(of: #"^[0-9]{4}-(0[1-9]|1[0-2])$"#, options: .regularExpression) == nil {
      throw ValidationError("--forward-month expects a month written YYYY-MM (got '\(month)')")
    }
    if let format, ReportFormat(rawValue: format) == nil {
      throw ValidationError(
        "--format must be one of table, markdown, csv, json, latex, html (got '\(format)')")
    }
    if let out {
      let suffix = (out as NSString).pathExtension
      guard suffix.isEmpty || ReportFormat(extension: suffix) != nil else {
        throw ValidationError(
          "report writes .md, .csv, .json, .tex, .html or .txt files, not .\(suffix) (--out \(out))"
        )
      }
    }
  }

  /// The format asked for, or the one --out's extension implies.
  var resolvedFormat: ReportFormat {
    if let format, let value = ReportFormat(rawValue: format) { return value }
    return out.flatMap { ReportFormat(extension: ($0 as NSString).pathExtension) } ?? .table
  }

  func run() throws {
    var options = SweepReportOptions()
    options.focusOutcomes = outcome
    options.logAxis = LogAxis(rawValue: logAxis) ?? .auto
    options.forwardMonths = forwardMonth
    let document: ReportDocument
    do {
      document = try ReportSources.open(source, options: options).makeDocument()
    } catch {
      throw CommandError.exit("\(error)", code: 2)
    }
    guard let out else {
      if [.markdown, .latex].contains(resolvedFormat) && !document.charts.isEmpty {
        printError(
          "note: charts are left out on standard output (no file to link); "
            + "--out FILE writes them beside the report")
        print(document.withoutCharts.render(resolvedFormat).main, terminator: "")
      } else {
        print(document.render(resolvedFormat).main, terminator: "")
      }
      return
    }
    let url = URL(fileURLWithPath: out)
    let stem = url.deletingPathExtension().lastPathComponent
    let rendered = document.render(resolvedFormat, stem: stem)
    // All files or none: a failure leaves no half-written report, companion or new folder.
    let folder = url.deletingLastPathComponent()
    var files = rendered.companions.map { companion in
      (
        path: folder.appendingPathComponent(companion.path).path,
        contents: Array(companion.contents.utf8)
      )
    }
    files.append((path: out, contents: Array(rendered.main.utf8)))
    var created: [String] = []
    do throws(AtomicFiles.WriteError) {
      for file in files {
        created += try AtomicFiles.createFolder(FileProblem.parentFolder(of: file.path))
      }
      try AtomicFiles.write(files)
    } catch {
      AtomicFiles.removeFolders(created)
      throw CommandError.exit("\(error)", code: 74)
    }
    if resolvedFormat == .latex {
      do {
        try Self.convertToPDF(
          rendered.companions.filter { $0.path.hasSuffix(".svg") }.map {
            folder.appendingPathComponent($0.path)
          })
      } catch {
        throw CommandError.exit("\(error)", code: 74)
      }
    }
  }

  /// Writes FILE.pdf beside each FILE.svg, for the figures of a LaTeX report: in this process
  /// through librsvg (``SVGToPDF``) where its libraries load, else with rsvg-convert (both
  /// Debian package librsvg2-bin).
  static func convertToPDF(_ svgs: [URL]) throws {
    guard let converter = SVGToPDF.shared else { return try runRSVGConvert(svgs) }
    for svg in svgs {
      do {
        try converter.convert(svg, to: svg.deletingPathExtension().appendingPathExtension("pdf"))
      } catch {
        throw CocoaError(
          .fileWriteUnknown,
          userInfo: [NSLocalizedDescriptionKey: "librsvg could not convert \(error)"])
      }
    }
  }

  /// Writes FILE.pdf beside each FILE.svg with the rsvg-convert command: as many conversions at
  /// a time as there are cores, since each is a process of its own that spends most of its
  /// time starting.
  static func runRSVGConvert(_ svgs: [URL]) throws {
    let width = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var running: [(svg: URL, process: Process)] = []
    var failed: URL?
    func finishOldest() {
      let (svg, process) = running.removeFirst()
      process.waitUntilExit()
      if process.terminationStatus != 0 && failed == nil { failed = svg }
    }
    for svg in svgs {
      if running.count == width { finishOldest() }
      let pdf = svg.deletingPathExtension().appendingPathExtension("pdf")
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["rsvg-convert", "--format", "pdf", "--output", pdf.path, svg.path]
      process.standardError = FileHandle.nullDevice
      do {
        try process.run()
      } catch {
        while !running.isEmpty { finishOldest() }
        throw CocoaError(
          .fileWriteUnknown,
          userInfo: [
            NSLocalizedDescriptionKey:
              "rsvg-convert is needed for LaTeX figures (apt-get install librsvg2-bin)"
          ])
      }
      running.append((svg, process))
    }
    while !running.isEmpty { finishOldest() }
    if let failed {
      throw CocoaError(
        .fileWriteUnknown,
        userInfo: [
          NSLocalizedDescriptionKey:
            "rsvg-convert could not convert \(failed.lastPathComponent) (apt-get install librsvg2-bin)"
        ])
    }
  }
}
