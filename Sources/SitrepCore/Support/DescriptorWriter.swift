import Glibc

/// Writes all of a buffer to a descriptor, the one loop behind the demo's files, standard output
/// and standard error: short writes continue, EINTR retries, and a failure is returned (errno),
/// never ignored.
public enum DescriptorWriter {
  /// `nil` when every byte went out, else the errno of the write that failed (`ENOSPC`, `EPIPE`;
  /// `EIO` for a write that took nothing).
  public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard let base = bytes.baseAddress else { return nil }
    var written = 0
    while written < bytes.count {
      let n = Glibc.write(descriptor, base + written, bytes.count - written)
      if n > 0 {
        written += n
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        return n < 0 ? errno : EIO
      }
    }
    return nil
  }

  /// The same for a string's UTF-8.
  public static func writeAll(_ descriptor: Int32, _ text: String) -> Int32? {
    var text = text
    return text.withUTF8 { writeAll(descriptor, UnsafeRawBufferPointer($0)) }
  }
}
