#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads input files safely: only regular files (never a FIFO, device, socket or directory, so
/// a read can neither block for ever nor run without end), at most a given number of bytes.
public enum RegularFile {
  /// Why a file could not be read; `reason` completes "cannot read PATH: ...".
  public struct ReadError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot read \(path): \(reason)" }
  }

  /// The contents of the regular file at `path`, refused when larger than `limit` bytes; only
  /// its first `prefix` bytes when given.
  public static func read(_ path: String, limit: Int, prefix: Int? = nil) throws(ReadError)
    -> [UInt8]
  {
    func fail(_ reason: String) -> ReadError { ReadError(path: path, reason: reason) }
    var info = stat()
    guard stat(path, &info) == 0 else { throw fail(FileProblem.describe(errno: errno, path: path)) }
    if let problem = FileProblem.notRegular(mode: info.st_mode) { throw fail(problem) }
    // O_NONBLOCK: should the path be swapped for a FIFO after the check, open does not block.
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw fail(FileProblem.describe(errno: errno, path: path)) }
    defer { close(descriptor) }
    guard fstat(descriptor, &info) == 0 else {
      throw fail(FileProblem.describe(errno: errno, path: path))
    }
    if let problem = FileProblem.notRegular(mode: info.st_mode) { throw fail(problem) }
    if Int(info.st_size) > limit {
      throw fail("it is \(info.st_size) bytes; the limit is \(FileProblem.bytes(limit))")
    }
    // Files under /proc report a size of 0 and still have contents: read to the end, up to
    // one byte past the limit in case the file grows while it is read.
    var contents: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: min(65536, (prefix ?? 65536) + 1))
    let wanted = prefix ?? limit
    while contents.count <= wanted {
      let count = buffer.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw fail(FileProblem.describe(errno: errno, path: path))
      }
      if count == 0 { break }
      contents += buffer[0..<count]
    }
    if let prefix { return Array(contents.prefix(prefix)) }
    guard contents.count <= limit else {
      throw fail("it is larger than the limit of \(FileProblem.bytes(limit))")
    }
    return contents
  }
}

#if canImport(Glibc)
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  private let systemRead = Darwin.read
#endif
