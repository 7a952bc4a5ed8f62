import Glibc

extension FileSystem.Info {
  var isFIFO: Bool { type == UInt32(S_IFIFO) }

  /// Why this file cannot be read as a log, `nil` when it can. Only regular files and FIFOs can:
  /// a character device such as `/dev/zero` or `/dev/urandom` never ends and has no lines, so a
  /// report reading it would never return.
  var refusal: String? {
    switch type {
    case UInt32(S_IFREG), UInt32(S_IFIFO): nil
    case UInt32(S_IFDIR): FileSystem.describe(errno: EISDIR)
    case UInt32(S_IFCHR): "a character device, not a log file"
    case UInt32(S_IFBLK): "a block device, not a log file"
    case UInt32(S_IFSOCK): "a socket, not a log file"
    default: "not a regular file"
    }
  }
}

/// The first bytes of a file, for format detection (`sitrep init`), read the way the follower
/// reads: a FIFO opened without blocking (no writer must not hang), devices refused.
public enum FilePrefix {
  public enum Outcome: Equatable {
    case bytes([UInt8])
    /// Could not be opened or is not a log file; the reason, for the user.
    case refused(String)
  }

  public static func read(path: String, maxBytes: Int) -> Outcome {
    let (descriptor, error) = FileSystem.openForReading(path)
    guard descriptor >= 0 else { return .refused(FileSystem.describe(errno: error)) }
    defer { close(descriptor) }
    guard let info = FileSystem.info(descriptor: descriptor) else {
      return .refused(FileSystem.describe(errno: errno))
    }
    if let why = info.refusal { return .refused(why) }
    var buffer = [UInt8](repeating: 0, count: maxBytes)
    var total = 0
    while total < maxBytes {
      let got = buffer.withUnsafeMutableBytes {
        Glibc.read(descriptor, $0.baseAddress! + total, maxBytes - total)
      }
      if got > 0 {
        total += got
      } else if got < 0 && errno == EINTR {
        continue
      } else {
        // End of file, or a FIFO with nothing to read yet (EAGAIN): what is there is the sample.
        break
      }
    }
    return .bytes(Array(buffer.prefix(total)))
  }
}
