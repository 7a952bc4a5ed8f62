/// Quoting for the one shell sitrep cannot avoid: the remote login shell ssh hands its command
/// to. A word of letters, digits and `_./-:=@+,` only is left bare (easier to read in the
/// sources view); any other is single-quoted (a `'` inside becomes `'\''`), which POSIX shells,
/// bash, zsh and dash read back as exactly the bytes given, whatever they are.
public enum ShellQuote {
  public static func word(_ text: String) -> String {
    // zsh expands a word that starts with `=` (`=ls` is ls's path): that one is quoted.
    if !text.isEmpty && !text.hasPrefix("=") && text.utf8.allSatisfy(isPlain) { return text }
    return "'" + text.replacing("'", with: #"'\''"#) + "'"
  }

  /// Bytes no shell gives a meaning to anywhere in a word: left bare for readability.
  private static func isPlain(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      true
    case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "-"),
      UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "+"),
      UInt8(ascii: ","):
      true
    default: false
    }
  }

  public static func words(_ words: [String]) -> String {
    words.map(word).joined(separator: " ")
  }

  /// A glob pattern for the remote shell to expand: the literal runs are quoted and only `*`,
  /// `?` and bracket expressions are left bare, so a space, `$` or `;` in a directory name is
  /// never read as shell syntax.
  public static func glob(_ pattern: String) -> String {
    var out = ""
    var literal = ""
    func flush() {
      if !literal.isEmpty { out += word(literal) }
      literal = ""
    }
    var chars = Array(pattern)[...]
    while let c = chars.popFirst() {
      if c == "*" || c == "?" {
        flush()
        out.append(c)
      } else if c == "[", let close = chars.firstIndex(of: "]"), close > chars.startIndex {
        // A bracket expression; its inside may not hold quotes or shell syntax.
        let inside = chars[chars.startIndex..<close]
        if inside.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "!" || $0 == "^" })
        {
          flush()
          out += "[" + String(inside) + "]"
          chars = chars[(close + 1)...]
        } else {
          literal.append(c)
        }
      } else {
        literal.append(c)
      }
    }
    flush()
    return out
  }
}
