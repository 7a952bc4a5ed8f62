/// Compiles a gunicorn `access_log_format`
/// (`%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s`).
enum GunicornFormatCompiler {
  /// Atoms and what they mean. Durations: `D` microseconds, `M` milliseconds, `L` decimal seconds,
  /// `T` whole seconds.
  static let atoms: [String: (FieldMeaning, FieldShape)] = [
    "h": (.client, .text), "l": (.ignored, .text), "u": (.ignored, .text), "r": (.request, .text),
    "m": (.method, .text), "U": (.path, .text), "q": (.ignored, .text), "H": (.ignored, .text),
    "s": (.status, .integer), "B": (.bytes, .integer), "b": (.bytes, .integer),
    "f": (.referer, .text), "a": (.userAgent, .text), "T": (.duration(.seconds), .integer),
    "D": (.duration(.microseconds), .integer), "L": (.duration(.seconds), .decimal),
    "M": (.duration(.milliseconds), .integer), "p": (.ignored, .text),
  ]

  static func compile(_ definition: String) throws(DeclaredFormatError) -> FieldPattern {
    var pieces: [DeclaredPiece] = []
    var literal = ""
    var chars = Array(definition.trimmingSpacesAndNewlines)[...]
    while let ch = chars.popFirst() {
      guard ch == "%", chars.first == "(" else {
        if ch == "%", chars.first == "%" { chars.removeFirst() }
        literal.append(ch)
        continue
      }
      chars.removeFirst()
      var name = ""
      while let c = chars.first, c != ")" { name.append(chars.removeFirst()) }
      guard chars.popFirst() == ")", let conversion = chars.popFirst(), conversion == "s" else {
        throw DeclaredFormatError(
          "%(\(name) is not a complete gunicorn atom", fix: "write atoms as %(\(name))s")
      }
      if !literal.isEmpty { pieces.append(.literal(literal)) }
      literal = ""
      pieces += try atom(name)
    }
    if !literal.isEmpty { pieces.append(.literal(literal)) }
    let pattern = FieldPattern(pieces)
    guard pattern.meanings.contains(.status) else {
      throw DeclaredFormatError(
        "an access format needs %(s)s",
        fix: "add %(s)s to access_log_format (sitrep counts errors by it)")
    }
    return pattern
  }

  private static func atom(_ name: String) throws(DeclaredFormatError) -> [DeclaredPiece] {
    let written = "%(\(name))s"
    if name == "t" {
      // gunicorn writes `[26/Nov/2026:12:00:00 +0000]`, brackets and all.
      return [
        .literal("["), .field(DeclaredField(.time, .time(.clf), name: written)), .literal("]"),
      ]
    }
    if let (meaning, shape) = atoms[name] {
      return [.field(DeclaredField(meaning, shape, name: written))]
    }
    if name.hasPrefix("{"), let close = name.lastIndex(of: "}"),
      let kind = name[name.index(after: close)...].first, name.index(after: close) < name.endIndex,
      name.index(after: name.index(after: close)) == name.endIndex, "ioe".contains(kind)
    {
      let header = name[name.index(after: name.startIndex)..<close].lowercased()
      if kind == "i", header == "referer" {
        return [.field(DeclaredField(.referer, .text, name: written))]
      }
      if kind == "i", header == "user-agent" {
        return [.field(DeclaredField(.userAgent, .text, name: written))]
      }
      return [.field(DeclaredField(.ignored, .text, name: written))]
    }
    let known = (atoms.keys + ["t"]).sorted()
    let guess = KeySuggestion.suggestion(for: name, among: known)
    throw DeclaredFormatError(
      "unknown gunicorn atom \(written)",
      fix: (guess.map { "did you mean %(\($0))s? " } ?? "")
        + "atoms: " + known.map { "%(\($0))s" }.joined(separator: " ")
        + ", %({header}i)s, %({header}o)s, %({var}e)s")
  }
}
