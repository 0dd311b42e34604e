import Experiments
import Foundation
import Testing

@testable import Reports

@Suite struct SweepReportTests {
  @Test func gridReportTablesMatchAnIndependentComputation() throws {
    let path = try makeSweepDatabase(
      "grid", design: .grid, vary: ["x1=-1,0,1", "x2=0,1"], replicates: 4)
    let document = try SweepReportSource(path: path).makeDocument()
    let table = try #require(document.tables.first { $0.id == "outcomes-by-point" })
    #expect(table.rows.count == 6)
    #expect(
      table.columns == [
        "point", "x1", "x2", "runs", "y mean", "y ±95%", "sin.x1 mean", "sin.x1 ±95%",
      ])
    // Recompute point 5 (x1 = 1, x2 = 1) from the model and the derived seeds.
    let model = IshigamiModel(noise: 0.5)
    var values: [Double] = []
    for replicate in 0..<4 {
      let seed = SeedDerivation.seed(base: 5, point: 5, replicate: replicate)
      let outcome = try model.run(
        [.init(keyPath: "x1", value: 1), .init(keyPath: "x2", value: 1)], seed: seed)
      values.append(outcome.summary[0].value)
    }
    let mean = values.reduce(0, +) / 4
    let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
    let half = 3.182446 * sd / 2
    guard case .number(let reportedMean) = table.rows[5][4],
      case .number(let reportedHalf) = table.rows[5][5]
    else {
      Issue.record("expected numbers, got \(table.rows[5])")
      return
    }
    #expect(abs(reportedMean - mean) < 1e-12)
    #expect(abs(reportedHalf - half) < 1e-5)
    #expect(document.tables.contains { $0.id == "ranking-y" })
    #expect(document.charts.contains { $0.id == "series-price" })
    #expect(document.charts.contains { $0.id == "response-y-x1" })
  }

  @Test func sobolReportRecoversIshigamiIndices() throws {
    let path = try makeSweepDatabase(
      "sobol", design: .sobol,
      vary: [
        "x1=-3.141592653589793..3.141592653589793", "x2=-3.141592653589793..3.141592653589793",
        "x3=-3.141592653589793..3.141592653589793",
      ],
      samples: 1024, model: IshigamiModel(), series: false)
    var options = SweepReportOptions()
    options.bootstrapResamples = 200
    let document = try SweepReportSource(path: path, options: options).makeDocument()
    let table = try #require(document.tables.first { $0.id == "sobol-y" })
    // Rows sorted by ST: x1 (0.5576), x2 (0.4424), x3 (0.2437). N = 1024 Sobol points: ±0.04.
    let expected: [(String, Double, Double)] = [
      ("x1", 0.3139, 0.5576), ("x2", 0.4424, 0.4424), ("x3", 0, 0.2437),
    ]
    for (row, (name, s, st)) in zip(table.rows, expected) {
      #expect(row[0] == .text(name))
      guard case .number(let first) = row[1], case .number(let total) = row[4] else { continue }
      #expect(abs(first - s) < 0.04, "S of \(name) = \(first)")
      #expect(abs(total - st) < 0.04, "ST of \(name) = \(total)")
    }
    #expect(document.charts.contains { $0.id == "sensitivity-y" })
    #expect(!document.tables.contains { $0.id == "outcomes-by-point" })
  }

  /// A `sobol2` sweep's report shows S_jk for every pair; Ishigami's only interaction is
  /// S13 = 0.2437 (closed form, see SensitivityTests), the others are 0. N = 1024: ±0.05.
  @Test func sobol2ReportShowsSecondOrderIndices() throws {
    let path = try makeSweepDatabase(
      "sobol2", design: .sobol2,
      vary: [
        "x1=-3.141592653589793..3.141592653589793", "x2=-3.141592653589793..3.141592653589793",
        "x3=-3.141592653589793..3.141592653589793",
      ],
      samples: 1024, model: IshigamiModel(), series: false)
    var options = SweepReportOptions()
    options.bootstrapResamples = 200
    let document = try SweepReportSource(path: path, options: options).makeDocument()
    let table = try #require(document.tables.first { $0.id == "sobol2-y" })
    #expect(table.rows.count == 3)
    #expect(table.rows[0][0] == .text("x1") && table.rows[0][1] == .text("x3"))
    for row in table.rows {
      guard case .text(let j) = row[0], case .text(let k) = row[1], case .number(let value) = row[2]
      else { continue }
      let exact = (j, k) == ("x1", "x3") ? 0.2437 : 0
      #expect(abs(value - exact) < 0.05, "S_\(j)\(k) = \(value)")
    }
    #expect(document.tables.contains { $0.id == "sobol-y" })
  }

  @Test func everyChartOfEveryReportIsWellFormedSVG() throws {
    let folder = temporaryFolder("svg")
    let paths = [
      try makeSweepDatabase(
        "g", design: .grid, vary: ["x1=-1..1:5", "x3=0,2"], replicates: 3, folder: folder),
      try makeSweepDatabase(
        "l", design: .lhs, vary: ["x1=-1..1", "x2=0..2"], samples: 30, model: FailingModel(),
        folder: folder),
      try makeSweepDatabase("r", design: .random, vary: ["x2=-3..3"], samples: 10, folder: folder),
    ]
    for path in paths {
      let document = try SweepReportSource(path: path).makeDocument()
      #expect(!document.charts.isEmpty)
      for chart in document.charts {
        #expect(xmlError(chart.svg) == nil, "\(path): \(chart.id)")
      }
      let html = document.render(.html).main
      #expect(html.hasPrefix("<!DOCTYPE html>"))
      #expect(
        !html.contains("http://")
          || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains(
            "http://")
      )
      #expect(!html.contains("<script"))
      #expect(!html.contains("https://"))
    }
  }

  @Test func failuresAreReported() throws {
    let path = try makeSweepDatabase(
      "fail", design: .grid, vary: ["x1=-1,1"], replicates: 2, model: FailingModel())
    let document = try SweepReportSource(path: path).makeDocument()
    let failures = try #require(document.tables.first { $0.id == "failures" })
    #expect(document.tables.contains { $0.id == "outcomes-by-point" })
    #expect(failures.rows.count == 2)
    #expect(document.render(.table).main.contains("2 of 4 runs failed"))
  }

  @Test func reportsDoNotDependOnJobs() throws {
    let one = try makeSweepDatabase(
      "j1", design: .lhs, vary: ["x1=-3..3", "x2=-3..3"], samples: 40, replicates: 2, jobs: 1)
    let two = try makeSweepDatabase(
      "j2", design: .lhs, vary: ["x1=-3..3", "x2=-3..3"], samples: 40, replicates: 2, jobs: 2)
    let a = try SweepReportSource(path: one).makeDocument()
    let b = try SweepReportSource(path: two).makeDocument()
    for format in ReportFormat.allCases {
      #expect(a.render(format).main == b.render(format).main, "\(format)")
    }
  }

  @Test func unknownOutcomeIsAClearError() throws {
    let path = try makeSweepDatabase("o", design: .grid, vary: ["x1=0,1"])
    var options = SweepReportOptions()
    options.primaryOutcome = "nope"
    #expect {
      try SweepReportSource(path: path, options: options).makeDocument()
    } throws: { "\($0)".contains("no outcome matches 'nope'") }
  }

  @Test func focusOutcomesSelectTablesAndCharts() throws {
    let path = try makeSweepDatabase(
      "focus", design: .lhs, vary: ["x1=-3..3", "x2=-3..3"], samples: 20)
    var options = SweepReportOptions()
    options.focusOutcomes = ["sin.*"]
    let document = try SweepReportSource(path: path, options: options).makeDocument()
    let ids = document.tables.map(\.id)
    #expect(ids.contains("ranking-sin-x1") && !ids.contains("ranking-y"))
    let byPoint = try #require(document.tables.first { $0.id == "outcomes-by-point" })
    #expect(byPoint.columns.suffix(2) == ["sin.x1 mean", "sin.x1 ±95%"])
    #expect(document.charts.contains { $0.id == "response-sin-x1-x1" })
  }

  @Test func markdownWritesChartsAsCompanionFiles() throws {
    let path = try makeSweepDatabase("md", design: .grid, vary: ["x1=0,1,2"], replicates: 2)
    let rendered = try SweepReportSource(path: path).makeDocument().render(.markdown, stem: "r")
    #expect(rendered.main.hasPrefix("# Sweep of builtin:ishigami-noisy"))
    #expect(!rendered.companions.isEmpty)
    for companion in rendered.companions {
      #expect(companion.path.hasPrefix("r-charts/") && companion.path.hasSuffix(".svg"))
      #expect(rendered.main.contains("](\(companion.path))"))
    }
  }
}
