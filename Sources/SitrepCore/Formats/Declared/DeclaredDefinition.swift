/// A format the user declared in config or with `--format`, in the language they wrote it in:
/// recognised from its content, or from an explicit `nginx:`, `apache:`, `gunicorn:`, `python:` or
/// `regex:` prefix when the content alone is ambiguous.
public enum DeclaredLanguage: String, Sendable, CaseIterable {
  case nginx, apache, gunicorn, python, regex

  /// Which language `text` is written in, and the definition without its prefix.
  static func recognise(_ text: String) throws(DeclaredFormatError) -> (
    DeclaredLanguage, String
  ) {
    let trimmed = String(text.trimmingSpacesAndNewlines)
    for language in allCases {
      let prefix = language.rawValue + ":"
      if trimmed.lowercased().hasPrefix(prefix) {
        return (language, String(trimmed.dropFirst(prefix.count).drop { $0 == " " }))
      }
    }
    if trimmed.hasPrefix("log_format") { return (.nginx, trimmed) }
    if trimmed.hasPrefix("LogFormat") || trimmed.hasPrefix("CustomLog") {
      return (.apache, trimmed)
    }
    if trimmed.contains("(?<") || trimmed.contains("(?P<") { return (.regex, trimmed) }
    let percentNames = names(in: trimmed, open: "%(", close: ")")
    if !percentNames.isEmpty {
      let short = percentNames.allSatisfy { $0.count == 1 || $0.hasPrefix("{") }
      return (short ? .gunicorn : .python, trimmed)
    }
    let python = Set(PythonLoggingFormatCompiler.attributes.keys)
    let dollarNames = names(in: trimmed, open: "${", close: "}") + dollarWords(trimmed)
    if !dollarNames.isEmpty {
      let nginx = dollarNames.contains { NginxLogFormatCompiler.variables[$0] != nil }
      let pythonic = dollarNames.contains { python.contains($0) && $0 != "msec" }
      return (pythonic && !nginx ? .python : .nginx, trimmed)
    }
    // Apache's `%{Referer}i` is not a Python `{name}`.
    let withoutApache = trimmed.replacing("%{", with: "%")
    let braceNames = names(in: withoutApache, open: "{", close: "}").map {
      String($0.prefix { $0 != ":" && $0 != "!" })
    }
    if braceNames.contains(where: { python.contains($0) }) { return (.python, trimmed) }
    if trimmed.contains("%") { return (.apache, trimmed) }
    throw DeclaredFormatError(
      "cannot tell which language format = \"\(trimmed)\" is written in",
      fix: "write an nginx log_format ($status), an Apache LogFormat (%>s), a gunicorn "
        + "access_log_format (%(s)s), a Python logging format (%(message)s) or a regex with "
        + "named groups, or start it with nginx:, apache:, gunicorn:, python: or regex:")
  }

  /// The names between `open` and `close` (`%(h)s` → `h`).
  private static func names(in text: String, open: String, close: Character) -> [String] {
    var found: [String] = []
    var rest = Substring(text)
    while let range = rest.firstRange(of: open) {
      rest = rest[range.upperBound...]
      let name = rest.prefix { $0 != close }
      if name.endIndex < rest.endIndex { found.append(String(name)) }
    }
    return found
  }

  /// `$word` names (nginx and Python's `$levelname`).
  private static func dollarWords(_ text: String) -> [String] {
    var found: [String] = []
    var rest = Substring(text)
    while let dollar = rest.firstIndex(of: "$") {
      rest = rest[rest.index(after: dollar)...]
      let word = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
      if !word.isEmpty { found.append(String(word)) }
    }
    return found
  }
}

/// Compiling a declared definition into a `FormatDescriptor`.
enum DeclaredDefinition {
  static func descriptor(_ text: String, dateFormat: String?) throws(DeclaredFormatError)
    -> FormatDescriptor
  {
    let (language, definition) = try DeclaredLanguage.recognise(text)
    guard !definition.isEmpty else {
      throw DeclaredFormatError(
        "an empty \(language.rawValue) format", fix: "write the format after \(language.rawValue):")
    }
    let id = language.rawValue + "-declared"
    switch language {
    case .nginx:
      let (pattern, escaping) = try NginxLogFormatCompiler.compile(definition)
      return access(id, "nginx log_format", pattern, escaping)
    case .apache:
      return access(
        id, "Apache LogFormat", try ApacheLogFormatCompiler.compile(definition), .backslashHex)
    case .gunicorn:
      return access(
        id, "gunicorn access_log_format", try GunicornFormatCompiler.compile(definition), .quotes)
    case .python:
      let pattern = try PythonLoggingFormatCompiler.compile(definition, dateFormat: dateFormat)
      return app(id, "Python logging format", pattern)
    case .regex:
      let matcher = try RegexFormatCompiler.compile(definition)
      if matcher.role == .access {
        return FormatDescriptor(
          id: id, role: .access, summary: "access log read with a regex declared in config",
          scoreLine: { line in score(matcher.copy(), line) },
          makeDecoder: { options, sink in
            DeclaredAccessDecoder(
              formatID: id, matcher: matcher.copy(), escaping: .none, options: options,
              requests: sink)
          })
      }
      return FormatDescriptor(
        id: id, role: .app, summary: "app log read with a regex declared in config",
        scoreLine: { line in score(matcher.copy(), line) },
        makeDecoder: { options, sink in
          HoldingDecoder(
            formatID: id, rules: DeclaredAppRules(matcher: matcher.copy(), options: options),
            requests: sink)
        })
    }
  }

  private static func access(
    _ id: String, _ what: String, _ pattern: FieldPattern, _ escaping: FieldEscaping
  ) -> FormatDescriptor {
    FormatDescriptor(
      id: id, role: .access, summary: "\(what) declared in config",
      scoreLine: { line in score(pattern, line) },
      makeDecoder: { options, sink in
        DeclaredAccessDecoder(
          formatID: id, matcher: pattern, escaping: escaping, options: options, requests: sink)
      })
  }

  private static func app(_ id: String, _ what: String, _ pattern: FieldPattern)
    -> FormatDescriptor
  {
    FormatDescriptor(
      id: id, role: .app, summary: "\(what) declared in config",
      scoreLine: { line in score(pattern, line) },
      makeDecoder: { options, sink in
        HoldingDecoder(
          formatID: id, rules: DeclaredAppRules(matcher: pattern, options: options),
          requests: sink)
      })
  }

  /// 1 when the line fits the definition, else 0.
  private static func score(_ matcher: some DeclaredMatcher, _ line: String) -> Double {
    var stamps = RepeatedStampCache()
    var f = MatchedFields()
    let fits = line.withLineBytes {
      matcher.match($0, readAt: 0, naiveZone: .utc, stamps: &stamps, into: &f)
    }
    return fits ? 1 : 0
  }
}
