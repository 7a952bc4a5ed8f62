/// A string in double quotes with `"`, `\`, control characters and the invisible characters
/// `TextSanitizer` removes from display (bidi overrides, zero-width characters) escaped: nothing is
/// lost, and printing it cannot reorder or hide text. The same form is valid in JSON (the report)
/// and in a TOML basic string (the starter config).
public enum QuotedString {
  public static func escaped(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        // Hidden characters past U+FFFF (tag characters) have no escape both formats read, and
        // reorder nothing: they stay.
        if u.value <= 0xFFFF, TextSanitizer.isHidden(u.value) {
          let hex = String(u.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }
}
