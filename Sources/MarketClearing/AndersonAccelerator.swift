/// Anderson acceleration (type II) of a fixed-point iteration `x ← G(x)`.
///
/// Given the latest `g_k = G(x_k)` and residual `f_k = g_k - x_k`, and the differences of the last
/// `memory` pairs, the next iterate is `g_k - ΔG γ` with `γ = argmin ‖f_k - ΔF γ‖₂`.
/// Walker & Ni, "Anderson acceleration for fixed-point iterations", SIAM J. Numer. Anal. 49 (2011).
/// The least-squares problem is at most `memory x memory` and solved by its regularised normal
/// equations.
struct AndersonAccelerator {
  let memory: Int
  private var previousG: [Double]?
  private var previousF: [Double]?
  private var deltaG: [[Double]] = []
  private var deltaF: [[Double]] = []
  /// `gram[a][b] = ΔF_aᵀ ΔF_b` over the history: a new difference adds one row, so each step
  /// computes k dot products instead of k(k+1)/2 (each the same sum, in the same order).
  private var gram: [[Double]] = []

  init(memory: Int) { self.memory = max(0, memory) }

  /// Forgets the history (after a step that did not reduce the residual).
  mutating func reset() {
    previousG = nil
    previousF = nil
    deltaG.removeAll()
    deltaF.removeAll()
    gram.removeAll()
  }

  /// `Σ_i u_i v_i` in index order.
  private static func dot(_ u: [Double], _ v: [Double]) -> Double {
    var s = 0.0
    for (a, b) in zip(u, v) { s += a * b }
    return s
  }

  /// Records `(g, f)` and returns the accelerated next iterate (`g` itself while the history is
  /// empty or memory is 0).
  mutating func next(g: [Double], f: [Double]) -> [Double] {
    guard memory > 0 else { return g }
    if let pg = previousG, let pf = previousF {
      deltaG.append(zip(g, pg).map { $0 - $1 })
      deltaF.append(zip(f, pf).map { $0 - $1 })
      if deltaG.count > memory {
        deltaG.removeFirst()
        deltaF.removeFirst()
        gram.removeFirst()
        for a in gram.indices { gram[a].removeFirst() }
      }
      let newest = deltaF[deltaF.count - 1]
      let row = deltaF.map { Self.dot($0, newest) }
      for a in gram.indices { gram[a].append(row[a]) }
      gram.append(row)
    }
    previousG = g
    previousF = f
    let k = deltaF.count
    guard k > 0 else { return g }
    // Normal equations (ΔFᵀΔF + λI) γ = ΔFᵀ f.
    var normal = [Double](repeating: 0, count: k * k)
    var rhs = [Double](repeating: 0, count: k)
    var trace = 0.0
    for a in 0..<k {
      for b in a..<k {
        normal[a * k + b] = gram[a][b]
        normal[b * k + a] = gram[a][b]
      }
      trace += normal[a * k + a]
      rhs[a] = Self.dot(deltaF[a], f)
    }
    guard trace > 0, trace.isFinite else { return g }
    for a in 0..<k { normal[a * k + a] += 1e-12 * trace }
    guard let gamma = solveSymmetric(normal, rhs, size: k) else { return g }
    var result = g
    for a in 0..<k {
      let c = gamma[a]
      for index in result.indices { result[index] -= c * deltaG[a][index] }
    }
    return result.allSatisfy { $0.isFinite || $0 == -.infinity } ? result : g
  }

  /// Solves `A y = b` by Gaussian elimination with partial pivoting; nil if singular.
  private func solveSymmetric(_ matrix: [Double], _ b: [Double], size k: Int) -> [Double]? {
    var a = matrix
    var y = b
    for column in 0..<k {
      var pivot = column
      for row in (column + 1)..<max(column + 1, k)
      where abs(a[row * k + column]) > abs(a[pivot * k + column]) {
        pivot = row
      }
      guard a[pivot * k + column] != 0, a[pivot * k + column].isFinite else { return nil }
      if pivot != column {
        for c in 0..<k { a.swapAt(pivot * k + c, column * k + c) }
        y.swapAt(pivot, column)
      }
      for row in (column + 1)..<max(column + 1, k) {
        let factor = a[row * k + column] / a[column * k + column]
        for c in column..<k { a[row * k + c] -= factor * a[column * k + c] }
        y[row] -= factor * y[column]
      }
    }
    for row in stride(from: k - 1, through: 0, by: -1) {
      var s = y[row]
      for c in (row + 1)..<max(row + 1, k) { s -= a[row * k + c] * y[c] }
      y[row] = s / a[row * k + row]
    }
    return y.allSatisfy(\.isFinite) ? y : nil
  }
}
