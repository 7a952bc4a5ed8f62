import Glibc
import SitrepCore

/// Writes the answer of `report`, `check` and `init` straight to descriptor 1, checking every
/// write: a full disk or a closed pipe is an error with a message, not exit 0 with the answer lost
/// (`report --json >/dev/full` exited 0, since `print` buffers and drops write errors).
enum StandardOutput {
  static func print(_ text: String, terminator: String = "\n") throws {
    if let code = DescriptorWriter.writeAll(STDOUT_FILENO, text + terminator) {
      let reason = String(cString: strerror(code)).lowercased()
      throw UserFacingError(description: "could not write to standard output: \(reason)")
    }
  }

}
