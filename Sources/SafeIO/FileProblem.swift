#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Plain-words descriptions of what is wrong with a path, for messages that name the path and
/// say what is wrong with it.
public enum FileProblem {
  /// Why a path that exists is not a regular file; nil when it is one.
  public static func notRegular(mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: nil
    case S_IFDIR: "it is a directory"
    case S_IFIFO: "it is a named pipe (FIFO), not a regular file"
    case S_IFSOCK: "it is a socket, not a regular file"
    case S_IFCHR, S_IFBLK: "it is a device, not a regular file"
    default: "it is not a regular file"
    }
  }

  /// What `errno` means for `path`, in words (the folder that is missing, for example).
  public static func describe(errno code: Int32, path: String) -> String {
    switch code {
    case ENOENT:
      let folder = parentFolder(of: path)
      var info = stat()
      if !folder.isEmpty, stat(folder, &info) != 0 {
        return "no such file (the folder \(folder) does not exist)"
      }
      return "no such file"
    case EACCES, EPERM: return "permission denied"
    case ENOTDIR: return "a part of the path is not a folder"
    case ELOOP: return "too many symbolic links (a loop?)"
    case EISDIR: return "it is a directory"
    case EROFS: return "the file system is read-only"
    case ENOSPC: return "no space left on the device"
    case EDQUOT: return "the disk quota is exceeded"
    case EFBIG: return "the file is larger than this process may write"
    case ENAMETOOLONG: return "the path is too long"
    case ENXIO: return "it is a socket or device with nothing behind it, not a regular file"
    default: return String(cString: strerror(code))
    }
  }

  /// The folder part of `path` ("" for a bare name).
  public static func parentFolder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// A byte count as "16777216 bytes (16 MiB)".
  public static func bytes(_ count: Int) -> String {
    count % (1024 * 1024) == 0 ? "\(count) bytes (\(count / (1024 * 1024)) MiB)" : "\(count) bytes"
  }
}
