import ArgumentParser
import Foundation
import Reports
import SafeIO

/// `gpumarket report SOURCE`: tables and charts from a sweep database.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Turn a sweep database into tables and charts.",
    discussion: """
      Formats: text (the default without --out), markdown (charts as SVG files in \
      OUT-STEM-charts/), csv (the first table in OUT, the others beside it), json, latex \
      (booktabs tables), html (one self-contained file with inline SVG charts). Exit status: 0 \
      success; 2 invalid input (no such database, an unknown outcome); 64 bad command-line usage; \
      74 the output could not be written.
      """
  )

  @Argument(
    help:
      "A sweep database written by `gpumarket sweep`, or a folder written by `gpumarket run --out`."
  )
  var source: String

  @Option(
    help:
      "Output format: text, markdown, csv, json, latex or html. (default: from --out's extension, else text)"
  )
  var format: String?

  @Option(help: "Output file; standard output when absent.")
  var out: String?

  @Option(
    help: """
      An outcome to report on, or a prefix ending in * (share.anthropic.*); repeatable. The first \
      is charted against each parameter. (default: the model's first outcomes)
      """)
  var outcome: [String] = []

  func validate() throws {
    if let format, ReportFormat(rawValue: format) == nil {
      throw ValidationError(
        "--format must be one of text, markdown, csv, json, latex, html (got '\(format)')")
    }
  }

  /// The format asked for, or the one --out's extension implies.
  var resolvedFormat: ReportFormat {
    if let format, let value = ReportFormat(rawValue: format) { return value }
    switch (out.map { ($0 as NSString).pathExtension.lowercased() }) {
    case "md": return .markdown
    case "csv": return .csv
    case "json": return .json
    case "tex": return .latex
    case "html", "htm": return .html
    default: return .text
    }
  }

  func run() throws {
    var options = SweepReportOptions()
    options.focusOutcomes = outcome
    let document: ReportDocument
    do {
      document = try ReportSources.open(source, options: options).makeDocument()
    } catch {
      throw CommandError.exit("\(error)", code: 2)
    }
    guard let out else {
      print(document.render(resolvedFormat).main, terminator: "")
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
  }
}
