import SafeIO

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Checks on a database path made before SQLite opens it, so that gpumarket refuses a file that is
/// not its own (or cannot be used) before writing anything, with a message that names the path
/// and says what is wrong with it.
enum DatabaseFile {
  /// The 16 bytes every SQLite database file starts with.
  static let header = Array("SQLite format 3\0".utf8)

  /// What a database path holds now.
  enum State {
    /// Nothing: the database will be created (and removed again if the command fails).
    case missing
    /// An empty file, or an SQLite database with no tables: nothing to damage.
    case empty
    /// A gpumarket results database (it has a plan table).
    case ours
  }

  /// Refuses `path` as a database to write unless it is missing in a writable folder, empty, or a
  /// gpumarket database; never a directory, FIFO, device, another program's SQLite database or a
  /// file that is not SQLite at all.
  static func checkWritable(_ path: String) throws(StoreError) -> State {
    let exists = try checkType(path)
    let folder = FileProblem.parentFolder(of: path)
    // SQLite writes a journal beside the file, so the folder must be writable too.
    let target = folder.isEmpty ? "." : folder
    if access(target, W_OK) != 0 {
      throw .unusable(
        path: path,
        reason: "cannot write in \(target): \(FileProblem.describe(errno: errno, path: target))")
    }
    if exists, access(path, W_OK) != 0 {
      throw .unusable(
        path: path, reason: "cannot write it: \(FileProblem.describe(errno: errno, path: path))")
    }
    return exists ? try inspectContents(path) : .missing
  }

  /// Refuses `path` as a database to read unless it is a gpumarket database.
  static func checkReadable(_ path: String) throws(StoreError) {
    guard try checkType(path) else { throw .unusable(path: path, reason: "no such file") }
    let state: State
    do {
      state = try inspectContents(path)
    } catch .foreignDatabase {
      throw .notASweepDatabase(path: path)
    }
    switch state {
    case .missing: throw .unusable(path: path, reason: "no such file")
    case .empty: throw .notASweepDatabase(path: path)
    case .ours: return
    }
  }

  /// Whether `path` exists as a regular file (false when it is missing in an existing folder);
  /// refuses directories, FIFOs, devices, sockets and a missing folder.
  static func checkType(_ path: String) throws(StoreError) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0 else {
      let code = errno
      guard code == ENOENT else {
        throw .unusable(path: path, reason: FileProblem.describe(errno: code, path: path))
      }
      let folder = FileProblem.parentFolder(of: path)
      var folderInfo = stat()
      if !folder.isEmpty, stat(folder, &folderInfo) != 0 || (folderInfo.st_mode & S_IFMT) != S_IFDIR
      {
        throw .unusable(path: path, reason: "the folder \(folder) does not exist")
      }
      return false
    }
    if let problem = FileProblem.notRegular(mode: info.st_mode) {
      throw .unusable(path: path, reason: problem)
    }
    return true
  }

  /// What the regular file at `path` holds, refusing everything that is neither empty nor ours.
  static func inspectContents(_ path: String) throws(StoreError) -> State {
    var info = stat()
    if stat(path, &info) == 0, info.st_size == 0 { return .empty }
    let start: [UInt8]
    do {
      start = try RegularFile.read(path, limit: Int.max, prefix: header.count)
    } catch {
      throw .unusable(path: path, reason: error.reason)
    }
    guard start == header else {
      throw .unusable(
        path: path,
        reason: "it is not an SQLite database (gpumarket would overwrite it); use another path")
    }
    let database = try SQLiteDatabase(path: path, readOnly: true)
    let query = try database.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    var tables: [String] = []
    while try query.step() { tables.append(query.string(0) ?? "") }
    if tables.isEmpty { return .empty }
    guard tables.contains("plan"), tables.contains("runs") else {
      throw .foreignDatabase(path: path, tables: tables)
    }
    return .ours
  }

  /// Removes a database this command created, with its journal files, after a failure.
  static func remove(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
  }
}

/// An exclusive lock on a database file that every other gpumarket process sees (flock(2) on the
/// file itself): one sweep or merge writes a database at a time. Released when deallocated.
final class DatabaseLock {
  private let descriptor: Int32

  /// Locks `path` (which must exist), or throws ``StoreError/inUse(path:)`` at once.
  init(path: String) throws(StoreError) {
    descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .unusable(path: path, reason: FileProblem.describe(errno: errno, path: path))
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let code = errno
      close(descriptor)
      if code == EWOULDBLOCK { throw .inUse(path: path) }
      throw .unusable(path: path, reason: FileProblem.describe(errno: code, path: path))
    }
  }

  deinit { close(descriptor) }

  /// Creates `path` if it does not exist yet; true when this call created it.
  static func createIfMissing(_ path: String) throws(StoreError) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if descriptor >= 0 {
      close(descriptor)
      return true
    }
    if errno == EEXIST { return false }
    throw .unusable(
      path: path, reason: "cannot create it: \(FileProblem.describe(errno: errno, path: path))")
  }
}
