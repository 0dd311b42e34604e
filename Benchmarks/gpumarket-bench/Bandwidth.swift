import Dispatch

/// A STREAM-like read benchmark: the sum of a `Double` array far larger than the last-level
/// cache, so every byte comes from memory.
///
/// Bandwidth = array bytes / time of one full sum, best of `repeats` (as STREAM reports the
/// best run). The loop keeps eight independent SIMD accumulators so that the adds never
/// limit it; with `threads > 1` the array is split into that many contiguous halves summed
/// concurrently.
struct BandwidthProbe {
  let bytes: Int
  let repeats: Int

  struct Result {
    let threads: Int
    let gigabytesPerSecond: Double
    /// The sum, printed so the reads cannot be optimised away.
    let checksum: Double
  }

  func measure(threads: Int) -> Result {
    let count = bytes / 8
    let storage = UnsafeMutableBufferPointer<Double>.allocate(capacity: count)
    defer { storage.deallocate() }
    for k in 0..<count { storage[k] = Double(k & 1023) * 0x1p-10 }  // touches every page
    nonisolated(unsafe) let base = UnsafePointer(storage.baseAddress!)
    let parts = max(1, threads)
    var best = Double.infinity
    var checksum = 0.0
    for _ in 0..<max(1, repeats) {
      let partials = UnsafeMutableBufferPointer<Double>.allocate(capacity: parts)
      defer { partials.deallocate() }
      nonisolated(unsafe) let partialBase = partials.baseAddress!
      let ms = Stopwatch.milliseconds {
        DispatchQueue.concurrentPerform(iterations: parts) { part in
          let start = count * part / parts
          let end = count * (part + 1) / parts
          partialBase[part] = Self.sum(base + start, count: end - start)
        }
      }
      best = min(best, ms)
      checksum = partials.reduce(0, +)
    }
    return Result(
      threads: parts, gigabytesPerSecond: Double(count * 8) / (best * 1e6), checksum: checksum)
  }

  /// `Σ x_k` with eight 4-wide accumulators.
  static func sum(_ x: UnsafePointer<Double>, count: Int) -> Double {
    let raw = UnsafeRawPointer(x)
    var a0 = SIMD4<Double>()
    var a1 = SIMD4<Double>()
    var a2 = SIMD4<Double>()
    var a3 = SIMD4<Double>()
    var a4 = SIMD4<Double>()
    var a5 = SIMD4<Double>()
    var a6 = SIMD4<Double>()
    var a7 = SIMD4<Double>()
    let stride = 32
    var k = 0
    while k + stride <= count {
      let p = raw + k * 8
      a0 += p.loadUnaligned(fromByteOffset: 0, as: SIMD4<Double>.self)
      a1 += p.loadUnaligned(fromByteOffset: 32, as: SIMD4<Double>.self)
      a2 += p.loadUnaligned(fromByteOffset: 64, as: SIMD4<Double>.self)
      a3 += p.loadUnaligned(fromByteOffset: 96, as: SIMD4<Double>.self)
      a4 += p.loadUnaligned(fromByteOffset: 128, as: SIMD4<Double>.self)
      a5 += p.loadUnaligned(fromByteOffset: 160, as: SIMD4<Double>.self)
      a6 += p.loadUnaligned(fromByteOffset: 192, as: SIMD4<Double>.self)
      a7 += p.loadUnaligned(fromByteOffset: 224, as: SIMD4<Double>.self)
      k += stride
    }
    var total = ((a0 + a1) + (a2 + a3) + ((a4 + a5) + (a6 + a7))).sum()
    while k < count {
      total += x[k]
      k += 1
    }
    return total
  }
}
