/// Compiles an nginx `log_format`: the format string alone, or the whole directive as copied from
/// nginx.conf (`log_format main escape=json '{"time":"$time_iso8601",' '"status":$status}';`).
enum NginxLogFormatCompiler {
  /// The variables sitrep reads, and what they mean.
  static let variables: [String: (FieldMeaning, FieldShape)] = [
    "remote_addr": (.client, .text), "remote_user": (.ignored, .text),
    "time_local": (.time, .time(.clf)), "time_iso8601": (.time, .time(.iso8601)),
    "msec": (.time, .time(.epochSeconds)), "request": (.request, .text),
    "request_method": (.method, .text), "request_uri": (.path, .text), "uri": (.path, .text),
    "document_uri": (.path, .text), "args": (.ignored, .text), "query_string": (.ignored, .text),
    "status": (.status, .integer), "body_bytes_sent": (.bytes, .integer),
    "bytes_sent": (.ignored, .integer), "http_referer": (.referer, .text),
    "http_user_agent": (.userAgent, .text), "http_x_forwarded_for": (.ignored, .text),
    "request_time": (.duration(.seconds), .decimal),
    "upstream_response_time": (.upstream, .decimalList),
    "upstream_connect_time": (.ignored, .decimalList),
    "upstream_header_time": (.ignored, .decimalList),
    "upstream_addr": (.ignored, .text), "upstream_status": (.ignored, .text),
    "host": (.ignored, .text), "hostname": (.ignored, .text), "server_name": (.ignored, .text),
    "server_protocol": (.ignored, .text), "scheme": (.ignored, .text), "pipe": (.ignored, .text),
    "connection": (.ignored, .integer), "connection_requests": (.ignored, .integer),
    "request_length": (.ignored, .integer), "request_id": (.ignored, .text),
    "remote_port": (.ignored, .integer), "server_addr": (.ignored, .text),
    "server_port": (.ignored, .integer), "ssl_protocol": (.ignored, .text),
    "ssl_cipher": (.ignored, .text),
  ]

  /// Prefixes of variable families nginx fills from the request (`$http_x_request_id`, ...).
  static let families = [
    "http_", "sent_http_", "upstream_http_", "cookie_", "arg_", "sent_trailer_",
  ]

  static func compile(_ definition: String) throws(DeclaredFormatError) -> (
    FieldPattern, FieldEscaping
  ) {
    let (text, escaping) = try formatString(definition)
    var pieces: [DeclaredPiece] = []
    var literal = ""
    var chars = Array(text)[...]
    while let ch = chars.popFirst() {
      guard ch == "$", let next = chars.first, next == "{" || isNameCharacter(next) else {
        literal.append(ch)
        continue
      }
      var name = ""
      if next == "{" {
        chars.removeFirst()
        while let c = chars.first, c != "}" {
          name.append(c)
          chars.removeFirst()
        }
        guard chars.popFirst() == "}" else {
          throw DeclaredFormatError(
            "unclosed ${\(name) in the nginx log_format", fix: "close it: ${\(name)}")
        }
      } else {
        while let c = chars.first, isNameCharacter(c) {
          name.append(c)
          chars.removeFirst()
        }
      }
      if !literal.isEmpty {
        pieces.append(.literal(literal))
        literal = ""
      }
      pieces.append(.field(try field(name)))
    }
    if !literal.isEmpty { pieces.append(.literal(literal)) }
    var pattern = FieldPattern(pieces)
    let meanings = pattern.meanings
    if !meanings.contains(.bytes), pattern.fields.contains(where: { $0.name == "$bytes_sent" }) {
      // Without $body_bytes_sent, $bytes_sent (headers included) is the size there is.
      pieces = pieces.map { piece in
        guard case .field(var f) = piece, f.name == "$bytes_sent" else { return piece }
        f.meaning = .bytes
        return .field(f)
      }
      pattern = FieldPattern(pieces)
    }
    guard pattern.meanings.contains(.status) else {
      throw DeclaredFormatError(
        "an access format needs $status",
        fix: "add $status to the log_format (sitrep counts errors by it)")
    }
    return (pattern, escaping)
  }

  private static func isNameCharacter(_ c: Character) -> Bool {
    c.isASCII && (c.isLetter || c.isNumber || c == "_")
  }

  private static func field(_ name: String) throws(DeclaredFormatError) -> DeclaredField {
    if let (meaning, shape) = variables[name] {
      return DeclaredField(meaning, shape, name: "$" + name)
    }
    if families.contains(where: { name.hasPrefix($0) }) {
      return DeclaredField(.ignored, .text, name: "$" + name)
    }
    if let guess = DeclaredNames.typo(name, among: Array(variables.keys).sorted()) {
      throw DeclaredFormatError(
        "unknown nginx variable $\(name)", fix: "did you mean $\(guess)?")
    }
    // A variable of a module sitrep does not know: matched as text and ignored.
    return DeclaredField(.ignored, .text, name: "$" + name)
  }

  /// The format string and its escaping, from the whole directive or the string alone.
  static func formatString(_ definition: String) throws(DeclaredFormatError) -> (
    String, FieldEscaping
  ) {
    var rest = Substring(definition.trimmingSpacesAndNewlines)
    var escaping = FieldEscaping.backslashHex
    // A bare string that starts with `"` is a format (`"$request" $status`), not a quoted piece.
    guard rest.hasPrefix("log_format") || rest.hasPrefix("'") || rest.hasPrefix("escape=")
    else { return (String(rest), escaping) }
    if rest.hasPrefix("log_format") {
      rest = rest.dropFirst("log_format".count)
      skipBlanks(&rest)
      // The format's name (`main`, `combined_timed`).
      while let c = rest.first, !c.isWhitespace { rest.removeFirst() }
      skipBlanks(&rest)
    }
    if rest.hasPrefix("escape=") {
      rest = rest.dropFirst("escape=".count)
      var word = ""
      while let c = rest.first, !c.isWhitespace { word.append(rest.removeFirst()) }
      switch word {
      case "json": escaping = .json
      case "default": escaping = .backslashHex
      case "none": escaping = .none
      default:
        throw DeclaredFormatError(
          "escape=\(word) is not an nginx escape",
          fix: "use escape=json, escape=default or escape=none")
      }
      skipBlanks(&rest)
    }
    var text = ""
    while let open = rest.first, open != ";" {
      if open == "'" || open == "\"" {
        rest.removeFirst()
        var closed = false
        while let c = rest.popFirst() {
          if c == "\\", let escaped = rest.popFirst() {
            switch escaped {
            case "n": text.append("\n")
            case "t": text.append("\t")
            case "r": text.append("\r")
            case "'", "\"", "\\": text.append(escaped)
            default:
              text.append(c)
              text.append(escaped)
            }
          } else if c == open {
            closed = true
            break
          } else {
            text.append(c)
          }
        }
        guard closed else {
          throw DeclaredFormatError(
            "unbalanced quote in the nginx log_format (a \(open) is never closed)",
            fix:
              "close each quoted piece, e.g. '$remote_addr - $remote_user ' '\"$request\" $status'")
        }
      } else {
        // An unquoted piece runs to the next blank.
        while let c = rest.first, !c.isWhitespace, c != ";" { text.append(rest.removeFirst()) }
      }
      skipBlanks(&rest)
    }
    return (text, escaping)
  }

  private static func skipBlanks(_ s: inout Substring) {
    while let c = s.first, c.isWhitespace { s.removeFirst() }
  }
}

extension String {
  var trimmingSpacesAndNewlines: Substring {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return s
  }
}
