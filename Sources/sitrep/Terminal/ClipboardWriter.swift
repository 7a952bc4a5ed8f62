import FoundationEssentials
import Glibc

/// Puts text on the terminal's clipboard with OSC 52 (`ESC ] 52 ; c ; BASE64 BEL`), which xterm,
/// kitty, iTerm2, WezTerm, Windows Terminal and tmux (`set-clipboard on`) understand, over SSH
/// too. The text is base64, so log content inside it can never act on the terminal. Written only
/// when the user presses `y`.
enum ClipboardWriter {
  static func sequence(for text: String) -> String {
    "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
  }

  static func copy(_ text: String, to descriptor: Int32 = STDOUT_FILENO) {
    let bytes = Array(sequence(for: text).utf8)
    var written = 0
    while written < bytes.count {
      let n = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return }
      written += n
    }
  }
}
