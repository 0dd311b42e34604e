#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a set of files so that a failure leaves every one of them as it was: each is written
/// in full to a temporary file beside it and flushed; only when all are written are they renamed
/// over their targets (rename(2) is atomic). On any failure every temporary file is removed.
public enum AtomicFiles {
  /// Why the files could not be written; names the file and what went wrong.
  public struct WriteError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(path): \(reason)" }
  }

  /// Writes `files` (path and contents), all or none.
  public static func write(_ files: [(path: String, contents: [UInt8])]) throws(WriteError) {
    // A target that is a directory (or a FIFO, ...) would fail its rename after others succeeded.
    for (path, _) in files {
      var info = stat()
      if stat(path, &info) == 0, let problem = FileProblem.notRegular(mode: info.st_mode) {
        throw WriteError(path: path, reason: problem)
      }
    }
    var written: [(temporary: String, target: String)] = []
    func discard() { for file in written { unlink(file.temporary) } }
    for (path, contents) in files {
      let temporary = temporaryPath(for: path)
      do throws(WriteError) {
        try writeFlushed(contents, to: temporary, naming: path)
      } catch {
        unlink(temporary)
        discard()
        throw error
      }
      written.append((temporary, path))
    }
    for (index, file) in written.enumerated() where rename(file.temporary, file.target) != 0 {
      let reason = FileProblem.describe(errno: errno, path: file.target)
      for later in written[index...] { unlink(later.temporary) }
      throw WriteError(path: file.target, reason: reason)
    }
  }

  /// Creates the folder `path` and any missing parents (like `mkdir -p`); refuses a path that
  /// exists and is not a folder.
  /// Returns the folders it created, deepest last, for ``removeFolders(_:)`` after a failure.
  @discardableResult
  public static func createFolder(_ path: String) throws(WriteError) -> [String] {
    guard !path.isEmpty else { return [] }
    var info = stat()
    if stat(path, &info) == 0 {
      guard info.st_mode & S_IFMT == S_IFDIR else {
        throw WriteError(path: path, reason: "it exists and is not a directory")
      }
      return []
    }
    let parent = FileProblem.parentFolder(of: path)
    var created: [String] = []
    if !parent.isEmpty, parent != path { created = try createFolder(parent) }
    guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
      let reason = FileProblem.describe(errno: errno, path: path)
      removeFolders(created)
      throw WriteError(path: path, reason: "cannot create it: \(reason)")
    }
    return created + [path]
  }

  /// Removes folders made by ``createFolder(_:)`` (deepest first; only while they are empty).
  public static func removeFolders(_ folders: [String]) {
    for folder in folders.reversed() { rmdir(folder) }
  }

  /// `.NAME.partial` beside `path`.
  static func temporaryPath(for path: String) -> String {
    let folder = FileProblem.parentFolder(of: path)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return (folder.isEmpty ? "" : folder == "/" ? "/" : folder + "/") + "." + name + ".partial"
  }

  private static func writeFlushed(_ contents: [UInt8], to temporary: String, naming path: String)
    throws(WriteError)
  {
    func fail(_ code: Int32) -> WriteError {
      WriteError(path: path, reason: FileProblem.describe(errno: code, path: path))
    }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw fail(errno) }
    var offset = 0
    while offset < contents.count {
      let count = contents.withUnsafeBytes { bytes in
        systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      }
      if count < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(descriptor)
        throw fail(code)
      }
      offset += count
    }
    guard fsync(descriptor) == 0 else {
      let code = errno
      close(descriptor)
      throw fail(code)
    }
    guard close(descriptor) == 0 else { throw fail(errno) }
  }
}

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  private let systemWrite = Darwin.write
#endif
