/// Compiles a Python `logging` format string in any of its three styles, `%(levelname)s`,
/// `{levelname}` and `${levelname}`, with an optional `datefmt` for `asctime`.
enum PythonLoggingFormatCompiler {
  enum Style { case percent, brace, dollar }

  /// LogRecord attributes and what they mean; asctime and created are the time.
  static let attributes: [String: (FieldMeaning, FieldShape)] = [
    "name": (.logger, .text), "levelname": (.level, .text), "levelno": (.levelNumber, .integer),
    "message": (.message, .text), "module": (.ignored, .text), "funcName": (.ignored, .text),
    "lineno": (.ignored, .integer), "process": (.ignored, .integer),
    "processName": (.ignored, .text), "thread": (.ignored, .integer),
    "threadName": (.ignored, .text), "pathname": (.ignored, .text), "filename": (.ignored, .text),
    "created": (.time, .time(.epochSeconds)), "msecs": (.msecs, .decimal),
    "relativeCreated": (.ignored, .decimal), "taskName": (.ignored, .text),
    "asctime": (.time, .time(.iso8601)),
  ]

  /// Long attribute names that tell a Python format from a gunicorn one.
  static var names: [String] { Array(attributes.keys).sorted() }

  static func style(of text: String) -> Style {
    if text.contains("%(") { return .percent }
    if text.contains("${") { return .dollar }
    return .brace
  }

  static func compile(_ definition: String, dateFormat: String?) throws(DeclaredFormatError)
    -> FieldPattern
  {
    let text = String(definition.trimmingSpacesAndNewlines)
    let asctime: TimeShape
    if let dateFormat {
      asctime = .strftime(try StrftimePattern(dateFormat))
    } else {
      asctime = .iso8601
    }
    var pieces: [DeclaredPiece] = []
    var literal = ""
    var chars = Array(text)[...]
    let style = style(of: text)
    func flush() {
      if !literal.isEmpty { pieces.append(.literal(literal)) }
      literal = ""
    }
    while let ch = chars.popFirst() {
      switch (style, ch) {
      case (.percent, "%"):
        if chars.first == "%" {
          chars.removeFirst()
          literal.append("%")
          continue
        }
        guard chars.first == "(" else {
          literal.append(ch)
          continue
        }
        chars.removeFirst()
        var name = ""
        while let c = chars.first, c != ")" { name.append(chars.removeFirst()) }
        guard chars.popFirst() == ")" else {
          throw DeclaredFormatError(
            "unbalanced parenthesis in %(\(name)", fix: "write %(\(name))s")
        }
        // Flags, width, precision, conversion: `-8s`, `03d`, `.1f`.
        var spec = ""
        while let c = chars.first, "-+ #0123456789.".contains(c) {
          spec.append(chars.removeFirst())
        }
        guard let conversion = chars.popFirst(), "sdifrgeEFGxXoac".contains(conversion) else {
          throw DeclaredFormatError(
            "%(\(name))\(spec) has no conversion letter", fix: "write %(\(name))\(spec)s")
        }
        flush()
        pieces.append(
          .field(try field(name, spec: spec, written: "%(\(name))\(spec)\(conversion)", asctime)))
      case (.brace, "{"):
        if chars.first == "{" {
          chars.removeFirst()
          literal.append("{")
          continue
        }
        var inside = ""
        while let c = chars.first, c != "}" { inside.append(chars.removeFirst()) }
        guard chars.popFirst() == "}" else {
          throw DeclaredFormatError("unbalanced brace in {\(inside)", fix: "write {\(inside)}")
        }
        let parts = inside.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        var name = String(parts.first ?? "")
        if let bang = name.firstIndex(of: "!") { name = String(name[..<bang]) }
        flush()
        pieces.append(
          .field(
            try field(
              name, spec: parts.count > 1 ? String(parts[1]) : "", written: "{\(inside)}", asctime))
        )
      case (.brace, "}"):
        if chars.first == "}" { chars.removeFirst() }
        literal.append("}")
      case (.dollar, "$"):
        if chars.first == "$" {
          chars.removeFirst()
          literal.append("$")
          continue
        }
        var name = ""
        if chars.first == "{" {
          chars.removeFirst()
          while let c = chars.first, c != "}" { name.append(chars.removeFirst()) }
          guard chars.popFirst() == "}" else {
            throw DeclaredFormatError("unbalanced brace in ${\(name)", fix: "write ${\(name)}")
          }
        } else {
          while let c = chars.first, c.isASCII, c.isLetter || c.isNumber || c == "_" {
            name.append(chars.removeFirst())
          }
        }
        guard !name.isEmpty else {
          literal.append("$")
          continue
        }
        flush()
        pieces.append(.field(try field(name, spec: "", written: "${\(name)}", asctime)))
      default:
        literal.append(ch)
      }
    }
    flush()
    let pattern = FieldPattern(pieces)
    let meanings = pattern.meanings
    guard
      meanings.contains(.message) || meanings.contains(.level) || meanings.contains(.levelNumber)
    else {
      throw DeclaredFormatError(
        "a Python logging format needs %(message)s or %(levelname)s",
        fix: "add %(message)s, e.g. %(asctime)s %(levelname)s %(name)s: %(message)s")
    }
    return pattern
  }

  /// One attribute, with the width its format spec pads it to (`-8`, `<8`, `>8`, `8`).
  private static func field(_ name: String, spec: String, written: String, _ asctime: TimeShape)
    throws(DeclaredFormatError) -> DeclaredField
  {
    var digits = ""
    var seenPoint = false
    for c in spec {
      if c == "." { seenPoint = true }
      if c.isNumber, !seenPoint { digits.append(c) }
    }
    // `03d` pads with zeros, which the number reads anyway; only space padding needs a width.
    let width = digits.hasPrefix("0") ? 0 : Int(digits) ?? 0
    if let (meaning, shape) = attributes[name] {
      if name == "asctime" {
        return DeclaredField(.time, .time(asctime), name: written, width: width)
      }
      return DeclaredField(meaning, shape, name: written, width: width)
    }
    if let guess = DeclaredNames.typo(name, among: names) {
      throw DeclaredFormatError(
        "unknown LogRecord attribute \(written)",
        fix: "did you mean \(name == guess ? name : guess)?")
    }
    guard !name.isEmpty else {
      throw DeclaredFormatError(
        "an empty field name in \(written)", fix: "name the attribute, e.g. {message}")
    }
    // An attribute a filter or `extra=` adds (`%(request_id)s`): matched as text and ignored.
    return DeclaredField(.ignored, .text, name: written, width: width)
  }
}
