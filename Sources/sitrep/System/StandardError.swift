import Glibc

/// Writes to standard error, unbuffered, for messages beside the answer on standard output.
enum StandardError {
  static func write(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      var written = 0
      while written < bytes.count {
        let got = Glibc.write(STDERR_FILENO, bytes.baseAddress! + written, bytes.count - written)
        if got < 0 && errno == EINTR { continue }
        if got <= 0 { return }  // nowhere left to report a failed report
        written += got
      }
    }
  }
}
