import Glibc

/// Thin, allocation-light wrappers over the POSIX calls the follower needs.
enum FileSystem {
  /// Identity and shape of a file as `stat`/`fstat` see it.
  struct Info: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modifiedNanoseconds: Int64
    var linkCount: Int
    var isDirectory: Bool
    var isRegular: Bool
    /// The `S_IFMT` bits of `st_mode`: regular file, FIFO, device, ... (see `FileKind.swift`).
    var type: UInt32

    init(_ raw: stat) {
      device = UInt64(raw.st_dev)
      inode = UInt64(raw.st_ino)
      size = Int(clamping: raw.st_size)
      modifiedNanoseconds =
        Int64(raw.st_mtim.tv_sec).multipliedReportingOverflow(by: 1_000_000_000).partialValue
        &+ Int64(raw.st_mtim.tv_nsec)
      linkCount = Int(clamping: raw.st_nlink)
      type = UInt32(raw.st_mode & 0o170000)
      isDirectory = type == 0o040000
      isRegular = type == 0o100000
    }

    func sameFile(as other: Info) -> Bool { device == other.device && inode == other.inode }
    var modifiedSeconds: Double { Double(modifiedNanoseconds) / 1e9 }
  }

  enum StatResult {
    case found(Info)
    case failed(Int32)
  }

  static func info(path: String) -> StatResult {
    var raw = stat()
    if stat(path, &raw) == 0 { return .found(Info(raw)) }
    return .failed(errno)
  }

  static func info(descriptor: Int32) -> Info? {
    var raw = stat()
    if fstat(descriptor, &raw) == 0 { return Info(raw) }
    return nil
  }

  /// Opens read-only. Returns the descriptor or the errno.
  static func openForReading(_ path: String) -> (descriptor: Int32, error: Int32) {
    while true {
      let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
      if descriptor >= 0 { return (descriptor, 0) }
      if errno != EINTR { return (-1, errno) }
    }
  }

  static func describe(errno code: Int32) -> String {
    switch code {
    case EACCES, EPERM: return "permission denied"
    case EISDIR: return "is a directory"
    default:
      guard let text = strerror(code) else { return "error \(code)" }
      return String(cString: text).lowercased()
    }
  }

  /// Expands a glob(3) pattern, sorted. No match (or an unreadable directory) gives `[]`.
  static func glob(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
    var paths: [String] = []
    paths.reserveCapacity(Int(result.gl_pathc))
    for index in 0..<Int(result.gl_pathc) {
      if let entry = result.gl_pathv[index] { paths.append(String(cString: entry)) }
    }
    return paths
  }

  /// Makes a literal path safe to use as the start of a glob pattern.
  static func escapeForGlob(_ path: String) -> String {
    var escaped = ""
    for character in path {
      if "*?[]\\".contains(character) { escaped.append("\\") }
      escaped.append(character)
    }
    return escaped
  }

  static func splitPath(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = String(path[..<slash])
    return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
  }

  /// `pread` until `count` bytes or end of file; returns how many were read.
  static func readFully(
    _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int
  ) -> Int {
    guard let base = buffer.baseAddress else { return 0 }
    var total = 0
    while total < buffer.count {
      let got = pread(descriptor, base + total, buffer.count - total, off_t(offset + total))
      if got > 0 {
        total += got
      } else if got < 0 && errno == EINTR {
        continue
      } else {
        break
      }
    }
    return total
  }
}
