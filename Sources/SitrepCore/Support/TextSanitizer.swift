/// Makes untrusted log text safe to draw on a terminal.
///
/// Log lines are written by programs we do not control and may carry escape sequences that would
/// move the cursor, retitle the window or answer back to the terminal (`ESC [ 6 n`). Everything a
/// terminal would interpret is removed; invalid UTF-8 becomes U+FFFD so the width stays predictable.
public enum TextSanitizer {
  /// Safe display text for raw line bytes.
  public static func display(_ bytes: LineBytes) -> String {
    if isPlainASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
    let stripped = stripEscapes(bytes, dropControls: true)
    // Decoding repairs invalid UTF-8 (U+FFFD) after the byte pass removed escapes and controls.
    return String(decoding: stripped, as: UTF8.self)
  }

  /// Safe display text for a string that may hold escape sequences or control characters.
  public static func display(_ s: String) -> String {
    var copy = s
    // Plain text is returned as it is: no new string for the common case.
    if copy.withUTF8({ isPlainASCII($0) }) { return copy }
    return copy.withUTF8 { display($0) }
  }

  /// True when every byte is printable ASCII (space ... `~`): such text needs no work at all.
  /// This is the common case on the hot path, so it is checked first.
  @inline(__always)
  public static func isPlainASCII(_ bytes: LineBytes) -> Bool {
    for b in bytes where b < 0x20 || b > 0x7E { return false }
    return true
  }

  /// Removes ANSI escape sequences (CSI, OSC and two-byte ESC sequences) and keeps every other byte.
  /// Parsers reading coloured output (uvicorn) use this before looking at the text.
  public static func stripANSI(_ bytes: LineBytes) -> [UInt8] {
    stripEscapes(bytes, dropControls: false)
  }

  private static let esc: UInt8 = 0x1B
  private static let bel: UInt8 = 0x07

  /// One pass over the bytes. With `dropControls`, C0 controls and DEL are removed (TAB becomes a
  /// space) and so are C1 controls, which UTF-8 encodes as `C2 80` ... `C2 9F`.
  private static func stripEscapes(_ bytes: LineBytes, dropControls: Bool) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      guard b == esc else {
        i += 1
        guard dropControls else {
          out.append(b)
          continue
        }
        if b == 0x09 {
          out.append(0x20)
        } else if b == 0xC2, i < n, (0x80...0x9F).contains(bytes[i]) {
          i += 1
        } else if b >= 0x20, b != 0x7F {
          out.append(b)
        }
        continue
      }
      i += 1
      guard i < n else { break }
      let kind = bytes[i]
      i += 1
      switch kind {
      case UInt8(ascii: "["):
        // CSI: parameter and intermediate bytes (0x20...0x3F), then one final byte (0x40...0x7E).
        while i < n, (0x20...0x3F).contains(bytes[i]) { i += 1 }
        if i < n, (0x40...0x7E).contains(bytes[i]) { i += 1 }
      case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"):
        // OSC / DCS / APC / PM: a string ended by BEL or ST (ESC \).
        while i < n {
          if bytes[i] == bel {
            i += 1
            break
          }
          if bytes[i] == esc, i + 1 < n, bytes[i + 1] == UInt8(ascii: "\\") {
            i += 2
            break
          }
          i += 1
        }
      case 0x20...0x2F:
        // nF sequences (charset selection `ESC ( B`): intermediates then one final byte.
        while i < n, (0x20...0x2F).contains(bytes[i]) { i += 1 }
        if i < n { i += 1 }
      default:
        // Two-byte sequences (`ESC c`, `ESC 7`): the byte after ESC is consumed.
        break
      }
    }
    return out
  }
}
