/// Reads logfmt: `key=value key2="quoted \"value\"" flag`.
public enum Logfmt {
  /// The pairs in order, or `nil` when the line is not logfmt (no `key=` at all, or a key made
  /// of characters no logfmt writer emits).
  public static func parse(_ bytes: LineBytes) -> [(key: String, value: String)]? {
    var c = ByteCursor(bytes)
    var pairs: [(key: String, value: String)] = []
    var withValue = 0
    while true {
      c.skipSpaces()
      if c.isAtEnd { break }
      let key = c.read { isKeyByte($0) }
      guard !key.isEmpty else { return nil }
      let name = c.string(key)
      if c.skip(UInt8(ascii: "=")) {
        withValue += 1
        if c.peek == UInt8(ascii: "\"") {
          guard let value = quoted(&c) else { return nil }
          pairs.append((name, value))
        } else {
          let value = c.readToken()
          pairs.append((name, c.string(value)))
        }
      } else {
        // A bare key is a boolean flag in logfmt.
        pairs.append((name, "true"))
      }
      guard c.isAtEnd || c.peek == UInt8(ascii: " ") || c.peek == UInt8(ascii: "\t") else {
        return nil
      }
    }
    return withValue > 0 ? pairs : nil
  }

  private static func isKeyByte(_ b: UInt8) -> Bool {
    ByteClass.isIdentifier(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
      || b == UInt8(ascii: "/") || b == UInt8(ascii: "@")
  }

  /// A quoted value with `\"`, `\\`, `\n`, `\t` escapes undone.
  private static func quoted(_ c: inout ByteCursor) -> String? {
    c.index += 1
    var out: [UInt8] = []
    while let b = c.peek {
      c.index += 1
      if b == UInt8(ascii: "\"") {
        // Not sanitised here: a multi-line value (a traceback) must keep its newlines.
        return String(decoding: out, as: UTF8.self)
      }
      if b == UInt8(ascii: "\\"), let e = c.peek {
        c.index += 1
        switch e {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "t"): out.append(0x09)
        default: out.append(e)
        }
        continue
      }
      out.append(b)
    }
    return nil
  }
}
