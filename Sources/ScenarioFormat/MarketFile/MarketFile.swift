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
/// `valuations` has one row per buyer and one column per product, in the orders given.
/// Optional: `tolerance` (relative clearing error, default 1e-9) and `maxIterations` (default 10000).
public struct MarketFile: Sendable {
  public let market: Market
  public let buyerNames: [String]
  public let productNames: [String]
  /// Clearing options the file asks for (defaults where it is silent).
  public let options: ClearingOptions

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
      "valuations", .list(.list(.number(.nonNegative), minItems: 1), minItems: 1), required: true,
      unit: "relative",
      doc: "One row per buyer, one column per product, in the orders above; 0 = will not buy.",
      example: "[[1.3, 0.9], [1.0, 1.0]]"),
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

  /// Reads and checks the market file at `path`; every problem is reported at once.
  public static func load(path: String) throws(DiagnosticsError) -> MarketFile {
    let node = try Document.load(path: path)
    return try decode(node)
  }

  /// Decodes a parsed document; every problem is reported at once.
  public static func decode(_ root: DocumentNode) throws(DiagnosticsError) -> MarketFile {
    let log = DiagnosticLog()
    let file = decode(root, log: log)
    try log.throwIfErrors()
    return file!
  }

  static func decode(_ root: DocumentNode, log: DiagnosticLog) -> MarketFile? {
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
    var budgets: [Double] = []
    for buyer in buyers {
      guard let entry = buyer.mapping(log, allowedKeys: buyerFields.names) else { continue }
      buyerNames.append(uniqueName(entry.required("name"), among: buyerNames, log: log))
      budgets.append(entry.required("budget")?.number(log, .positive) ?? .nan)
    }

    let products = fields.required("products")?.sequence(log) ?? []
    if let node = fields.optional("products"), products.isEmpty {
      log.error("a market needs at least one product", at: node)
    }
    var productNames: [String] = []
    var supplies: [Double] = []
    var reserves: [Double] = []
    for product in products {
      guard let entry = product.mapping(log, allowedKeys: productFields.names) else {
        continue
      }
      productNames.append(uniqueName(entry.required("name"), among: productNames, log: log))
      supplies.append(entry.required("supply")?.number(log, .nonNegative) ?? .nan)
      reserves.append(entry.optional("reservePrice")?.number(log, .nonNegative) ?? 0)
    }

    var valuations = Matrix(rows: buyers.count, columns: products.count)
    if let node = fields.required("valuations"), let rows = node.sequence(log) {
      if rows.count != buyers.count {
        log.error(
          "expected \(buyers.count) rows (one per buyer), got \(rows.count)", at: node)
      }
      for (i, rowNode) in rows.enumerated() {
        guard let row = rowNode.sequence(log) else { continue }
        if row.count != products.count {
          log.error(
            "expected \(products.count) values (one per product), got \(row.count)", at: rowNode)
        }
        for (j, valueNode) in row.enumerated() {
          let value = valueNode.number(log, .nonNegative)
          if let value, i < valuations.rows, j < valuations.columns { valuations[i, j] = value }
        }
      }
    }
    guard !log.hasErrors, let sigma else { return nil }
    do {
      let market = try Market(
        budgets: budgets, supplies: supplies, reservePrices: reserves, valuations: valuations,
        sigma: sigma)
      return MarketFile(
        market: market, buyerNames: buyerNames, productNames: productNames, options: options)
    } catch {
      log.error(error.description, at: root)
      return nil
    }
  }

  private static func uniqueName(_ node: DocumentNode?, among names: [String], log: DiagnosticLog)
    -> String
  {
    guard let node, let name = node.string(log) else { return "" }
    if name.isEmpty { log.error("a name must not be empty", at: node) }
    if names.contains(name) {
      log.error("duplicate name '\(name)'", at: node)
    } else if let other = names.first(where: { $0.lowercased() == name.lowercased() }) {
      log.error(
        "name '\(name)' differs from '\(other)' only in case; names must differ in more than case",
        at: node)
    }
    return name
  }
}
