import Foundation
import LinearAlgebra
import LocatedYAML
import MarketClearing

/// A single spot market read from a file, for `gpumarket clear`.
///
/// ```json
/// {"sigma": 2.0,
///  "buyers": [{"name": "anthropic", "budget": 1.2e9}],
///  "products": [{"name": "colossus/h100", "supply": 1.5e8, "reservePrice": 1.1}],
///  "valuations": [[1.0]]}
/// ```
/// `valuations` has one row per buyer and one column per product, in the orders given; a large
/// matrix may instead live in a compact file beside it (`valuationsFile`, see `ValuationsFile`).
/// Optional: `tolerance` (relative clearing error, default 1e-9), `maxIterations` (default 10000)
/// and `budgetSets` (K budget vectors: the market is cleared once for each).
public struct MarketFile: Sendable {
  public let market: Market
  public let buyerNames: [String]
  public let productNames: [String]
  /// Clearing options the file asks for (defaults where it is silent).
  public let options: ClearingOptions
  /// K vectors of one budget per buyer, when the file asks for K clears of the same market.
  public let budgetSets: [[Double]]?

  /// This file with another market (e.g. one budget set's), names and options kept.
  public func replacingMarket(_ market: Market) -> MarketFile {
    MarketFile(
      market: market, buyerNames: buyerNames, productNames: productNames, options: options,
      budgetSets: budgetSets)
  }

  /// The bound on each file read when none is given: 16 MiB.
  public static let defaultMaxBytes = Document.Limits.maxBytes

  /// The format, field by field: the decoder's allowed keys, the JSON Schema and the reference table
  /// in docs/market-file.md all come from here.
  public static let fields: [FieldSpec] = [
    FieldSpec(
      "sigma", .number(.atLeast(1)), required: true,
      doc: "Elasticity of substitution between products (1 = Cobb-Douglas).", example: "2.5"),
    FieldSpec(
      "buyers", .list(.object(buyerFields), minItems: 1), required: true,
      doc: "The buyers, in order."),
    FieldSpec(
      "products", .list(.object(productFields), minItems: 1), required: true,
      doc: "The products (provider x chip), in order."),
    FieldSpec(
      "valuations", .list(.list(.number(.nonNegative), minItems: 1), minItems: 1),
      unit: "relative",
      doc:
        "One row per buyer, one column per product, in the orders above; 0 = will not buy. "
        + "Required unless `valuationsFile` is given.",
      example: "[[1.3, 0.9], [1.0, 1.0]]"),
    FieldSpec(
      "valuationsFile", .string,
      doc:
        "Instead of `valuations`: a file beside this one (path relative to it) holding the matrix, "
        + "`.f64` (raw little-endian float64, row-major, n·m·8 bytes) or `.csv` (one line per "
        + "buyer, m comma-separated numbers).",
      example: "market-valuations.f64"),
    FieldSpec(
      "budgetSets", .list(.list(.number(.positive), minItems: 1), minItems: 1),
      unit: "$ per period",
      doc:
        "K budget vectors (one budget per buyer, in order): the market is cleared once for each "
        + "set, all K together, instead of once with the buyers' budgets.",
      example: "[[1.2e9, 9e8], [1.0e9, 1.1e9]]"),
    FieldSpec(
      "tolerance", .number(.range(1e-15...0.1)), default: "1e-9", unit: "relative",
      doc: "Largest accepted relative clearing error."),
    FieldSpec(
      "maxIterations", .integer(min: 1, max: 10_000_000), default: "10000",
      doc: "Passes over the market before giving up."),
  ]

  static let buyerFields: [FieldSpec] = [
    FieldSpec("name", .string, required: true, doc: "Unique name.", example: "anthropic"),
    FieldSpec(
      "budget", .number(.positive), required: true, unit: "$ per period",
      doc: "What the buyer spends."),
  ]

  static let productFields: [FieldSpec] = [
    FieldSpec("name", .string, required: true, doc: "Unique name.", example: "colossus/h100"),
    FieldSpec(
      "supply", .number(.nonNegative), required: true, unit: "GPU-hours per period",
      doc: "Units on offer; 0 withdraws the product."),
    FieldSpec(
      "reservePrice", .number(.nonNegative), default: "0", unit: "$ per GPU-hour",
      doc: "Lowest price at which the product sells."),
  ]

  /// The JSON Schema of market files.
  public static var jsonSchema: JSONValue {
    jsonSchemaDocument(
      title: "gpumarket market file", description: "One spot market for `gpumarket clear`.",
      fields: fields)
  }

  /// Reads and checks the market file at `path` (and its `valuationsFile`, if any); every problem
  /// is reported at once. `maxBytes` bounds each file read.
  public static func load(path: String, maxBytes: Int = defaultMaxBytes) throws(DiagnosticsError)
    -> MarketFile
  {
    let node = try Document.load(path: path, maxBytes: maxBytes)
    return try decode(node, maxBytes: maxBytes)
  }

  /// Decodes a parsed document; every problem is reported at once.
  public static func decode(_ root: DocumentNode, maxBytes: Int = defaultMaxBytes)
    throws(DiagnosticsError) -> MarketFile
  {
    let log = DiagnosticLog()
    let file = decode(root, log: log, maxBytes: maxBytes)
    try log.throwIfErrors()
    return file!
  }

  static func decode(_ root: DocumentNode, log: DiagnosticLog, maxBytes: Int = defaultMaxBytes)
    -> MarketFile?
  {
    guard let fields = root.mapping(log, allowedKeys: Self.fields.names) else { return nil }
    let sigma = fields.required("sigma")?.number(log, .atLeast(1))
    var options = ClearingOptions()
    if let tolerance = fields.optional("tolerance")?.number(log, .range(1e-15...0.1)) {
      options.tolerance = tolerance
    }
    if let maxIterations = fields.optional("maxIterations")?.integer(log, min: 1, max: 10_000_000) {
      options.maxIterations = maxIterations
    }

    let buyers = fields.required("buyers")?.sequence(log) ?? []
    if fields.contains("buyers"), let node = fields.optional("buyers"), buyers.isEmpty {
      log.error("a market needs at least one buyer", at: node)
    }
    var buyerNames: [String] = []
    var seenBuyers: [String: String] = [:]
    var budgets: [Double] = []
    for buyer in buyers {
      guard let entry = buyer.mapping(log, allowedKeys: buyerFields.names) else { continue }
      buyerNames.append(uniqueName(entry.required("name"), among: &seenBuyers, log: log))
      budgets.append(entry.required("budget")?.number(log, .positive) ?? .nan)
    }

    let products = fields.required("products")?.sequence(log) ?? []
    if let node = fields.optional("products"), products.isEmpty {
      log.error("a market needs at least one product", at: node)
    }
    var productNames: [String] = []
    var seenProducts: [String: String] = [:]
    var supplies: [Double] = []
    var reserves: [Double] = []
    for product in products {
      guard let entry = product.mapping(log, allowedKeys: productFields.names) else {
        continue
      }
      productNames.append(uniqueName(entry.required("name"), among: &seenProducts, log: log))
      supplies.append(entry.required("supply")?.number(log, .nonNegative) ?? .nan)
      reserves.append(entry.optional("reservePrice")?.number(log, .nonNegative) ?? 0)
    }

    var valuations = Matrix(rows: 0, columns: 0)
    let inline = fields.optional("valuations")
    let external = fields.optional("valuationsFile")
    if inline != nil, let external {
      log.error("give either valuations or valuationsFile, not both", at: external)
    } else if let external {
      // Read only when every buyer and product was named (the names place the file's errors).
      if let name = external.string(log), buyerNames.count == buyers.count,
        productNames.count == products.count
      {
        let directory = (external.location.file as NSString).deletingLastPathComponent
        let openPath =
          name.hasPrefix("/") || directory.isEmpty
          ? name : (directory as NSString).appendingPathComponent(name)
        let request = ValuationsFile.Request(
          shownPath: openPath, openPath: openPath, buyerNames: buyerNames,
          productNames: productNames, maxBytes: maxBytes, node: external)
        valuations = ValuationsFile.read(request, log: log) ?? valuations
      }
    } else if let node = fields.required("valuations") {
      valuations = decodeValuations(node, buyers: buyers.count, products: products.count, log: log)
    }
    var budgetSets: [[Double]]?
    if let node = fields.optional("budgetSets"), let sets = node.sequence(log) {
      if sets.isEmpty { log.error("expected at least one budget set", at: node) }
      budgetSets = sets.compactMap { setNode -> [Double]? in
        guard let values = setNode.sequence(log) else { return nil }
        if values.count != buyers.count {
          log.error(
            "expected \(buyers.count) budgets (one per buyer), got \(values.count)", at: setNode)
        }
        return values.map { $0.number(log, .positive) ?? .nan }
      }
    }
    guard !log.hasErrors, let sigma else { return nil }
    do {
      let market = try Market(
        budgets: budgets, supplies: supplies, reservePrices: reserves, valuations: valuations,
        sigma: sigma)
      return MarketFile(
        market: market, buyerNames: buyerNames, productNames: productNames, options: options,
        budgetSets: budgetSets)
    } catch {
      log.error(error.description, at: root)
      return nil
    }
  }

  /// The inline `valuations`: one row per buyer, one column per product.
  private static func decodeValuations(
    _ node: DocumentNode, buyers: Int, products: Int, log: DiagnosticLog
  ) -> Matrix {
    var valuations = Matrix(rows: buyers, columns: products)
    guard let rows = node.sequence(log) else { return valuations }
    if rows.count != buyers {
      log.error("expected \(buyers) rows (one per buyer), got \(rows.count)", at: node)
    }
    for (i, rowNode) in rows.enumerated() {
      guard let row = rowNode.sequence(log) else { continue }
      if row.count != products {
        log.error(
          "expected \(products) values (one per product), got \(row.count)", at: rowNode)
      }
      for (j, valueNode) in row.enumerated() {
        let value = valueNode.number(log, .nonNegative)
        if let value, i < valuations.rows, j < valuations.columns { valuations[i, j] = value }
      }
    }
    return valuations
  }

  /// The name at `node`, checked against the names seen so far, keyed by their lowercase form
  /// (a dictionary: 10,000 buyers would otherwise cost 50 million comparisons).
  private static func uniqueName(
    _ node: DocumentNode?, among seen: inout [String: String], log: DiagnosticLog
  ) -> String {
    guard let node, let name = node.string(log) else { return "" }
    if name.isEmpty { log.error("a name must not be empty", at: node) }
    if let other = seen[name.lowercased()] {
      if other == name {
        log.error("duplicate name '\(name)'", at: node)
      } else {
        log.error(
          "name '\(name)' differs from '\(other)' only in case; names must differ in more than case",
          at: node)
      }
    } else {
      seen[name.lowercased()] = name
    }
    return name
  }
}
