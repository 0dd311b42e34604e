import LinearAlgebra
import MarketClearing
import Testing

/// The solver against proportional response dynamics, an independent algorithm.
@Suite struct ReferenceAlgorithmTests {
  @Test(
    "Prices agree with proportional response on random markets",
    arguments: [(1.0, 11 as UInt64), (1.5, 12), (2.0, 13), (3.0, 14), (5.0, 15)])
  func agreesWithProportionalResponse(sigmaSeed: (Double, UInt64)) {
    let (sigma, seed) = sigmaSeed
    let market = randomMarket(buyers: 6, products: 4, sigma: sigma, seed: seed, reserveShare: 0)
    let eq = market.clear()
    let reference = proportionalResponsePrices(market)
    #expect(eq.converged)
    let difference = maxRelativeDifference(eq.prices, reference)
    #expect(difference < 1e-7, "σ = \(sigma): max relative price difference \(difference)")
  }

  @Test("BLAS and loop kernels agree", arguments: [2.0, 7.0])
  func kernelsAgree(sigma: Double) {
    let market = randomMarket(buyers: 300, products: 40, sigma: sigma, seed: 21)
    let blas = market.clear(options: ClearingOptions(kernel: .blas))
    let loops = market.clear(options: ClearingOptions(kernel: .loops))
    #expect(blas.kernel == .blas && loops.kernel == .loops)
    #expect(blas.converged && loops.converged)
    #expect(maxRelativeDifference(blas.prices, loops.prices) < 1e-8)
  }

  @Test("Plain fixed point and Anderson acceleration reach the same prices")
  func accelerationDoesNotChangeTheAnswer() {
    let market = randomMarket(buyers: 50, products: 12, sigma: 3, seed: 31)
    let plain = market.clear(options: ClearingOptions(accelerationMemory: 0))
    let accelerated = market.clear()
    #expect(plain.converged && accelerated.converged)
    #expect(accelerated.iterations < plain.iterations)
    #expect(maxRelativeDifference(plain.prices, accelerated.prices) < 1e-8)
  }

  @Test("Results do not depend on threads: parallel and serial are bit-identical")
  func parallelIsDeterministic() {
    let market = randomMarket(buyers: 2_500, products: 30, sigma: 2, seed: 41)
    let parallel = market.clear(options: ClearingOptions(kernel: .blas, parallel: true))
    let serial = market.clear(options: ClearingOptions(kernel: .blas, parallel: false))
    #expect(parallel.prices == serial.prices)
    #expect(parallel.allocation == serial.allocation)
  }
}
