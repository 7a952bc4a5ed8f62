import Glibc

/// Writes the answer of `report`, `check` and `init` straight to descriptor 1, checking every
/// write: a full disk or a closed pipe is an error with a message, not exit 0 with the answer lost
/// (`report --json >/dev/full` exited 0, since `print` buffers and drops write errors).
enum StandardOutput {
  static func print(_ text: String, terminator: String = "\n") throws {
    let bytes = Array((text + terminator).utf8)
    var written = 0
    while written < bytes.count {
      let n = bytes.withUnsafeBytes {
        Glibc.write(STDOUT_FILENO, $0.baseAddress! + written, $0.count - written)
      }
      if n > 0 {
        written += n
      } else if n < 0 && errno == EINTR {
        continue
      } else {
        let reason = n < 0 ? String(cString: strerror(errno)).lowercased() : "nothing written"
        throw UserFacingError(description: "could not write to standard output: \(reason)")
      }
    }
  }
}
