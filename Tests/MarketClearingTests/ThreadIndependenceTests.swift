import LinearAlgebra
import MarketClearing
import Testing

/// Serial and parallel clears give the same bits: the work is split in fixed row chunks, never by
/// the number of cores. Markets of more than one chunk (1,024 rows) so that the split happens.
@Suite struct ThreadIndependenceTests {
  @Test(arguments: [(3000, 40, 2.0), (2500, 7, 1.5), (1100, 120, 4.0)])
  func parallelClearIsBitIdenticalToSerial(_ buyers: Int, _ products: Int, _ sigma: Double) {
    let market = randomMarket(buyers: buyers, products: products, sigma: sigma, seed: 77)
    let label = "\(buyers)x\(products) sigma=\(sigma)"
    let serial = market.clear(options: ClearingOptions(kernel: .blas, parallel: false))
    let parallel = market.clear(options: ClearingOptions(kernel: .blas, parallel: true))
    #expect(serial.converged && parallel.converged, "\(label)")
    #expect(serial.iterations == parallel.iterations, "\(label): iterations")
    #expect(
      serial.prices.map(\.bitPattern) == parallel.prices.map(\.bitPattern), "\(label): prices")
    #expect(
      serial.allocation.elements.map(\.bitPattern)
        == parallel.allocation.elements.map(\.bitPattern),
      "\(label): allocation")
    #expect(
      serial.spending.map(\.bitPattern) == parallel.spending.map(\.bitPattern), "\(label): spending"
    )
  }
}
