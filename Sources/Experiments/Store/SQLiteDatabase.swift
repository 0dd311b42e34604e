import CSQLite
import SafeIO

#if canImport(Glibc)
  import Glibc
#endif

/// A SQLite connection through the C API: the only place the project touches SQLite.
///
/// Not thread-safe: one connection belongs to one thread (the sweep's writer, or a report's
/// reader). Errors carry SQLite's message and the database path.
final class SQLiteDatabase {
  let path: String
  private(set) var handle: OpaquePointer?

  init(path: String, readOnly: Bool = false) throws(StoreError) {
    self.path = path
    let flags =
      readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    let status = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
    guard status == SQLITE_OK else {
      var message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      if status == SQLITE_CANTOPEN { message += Self.cannotOpenDetail(path) }
      sqlite3_close(handle)
      handle = nil
      throw .sqlite(path: path, message: message)
    }
    sqlite3_busy_timeout(handle, 5000)
  }

  deinit {
    sqlite3_close_v2(handle)
  }

  /// Why SQLite could not open `path`, in words: its own message says only "unable to open".
  private static func cannotOpenDetail(_ path: String) -> String {
    let folder = FileProblem.parentFolder(of: path)
    let target = folder.isEmpty ? "." : folder
    if access(target, W_OK) != 0 {
      return " (\(target) is not writable: \(FileProblem.describe(errno: errno, path: target)); "
        + "a database in WAL mode needs to write its -shm and -wal files beside it)"
    }
    return ""
  }

  /// Runs one or more statements that return no rows.
  func execute(_ sql: String) throws(StoreError) {
    var message: UnsafeMutablePointer<CChar>?
    if sqlite3_exec(handle, sql, nil, nil, &message) != SQLITE_OK {
      let text = message.map { String(cString: $0) } ?? "unknown error"
      sqlite3_free(message)
      throw .sqlite(path: path, message: text)
    }
  }

  func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
      throw .sqlite(path: path, message: lastError)
    }
    return SQLiteStatement(database: self, statement: statement)
  }

  var lastError: String { String(cString: sqlite3_errmsg(handle)) }
}

/// A prepared statement; bind by 1-based index, step, read columns by 0-based index.
final class SQLiteStatement {
  unowned let database: SQLiteDatabase
  let statement: OpaquePointer

  init(database: SQLiteDatabase, statement: OpaquePointer) {
    self.database = database
    self.statement = statement
  }

  deinit {
    sqlite3_finalize(statement)
  }

  /// SQLITE_TRANSIENT: SQLite copies bound text before the call returns.
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  func bind(_ index: Int32, _ value: Int) {
    sqlite3_bind_int64(statement, index, Int64(value))
  }

  func bind(_ index: Int32, _ value: Double) {
    if value.isNaN {
      sqlite3_bind_null(statement, index)
    } else {
      sqlite3_bind_double(statement, index, value)
    }
  }

  func bind(_ index: Int32, _ value: String?) {
    if let value {
      // withCString reads a native string in place (a short one from a copy on the stack); the
      // implicit String-to-pointer conversion allocated an array for every short string.
      value.withCString { text in
        _ = sqlite3_bind_text(statement, index, text, -1, Self.transient)
      }
    } else {
      sqlite3_bind_null(statement, index)
    }
  }

  /// Binds `bytes` (UTF-8) as text without copying: the caller keeps them alive and unchanged
  /// until the statement has run or been reset.
  func bindUnretained(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return bind(index, "") }
    let text = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
    // A nil destructor is SQLITE_STATIC: SQLite reads the bytes where they are.
    _ = sqlite3_bind_text(statement, index, text, Int32(bytes.count), nil)
  }

  /// Steps once; true when a row is available, false when done.
  @discardableResult
  func step() throws(StoreError) -> Bool {
    switch sqlite3_step(statement) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw .sqlite(path: database.path, message: database.lastError)
    }
  }

  /// Runs a non-query statement once and resets it for the next bindings.
  func run() throws(StoreError) {
    defer { reset() }
    try step()
  }

  func reset() {
    sqlite3_reset(statement)
    sqlite3_clear_bindings(statement)
  }

  func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

  func double(_ column: Int32) -> Double {
    sqlite3_column_type(statement, column) == SQLITE_NULL
      ? .nan : sqlite3_column_double(statement, column)
  }

  var columnCount: Int32 { sqlite3_column_count(statement) }

  /// The UTF-8 bytes of a text column without making a String; valid until the next step or
  /// reset. Empty for NULL.
  func textBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
    let text = sqlite3_column_text(statement, column)
    let count = Int(sqlite3_column_bytes(statement, column))
    return UnsafeBufferPointer(start: text, count: text == nil ? 0 : count)
  }

  func string(_ column: Int32) -> String? {
    guard let text = sqlite3_column_text(statement, column) else { return nil }
    return String(cString: text)
  }
}
