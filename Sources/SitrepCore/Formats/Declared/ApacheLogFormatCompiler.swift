/// Compiles an Apache `LogFormat` string (`%h %l %u %t \"%r\" %>s %b`), with `\"` written as in
/// httpd.conf; the whole `LogFormat "..." nickname` line is accepted too.
enum ApacheLogFormatCompiler {
  /// Directive letters and what they mean without an argument.
  static let directives: [Character: (FieldMeaning, FieldShape)] = [
    "h": (.client, .text), "a": (.client, .text), "l": (.ignored, .text), "u": (.ignored, .text),
    "r": (.request, .text), "m": (.method, .text), "U": (.path, .text), "q": (.ignored, .text),
    "H": (.ignored, .text), "s": (.status, .integer), "b": (.bytes, .integer),
    "B": (.bytes, .integer), "D": (.duration(.microseconds), .integer),
    "T": (.duration(.seconds), .integer), "v": (.ignored, .text), "V": (.ignored, .text),
    "p": (.ignored, .integer), "P": (.ignored, .text), "I": (.ignored, .integer),
    "O": (.ignored, .integer), "S": (.ignored, .integer), "X": (.ignored, .text),
    "k": (.ignored, .integer), "L": (.ignored, .text), "A": (.ignored, .text),
    "f": (.ignored, .text), "R": (.ignored, .text),
  ]

  static func compile(_ definition: String) throws(DeclaredFormatError) -> FieldPattern {
    let text = try formatString(definition)
    var pieces: [DeclaredPiece] = []
    var literal = ""
    var chars = Array(text)[...]
    func flush() {
      if !literal.isEmpty { pieces.append(.literal(literal)) }
      literal = ""
    }
    while let ch = chars.popFirst() {
      guard ch == "%" else {
        literal.append(ch)
        continue
      }
      var written = "%"
      // `%>s`, `%<s`, `%400,501{User-agent}i`, `%!200r`: modifiers that do not change reading.
      while let c = chars.first, c == "<" || c == ">" || c == "!" || c == "," || c.isNumber {
        written.append(chars.removeFirst())
      }
      var argument: String?
      if chars.first == "{" {
        chars.removeFirst()
        var arg = ""
        while let c = chars.first, c != "}" { arg.append(chars.removeFirst()) }
        guard chars.popFirst() == "}" else {
          throw DeclaredFormatError(
            "unclosed %{\(arg) in the Apache LogFormat", fix: "close it: %{\(arg)}i")
        }
        argument = arg
        written += "{\(arg)}"
      }
      guard let letter = chars.popFirst() else {
        throw DeclaredFormatError(
          "the Apache LogFormat ends with a lone \(written)", fix: "write %% for a percent sign")
      }
      written.append(letter)
      if letter == "^" {
        // `%{name}^ti` / `%{name}^to`: a request or response trailer.
        for _ in 0..<2 { if let c = chars.popFirst() { written.append(c) } }
      }
      if letter == "%" {
        literal.append("%")
        continue
      }
      flush()
      pieces += try field(letter, argument: argument, written: written)
    }
    flush()
    let pattern = FieldPattern(pieces)
    guard pattern.meanings.contains(.status) else {
      throw DeclaredFormatError(
        "an access format needs %>s (or %s)",
        fix: "add %>s to the LogFormat (sitrep counts errors by it)")
    }
    return pattern
  }

  private static func field(_ letter: Character, argument: String?, written: String)
    throws(DeclaredFormatError) -> [DeclaredPiece]
  {
    switch (letter, argument) {
    case ("t", nil):
      // `[10/Oct/2026:13:55:36 -0700]`: Apache writes the brackets itself.
      return [
        .literal("["), .field(DeclaredField(.time, .time(.clf), name: written)), .literal("]"),
      ]
    case ("t", let format?):
      var f = Substring(format)
      if f.hasPrefix("begin:") {
        f = f.dropFirst(6)
      } else if f.hasPrefix("end:") {
        f = f.dropFirst(4)
      }
      switch f {
      case "sec", "msec", "usec":
        return [.field(DeclaredField(.time, .time(.epochSeconds), name: written))]
      case "msec_frac", "usec_frac":
        return [.field(DeclaredField(.ignored, .integer, name: written))]
      default:
        let pattern = try StrftimePattern(String(f))
        return [.field(DeclaredField(.time, .time(.strftime(pattern)), name: written))]
      }
    case ("T", let unit?):
      switch unit {
      case "ms": return [.field(DeclaredField(.duration(.milliseconds), .integer, name: written))]
      case "us": return [.field(DeclaredField(.duration(.microseconds), .integer, name: written))]
      case "s": return [.field(DeclaredField(.duration(.seconds), .integer, name: written))]
      default:
        throw DeclaredFormatError(
          "\(written) is not an Apache duration unit", fix: "use %{ms}T, %{us}T or %{s}T")
      }
    case ("i", let header?):
      switch header.lowercased() {
      case "referer": return [.field(DeclaredField(.referer, .text, name: written))]
      case "user-agent": return [.field(DeclaredField(.userAgent, .text, name: written))]
      default: return [.field(DeclaredField(.ignored, .text, name: written))]
      }
    case ("o", _?), ("e", _?), ("n", _?), ("C", _?), ("x", _?), ("^", _?):
      return [.field(DeclaredField(.ignored, .text, name: written))]
    default:
      guard let (meaning, shape) = directives[letter] else {
        let known = directives.keys.map { "%\($0)" }.sorted().joined(separator: " ")
        throw DeclaredFormatError(
          "unknown Apache directive \(written)",
          fix: "use one of \(known), %{Header}i, %{Header}o, %{format}t or %%")
      }
      return [.field(DeclaredField(meaning, shape, name: written))]
    }
  }

  /// The format string: `LogFormat "..." nick` unwrapped; `\"` and `\\` as httpd.conf reads them.
  static func formatString(_ definition: String) throws(DeclaredFormatError) -> String {
    var rest = definition.trimmingSpacesAndNewlines
    if rest.hasPrefix("LogFormat") || rest.hasPrefix("CustomLog") {
      let directive = rest.prefix(9)
      rest = rest.dropFirst(9)
      while let c = rest.first, c.isWhitespace { rest.removeFirst() }
      if directive == "CustomLog" {
        // `CustomLog logs/access_log "..."`: the file, then the format.
        while let c = rest.first, !c.isWhitespace { rest.removeFirst() }
        while let c = rest.first, c.isWhitespace { rest.removeFirst() }
      }
      guard rest.first == "\"" else {
        throw DeclaredFormatError(
          "\(directive) without a quoted format",
          fix: "write LogFormat \"%h %l %u %t \\\"%r\\\" %>s %b\" common")
      }
      rest.removeFirst()
      var text = ""
      var closed = false
      while let c = rest.popFirst() {
        if c == "\\", let next = rest.popFirst() {
          text.append(contentsOf: unescape(next))
        } else if c == "\"" {
          closed = true
          break
        } else {
          text.append(c)
        }
      }
      guard closed else {
        throw DeclaredFormatError(
          "unbalanced quote in the Apache LogFormat",
          fix: "close the format with a \" before its nickname")
      }
      return text
    }
    var text = ""
    var chars = rest
    while let c = chars.popFirst() {
      if c == "\\", let next = chars.popFirst() {
        text.append(contentsOf: unescape(next))
      } else {
        text.append(c)
      }
    }
    return text
  }

  private static func unescape(_ c: Character) -> String {
    switch c {
    case "n": "\n"
    case "t": "\t"
    case "\"", "\\": String(c)
    default: "\\" + String(c)
    }
  }
}
