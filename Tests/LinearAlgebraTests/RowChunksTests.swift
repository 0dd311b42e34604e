import Foundation
import LinearAlgebra
import Testing

@Suite struct RowChunksTests {
  @Test(arguments: [(0, 4), (1, 4), (4, 4), (5, 4), (10_000, 1024), (7, 1), (3, 0)])
  func chunksTileTheRowsOnce(_ rows: Int, _ chunkRows: Int) {
    for parallel in [false, true] {
      let label = "rows=\(rows) chunk=\(chunkRows) parallel=\(parallel)"
      let expectedCount = rows == 0 ? 0 : (rows + max(1, chunkRows) - 1) / max(1, chunkRows)
      #expect(RowChunks.count(rows: rows, chunkRows: chunkRows) == expectedCount, "\(label)")
      let log = BlockLog()
      RowChunks.forEach(rows: rows, chunkRows: chunkRows, parallel: parallel) { chunk, range in
        #expect(range.lowerBound == chunk * max(1, chunkRows), "\(label): chunk \(chunk) start")
        log.record(range.lowerBound, range.count)
      }
      var next = 0
      for block in log.sorted {
        #expect(block.first == next && block.count >= 1, "\(label): chunk at \(block.first)")
        next = block.first + block.count
      }
      #expect(next == rows, "\(label): rows covered")
    }
  }

  @Test(arguments: [(0, 3, 4), (5, 0, 4), (1, 3, 4), (9, 5, 4), (3000, 17, 1024)])
  func sumColumnsMatchesARunningSum(_ rows: Int, _ columns: Int, _ chunkRows: Int) {
    var rng = SeededGenerator(seed: 700 + UInt64(rows))
    let a = rng.matrix(rows, columns)
    var expected = [Double](repeating: 0, count: columns)
    for i in 0..<rows {
      for j in 0..<columns { expected[j] += a[i, j] }
    }
    let label = "rows=\(rows) columns=\(columns) chunk=\(chunkRows)"
    let elements = a.elements
    func run(parallel: Bool) -> [Double] {
      RowChunks.sumColumns(
        rows: rows, columns: columns, chunkRows: chunkRows, parallel: parallel
      ) { range, partial in
        for i in range {
          for j in 0..<columns { partial[j] += elements[i * columns + j] }
        }
      }
    }
    let serial = run(parallel: false)
    expectClose(serial, expected, scale: Double(rows), label)
    #expect(
      run(parallel: true).map(\.bitPattern) == serial.map(\.bitPattern),
      "\(label): parallel differs from serial")
  }
}
