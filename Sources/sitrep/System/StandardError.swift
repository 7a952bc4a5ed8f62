import Glibc
import SitrepCore

/// Writes to standard error, unbuffered, for messages beside the answer on standard output.
enum StandardError {
  static func write(_ text: String) {
    // Nowhere is left to report a message that could not be written.
    _ = DescriptorWriter.writeAll(STDERR_FILENO, text)
  }
}
