/// Makes untrusted text safe to print on a terminal or on one line of output: the one sanitiser
/// for log lines, file names, exception messages and anything else sitrep did not write itself.
///
/// Log lines and file names are written by programs we do not control and may carry escape
/// sequences that would move the cursor, retitle the window or answer back to the terminal
/// (`ESC [ 6 n`), or bidi overrides that make text read backwards. Every such sequence is removed
/// whole, as are other controls and invisible format characters; invalid UTF-8 becomes U+FFFD so
/// the width stays predictable. The bytes are decoded before anything is removed, so removing a
/// byte can never join its neighbours into a new character (`C2 01 9B` must not become the C1
/// CSI `C2 9B`).
public enum TextSanitizer {
  /// Safe display text for raw line bytes.
  public static func display(_ bytes: LineBytes) -> String {
    if isPlainASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
    // Decoding repairs invalid UTF-8 (U+FFFD) before any scalar is looked at or removed.
    return cleaned(String(decoding: bytes, as: UTF8.self))
  }

  /// Safe display text for a string that may hold escape sequences or control characters.
  public static func display(_ s: String) -> String {
    var copy = s
    // Plain text is returned as it is: no new string for the common case.
    if copy.withUTF8({ isPlainASCII($0) }) { return copy }
    return cleaned(s)
  }

  /// Safe text for a message of several lines (a config error and its fix): each line cleaned
  /// like `display`, the line breaks kept.
  public static func displayLines(_ s: String) -> String {
    guard s.contains("\n") else { return display(s) }
    return s.split(separator: "\n", omittingEmptySubsequences: false).map { display(String($0)) }
      .joined(separator: "\n")
  }

  /// Safe text for one field of the `check` line, whose `|` starts Nagios performance data: a `|`
  /// in a file name or an exception message would otherwise add fake perfdata.
  public static func checkText(_ s: String) -> String {
    let text = display(s)
    guard text.utf8.contains(UInt8(ascii: "|")) else { return text }
    return text.replacing("|", with: "/")
  }

  /// True when every byte is printable ASCII (space ... `~`): such text needs no work at all.
  /// This is the common case on the hot path, so it is checked first.
  @inline(__always)
  public static func isPlainASCII(_ bytes: LineBytes) -> Bool {
    for b in bytes where b < 0x20 || b > 0x7E { return false }
    return true
  }

  /// Removes ANSI escape sequences (CSI, OSC and two-byte ESC sequences) and keeps every other byte.
  /// Parsers reading coloured output (uvicorn) use this before looking at the text; what they keep
  /// goes through `display` before it is shown.
  public static func stripANSI(_ bytes: LineBytes) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    let n = bytes.count
    while i < n {
      if bytes[i] == 0x1B {
        i = endOfEscape(n, at: i + 1, c1: false) { bytes[$0] }
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  /// The text with escape sequences, controls (TAB becomes a space) and invisible format
  /// characters removed, working on whole scalars.
  private static func cleaned(_ text: String) -> String {
    // Most non-ASCII text (accents, CJK, emoji) has nothing to remove: one pass, no copy.
    guard text.unicodeScalars.contains(where: { isHidden($0.value) }) else { return text }
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    let n = scalars.count
    while i < n {
      let v = scalars[i].value
      switch v {
      case 0x1B:
        i = endOfEscape(n, at: i + 1, c1: true) { byte(scalars[$0]) }
        continue
      case 0x9B:
        // C1 CSI: the same parameters and final character as `ESC [`.
        i = endOfCSI(n, at: i + 1) { byte(scalars[$0]) }
        continue
      case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
        // C1 DCS, SOS, OSC, PM, APC: a string up to BEL or ST.
        i = endOfString(n, at: i + 1, c1: true) { byte(scalars[$0]) }
        continue
      case 0x09:
        out.append(" ")
      default:
        if !isHidden(v) { out.append(scalars[i]) }
      }
      i += 1
    }
    return String(out)
  }

  /// Controls (C0, DEL, C1) and the invisible format characters that reorder or hide text: bidi
  /// embeddings, overrides, isolates and marks, zero-width characters, the BOM, tag characters.
  /// `QuotedString` escapes the same characters in JSON and TOML, and the canvas skips them.
  @inline(__always)
  public static func isHidden(_ v: UInt32) -> Bool {
    switch v {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x00AD, 0x061C, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064,
      0x2066...0x206F, 0xFEFF, 0xFFF9...0xFFFB, 0xE0000...0xE007F:
      true
    default: false
    }
  }

  private static let esc: UInt8 = 0x1B
  private static let bel: UInt8 = 0x07
  /// ST as a C1 character, U+009C. Only a scalar can be one: as a raw byte 0x9C is part of some
  /// other character.
  private static let st: UInt8 = 0x9C

  /// A scalar as the byte the sequence rules compare; anything past Latin-1 is no part of a
  /// sequence and reads as 0xFF.
  @inline(__always)
  private static func byte(_ s: Unicode.Scalar) -> UInt8 { UInt8(min(s.value, 0xFF)) }

  /// Where the escape sequence whose ESC came just before `start` ends; `at(k)` is element k as a
  /// byte (so one set of rules covers raw bytes and decoded scalars); `c1`: the elements are
  /// scalars, where U+009C is ST.
  private static func endOfEscape(_ n: Int, at start: Int, c1: Bool, _ at: (Int) -> UInt8) -> Int {
    var i = start
    guard i < n else { return n }
    let kind = at(i)
    i += 1
    switch kind {
    case UInt8(ascii: "["):
      return endOfCSI(n, at: i, at)
    case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"),
      UInt8(ascii: "X"):
      return endOfString(n, at: i, c1: c1, at)
    case 0x20...0x2F:
      // nF sequences (charset selection `ESC ( B`): intermediates then one final byte.
      while i < n, (0x20...0x2F).contains(at(i)) { i += 1 }
      return i < n ? i + 1 : n
    default:
      // Two-byte sequences (`ESC c`, `ESC 7`): the byte after ESC is consumed.
      return i
    }
  }

  /// CSI: parameter and intermediate bytes (0x20...0x3F), then one final byte (0x40...0x7E).
  private static func endOfCSI(_ n: Int, at start: Int, _ at: (Int) -> UInt8) -> Int {
    var i = start
    while i < n, (0x20...0x3F).contains(at(i)) { i += 1 }
    if i < n, (0x40...0x7E).contains(at(i)) { i += 1 }
    return i
  }

  /// OSC / DCS / APC / PM / SOS: a string ended by BEL or ST (`ESC \` or the C1 ST).
  private static func endOfString(_ n: Int, at start: Int, c1: Bool, _ at: (Int) -> UInt8)
    -> Int
  {
    var i = start
    while i < n {
      let b = at(i)
      if b == bel || (c1 && b == st) { return i + 1 }
      if b == esc, i + 1 < n, at(i + 1) == UInt8(ascii: "\\") { return i + 2 }
      i += 1
    }
    return n
  }
}
