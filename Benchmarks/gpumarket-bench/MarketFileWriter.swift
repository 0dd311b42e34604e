import Foundation
import MarketClearing

/// `gpumarket-bench market-file --size NxM --out BASE`: writes the benchmark market
/// (`RandomMarket`, seed 1) as a market file `BASE.json` with its valuation matrix beside it in
/// `BASE-valuations.f64`, for timing `gpumarket clear` on large markets from files.
enum MarketFileWriter {
  static func main(_ arguments: [String]) -> Never {
    var buyers = 10_000
    var products = 1000
    var base = "market-10000x1000"
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      guard let value = rest.popFirst() else { fail("\(argument) needs a value") }
      switch argument {
      case "--size":
        guard let size = MarketSize.parse(value) else {
          fail("--size expects BUYERSxPRODUCTS, got '\(value)'")
        }
        (buyers, products) = size
      case "--out": base = value
      default: fail("unknown argument '\(argument)'")
      }
    }
    let market = RandomMarket(buyers: buyers, products: products, seed: 1).market
    let matrixName = URL(fileURLWithPath: base + "-valuations.f64").lastPathComponent
    var json = "{\"sigma\": \(market.sigma),\n \"buyers\": ["
    json += market.budgets.enumerated().map { "{\"name\": \"b\($0)\", \"budget\": \($1)}" }
      .joined(separator: ",\n  ")
    json += "],\n \"products\": ["
    json += (0..<products).map {
      "{\"name\": \"p\($0)\", \"supply\": \(market.supplies[$0]), "
        + "\"reservePrice\": \(market.reservePrices[$0])}"
    }.joined(separator: ",\n  ")
    json += "],\n \"valuationsFile\": \"\(matrixName)\"}\n"
    var matrix = Data(capacity: buyers * products * 8)
    for value in market.valuations.elements {
      withUnsafeBytes(of: value.bitPattern.littleEndian) { matrix.append(contentsOf: $0) }
    }
    do {
      try Data(json.utf8).write(to: URL(fileURLWithPath: base + ".json"))
      try matrix.write(to: URL(fileURLWithPath: base + "-valuations.f64"))
    } catch {
      FileHandle.standardError.write(Data("error: cannot write \(base): \(error)\n".utf8))
      exit(73)
    }
    print("wrote \(base).json and \(base)-valuations.f64")
    exit(0)
  }

  private static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(
      Data(
        "error: \(message)\nusage: gpumarket-bench market-file [--size BUYERSxPRODUCTS] [--out BASE]\n"
          .utf8))
    exit(64)
  }
}
