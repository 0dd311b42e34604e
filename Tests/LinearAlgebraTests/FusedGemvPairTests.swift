import Foundation
import LinearAlgebra
import Testing

/// Records the blocks a transform was called with (from any thread).
final class BlockLog: @unchecked Sendable {
  private let lock = NSLock()
  private var blocks: [(first: Int, count: Int)] = []

  func record(_ first: Int, _ count: Int) {
    lock.lock()
    blocks.append((first, count))
    lock.unlock()
  }

  var sorted: [(first: Int, count: Int)] {
    lock.lock()
    defer { lock.unlock() }
    return blocks.sorted { $0.first < $1.first }
  }
}

/// The transform the tests apply: depends on the value and on the global row index, so a block
/// handed the wrong `firstRow` gives a wrong answer.
@Sendable func testTransform(_ row: Int, _ value: Double) -> Double {
  sin(value) + 0.001 * Double(row % 17)
}

/// Reference `Wᵀ f(W x)` by loops.
func referenceFused(_ w: Matrix, _ x: [Double]) -> [Double] {
  let y = referenceGemv(.none, alpha: 1, w, x, beta: 0, [])
  let fy = y.indices.map { testTransform($0, y[$0]) }
  return referenceGemv(.transposed, alpha: 1, w, fy, beta: 0, [])
}

@Suite struct FusedGemvPairTests {
  /// (rows, columns, cacheBytes, chunkRows): small caches force many blocks per chunk.
  static let configurations: [(rows: Int, columns: Int, cacheBytes: Int, chunkRows: Int)] = [
    (1, 1, 256 * 1024, 1024),
    (1, 9, 8, 1),
    (9, 1, 8, 1),
    (9, 1, 24, 4),
    (0, 5, 256 * 1024, 1024),
    (5, 0, 256 * 1024, 1024),
    (37, 11, 8 * 11 * 3, 7),  // 3-row blocks, 7-row chunks: blocks straddle nothing
    (100, 13, 8 * 13 * 8, 20),
    (100, 13, 8 * 13 * 8, 3),  // chunk smaller than a block: chunkRows is raised to blockRows
    (1000, 64, 256 * 1024, 1024),
    (3000, 40, 64 * 1024, 256),
  ]

  @Test(arguments: 0..<configurations.count)
  func matchesTwoGemvLoops(_ index: Int) {
    let c = Self.configurations[index]
    var rng = SeededGenerator(seed: 500 + UInt64(index))
    let w = rng.matrix(c.rows, c.columns)
    let x = rng.vector(c.columns)
    let expected = referenceFused(w, x)
    let label = "fused \(c.rows)x\(c.columns) cache=\(c.cacheBytes) chunk=\(c.chunkRows)"
    for parallel in [false, true] {
      let fused = FusedGemvPair(
        columns: c.columns, parallel: parallel, cacheBytes: c.cacheBytes, chunkRows: c.chunkRows)
      #expect(fused.blockRows >= 1 && fused.chunkRows >= fused.blockRows, "\(label)")
      var z = [Double](repeating: .nan, count: c.columns)  // must be overwritten
      let log = BlockLog()
      fused.apply(w, x: x, into: &z) { first, values in
        log.record(first, values.count)
        for k in values.indices { values[k] = testTransform(first + k, values[k]) }
      }
      expectClose(z, expected, scale: Double(c.rows * c.columns), "\(label) parallel=\(parallel)")
      // The blocks tile the rows once, none larger than a block or crossing a chunk boundary.
      var next = 0
      for block in log.sorted {
        #expect(block.first == next, "\(label): block at \(block.first), expected \(next)")
        #expect(block.count >= 1 && block.count <= fused.blockRows, "\(label): block size")
        #expect(
          block.first / fused.chunkRows == (block.first + block.count - 1) / fused.chunkRows,
          "\(label): block \(block) crosses a chunk boundary")
        next = block.first + block.count
      }
      #expect(next == (c.columns == 0 ? next : c.rows), "\(label): rows covered")
    }
  }

  /// Parallel and serial runs of one configuration agree bit for bit, as do repeated runs.
  @Test(arguments: [(2000, 30, 16 * 1024, 128), (4096, 7, 4096, 100), (513, 257, 32 * 1024, 64)])
  func parallelIsBitIdenticalToSerial(
    _ rows: Int, _ columns: Int, _ cacheBytes: Int, _ chunkRows: Int
  ) {
    var rng = SeededGenerator(seed: 600 + UInt64(rows))
    let w = rng.matrix(rows, columns)
    let x = rng.vector(columns)
    func run(parallel: Bool) -> [UInt64] {
      let fused = FusedGemvPair(
        columns: columns, parallel: parallel, cacheBytes: cacheBytes, chunkRows: chunkRows)
      var z = [Double](repeating: 0, count: columns)
      fused.apply(w, x: x, into: &z) { first, values in
        for k in values.indices { values[k] = testTransform(first + k, values[k]) }
      }
      return z.map(\.bitPattern)
    }
    let serial = run(parallel: false)
    let label = "\(rows)x\(columns) cache=\(cacheBytes) chunk=\(chunkRows)"
    #expect(run(parallel: true) == serial, "\(label): parallel differs from serial")
    #expect(run(parallel: true) == serial, "\(label): second parallel run differs")
    expectClose(
      serial.map(Double.init(bitPattern:)), referenceFused(w, x), scale: Double(rows * columns),
      label)
  }

  @Test func blockRowsFollowTheCacheSize() {
    #expect(FusedGemvPair(columns: 1000, cacheBytes: 256 * 1024).blockRows == 32)
    #expect(FusedGemvPair(columns: 1000, cacheBytes: 100).blockRows == 1)
    #expect(FusedGemvPair(columns: 0).blockRows == 256 * 1024 / 8)
    #expect(FusedGemvPair(columns: 10, chunkRows: 5).chunkRows == 256 * 1024 / 80)
  }
}
