import Experiments

extension SweepReportSource.Context {
  func sensitivitySection() -> ReportDocument.Section? {
    let names = reportedOutcomes(limit: options.sensitivityOutcomes)
    guard !names.isEmpty, points.count >= 2 else { return nil }
    var items: [ReportDocument.Item] = []
    if plan.design == .morris {
      items = morrisItems(names)
    } else if plan.design.isSobol {
      let secondOrder =
        plan.design == .sobol2
        ? " Second-order indices S_jk (the share of variance from the interaction of j and k "
          + "alone) by Saltelli (2002)." : ""
      items.append(
        .paragraph(
          "First-order (S) and total-order (ST) Sobol indices: S by the estimator of Saltelli et al. "
            + "(2010), ST by Jansen (1999), from the point means of N = \(plan.samples) base samples."
            + secondOrder
            + " Intervals: 95% percentile bootstrap over base samples (\(options.bootstrapResamples) resamples)."
        ))
      for (k, name) in names.enumerated() {
        guard let result = sobol(name) else { continue }
        items.append(.table(sobolTable(name, result)))
        if !result.pairs.isEmpty { items.append(.table(secondOrderTable(name, result))) }
        items.append(.chart(sobolChart(name, result, index: k)))
      }
    } else {
      items.append(
        .paragraph(
          "Spearman rank correlation between each parameter and the outcome's point means, with a "
            + "95% percentile-bootstrap interval over points (\(rankResamples(points: points.count)) "
            + "resamples). It measures monotone effects without "
            + "assuming linearity; an effect that rises then falls scores near zero (use --design "
            + "sobol to see those)."))
      for (k, name) in names.enumerated() {
        let ranking = spearman(name)
        guard let ranking else { continue }
        items.append(.table(rankingTable(name, ranking)))
        items.append(.chart(rankingChart(name, ranking, index: k)))
      }
    }
    guard items.count > 1 else { return nil }
    return ReportDocument.Section(id: "sensitivity", title: "Sensitivity", items: items)
  }

  func sobol(_ name: String) -> SobolIndices? {
    let d = plan.parameters.count
    let secondOrder = plan.design == .sobol2
    let block = (secondOrder ? 2 * d : d) + 2
    guard let values = byPoint[name] else { return nil }
    var blocks: [[Double]] = []
    for i in 0..<plan.samples {
      let row = (0..<block).compactMap { values[i * block + $0]?.mean }
      if row.count == block && row.allSatisfy(\.isFinite) { blocks.append(row) }
    }
    guard blocks.count >= 2 else { return nil }
    return SobolIndices(
      blocks: blocks, dimensions: d, secondOrder: secondOrder,
      resamples: options.bootstrapResamples,
      seed: SeedDerivation.seed(base: plan.seed, stream: "report.bootstrap.\(name)"))
  }

  func spearman(_ name: String) -> RankCorrelationRanking? {
    guard let values = byPoint[name] else { return nil }
    let keys = points.keys.sorted().filter { values[$0] != nil }
    guard keys.count >= 3 else { return nil }
    return RankCorrelationRanking(
      points: keys.map { points[$0]! }, outcome: keys.map { values[$0]!.mean },
      resamples: rankResamples(points: keys.count),
      seed: SeedDerivation.seed(base: plan.seed, stream: "report.bootstrap.\(name)"))
  }

  /// Bootstrap resamples for the rank correlation: the configured count up to 1,000 points, then
  /// fewer (at least 200) so each report costs at most about 10⁶ ranked values per parameter;
  /// with that many points the interval is narrow and 200 resamples place its ends well enough.
  func rankResamples(points: Int) -> Int {
    min(options.bootstrapResamples, max(200, 1_000_000 / max(points, 1)))
  }

  /// Parameter order for display: by decreasing importance.
  func order(_ importance: [Double]) -> [Int] {
    importance.indices.sorted {
      let a = importance[$0].isFinite ? importance[$0] : -1
      let b = importance[$1].isFinite ? importance[$1] : -1
      return a != b ? a > b : $0 < $1
    }
  }

  func sobolTable(_ name: String, _ result: SobolIndices) -> ReportTable {
    let rows: [[ReportTable.Cell]] = order(result.entries.map(\.totalOrder)).map { j in
      let e = result.entries[j]
      return [
        .text(plan.parameters[j]), .number(e.firstOrder), .number(e.firstOrderInterval.lowerBound),
        .number(e.firstOrderInterval.upperBound), .number(e.totalOrder),
        .number(e.totalOrderInterval.lowerBound), .number(e.totalOrderInterval.upperBound),
      ]
    }
    return ReportTable(
      id: "sobol-\(Self.slug(name))", title: "Sobol indices of \(name)",
      columns: ["parameter", "S", "S low", "S high", "ST", "ST low", "ST high"], rows: rows,
      note: "\(result.baseSamples) complete base samples; sorted by ST.")
  }

  /// Second-order indices S_jk, largest first.
  func secondOrderTable(_ name: String, _ result: SobolIndices) -> ReportTable {
    let order = order(result.pairs.map(\.value))
    let rows: [[ReportTable.Cell]] = order.map { p in
      let pair = result.pairs[p]
      return [
        .text(plan.parameters[pair.first]), .text(plan.parameters[pair.second]),
        .number(pair.value), .number(pair.interval.lowerBound), .number(pair.interval.upperBound),
      ]
    }
    return ReportTable(
      id: "sobol2-\(Self.slug(name))", title: "Second-order Sobol indices of \(name)",
      columns: ["parameter j", "parameter k", "S_jk", "S_jk low", "S_jk high"], rows: rows,
      note: "\(result.baseSamples) complete base samples; sorted by S_jk.")
  }

  func sobolChart(_ name: String, _ result: SobolIndices, index: Int) -> ReportChart {
    let order = order(result.entries.map(\.totalOrder))
    let chart = BarChart(
      title: "Sensitivity of \(name): Sobol indices",
      valueLabel: "share of output variance (95% bootstrap interval)",
      categories: order.map { plan.parameters[$0] },
      groups: [
        .init(
          name: "first order S",
          bars: order.map {
            let e = result.entries[$0]
            return .init(
              value: e.firstOrder, low: e.firstOrderInterval.lowerBound,
              high: e.firstOrderInterval.upperBound)
          }),
        .init(
          name: "total order ST",
          bars: order.map {
            let e = result.entries[$0]
            return .init(
              value: e.totalOrder, low: e.totalOrderInterval.lowerBound,
              high: e.totalOrderInterval.upperBound)
          }),
      ])
    return ReportChart(
      id: "sensitivity-\(Self.slug(name))",
      caption: "First- and total-order Sobol indices of \(name), parameters by decreasing ST.",
      svg: chart.svg())
  }

  func rankingTable(_ name: String, _ ranking: RankCorrelationRanking) -> ReportTable {
    let rows: [[ReportTable.Cell]] = order(ranking.entries.map { abs($0.rho) }).map { j in
      let e = ranking.entries[j]
      return [
        .text(plan.parameters[j]), .number(e.rho), .number(e.interval.lowerBound),
        .number(e.interval.upperBound),
      ]
    }
    return ReportTable(
      id: "ranking-\(Self.slug(name))", title: "Rank correlation with \(name)",
      columns: ["parameter", "Spearman ρ", "95% low", "95% high"], rows: rows,
      note: "Sorted by |ρ|.")
  }

  func rankingChart(_ name: String, _ ranking: RankCorrelationRanking, index: Int) -> ReportChart {
    let order = order(ranking.entries.map { abs($0.rho) })
    let chart = BarChart(
      title: "Sensitivity of \(name): rank correlation",
      valueLabel: "Spearman rank correlation ρ (95% bootstrap interval)",
      categories: order.map { plan.parameters[$0] },
      groups: [
        .init(
          name: "ρ",
          bars: order.map {
            let e = ranking.entries[$0]
            return .init(value: e.rho, low: e.interval.lowerBound, high: e.interval.upperBound)
          })
      ])
    return ReportChart(
      id: "sensitivity-\(Self.slug(name))",
      caption: "Spearman rank correlation of each parameter with \(name), by decreasing |ρ|.",
      svg: chart.svg())
  }

  /// A file-name-safe form of a name: lower-case letters, digits and dashes.
  static func slug(_ name: String) -> String {
    var out = ""
    for character in name.lowercased() {
      if character.isLetter && character.isASCII || character.isNumber && character.isASCII {
        out.append(character)
      } else if out.last != "-" {
        out.append("-")
      }
    }
    return out.trimming("-")
  }
}

extension String {
  /// The string without leading and trailing `character`s.
  func trimming(_ character: Character) -> String {
    String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
  }
}
