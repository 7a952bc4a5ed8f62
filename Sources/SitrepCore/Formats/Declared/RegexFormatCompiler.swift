/// The last resort: a regular expression with named groups (`(?<status>\d{3})`, or Python's
/// `(?P<status>...)`), run with Swift's `Regex`. Slower than the other definitions (each line
/// becomes a String and the regex engine runs over it), but anything can be said with it.
enum RegexFormatCompiler {
  /// Group names sitrep reads.
  static let groups: [String: FieldMeaning] = [
    "time": .time, "timestamp": .time, "level": .level, "logger": .logger, "message": .message,
    "msg": .message, "method": .method, "path": .path, "url": .path, "request": .request,
    "status": .status, "bytes": .bytes, "duration_ms": .duration(.milliseconds),
    "duration_s": .duration(.seconds), "duration_us": .duration(.microseconds),
    "duration": .duration(.seconds), "client": .client, "remote_addr": .client,
    "user_agent": .userAgent, "referer": .referer, "upstream": .upstream,
  ]

  static func compile(_ definition: String) throws(DeclaredFormatError) -> RegexMatcher {
    let source = swiftSyntax(definition)
    do {
      _ = try Regex(source)
    } catch {
      throw DeclaredFormatError(
        "regex: \(error)", fix: "check the pattern's brackets and escapes")
    }
    let names = groupNames(source)
    guard !names.isEmpty else {
      throw DeclaredFormatError(
        "regex: no named group",
        fix: "name what sitrep should read, e.g. (?<status>\\d{3}) or (?<message>.*)")
    }
    var fields: [(String, FieldMeaning)] = []
    for name in names {
      if let meaning = groups[name] {
        fields.append((name, meaning))
      } else if let guess = DeclaredNames.typo(name, among: Array(groups.keys).sorted()) {
        throw DeclaredFormatError(
          "regex: unknown group name \(name)", fix: "did you mean (?<\(guess)>...)?")
      }
    }
    let meanings = fields.map(\.1)
    guard meanings.contains(.status) || meanings.contains(.message) || meanings.contains(.level)
    else {
      throw DeclaredFormatError(
        "regex: no status, level or message group",
        fix: "an access log needs (?<status>\\d{3}), an app log (?<message>.*) or (?<level>\\w+)")
    }
    return RegexMatcher(source: source, fields: fields)
  }

  /// Python's `(?P<name>` and `(?P=name)` in the spelling Swift's `Regex` reads.
  static func swiftSyntax(_ text: String) -> String {
    var out = ""
    var rest = Substring(text.trimmingSpacesAndNewlines)
    while !rest.isEmpty {
      if rest.hasPrefix("\\") {
        out.append(rest.removeFirst())
        if let next = rest.first {
          out.append(next)
          rest.removeFirst()
        }
      } else if rest.hasPrefix("(?P<") {
        out += "(?<"
        rest = rest.dropFirst(4)
      } else if rest.hasPrefix("(?P=") {
        rest = rest.dropFirst(4)
        var name = ""
        while let c = rest.first, c != ")" { name.append(rest.removeFirst()) }
        rest = rest.dropFirst()
        out += "\\k<\(name)>"
      } else {
        out.append(rest.removeFirst())
      }
    }
    return out
  }

  /// The names of `(?<name>...)` groups (not the look-behinds `(?<=` and `(?<!`), in order.
  static func groupNames(_ source: String) -> [String] {
    var names: [String] = []
    var rest = Substring(source)
    while let range = rest.firstRange(of: "(?<") {
      rest = rest[range.upperBound...]
      guard let first = rest.first, first != "=", first != "!" else { continue }
      let name = rest.prefix { $0 != ">" }
      if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
        names.append(String(name))
      }
    }
    return names
  }
}

/// A compiled user regex. Each decoder makes its own (the `Regex` holds mutable caches).
final class RegexMatcher: DeclaredMatcher, @unchecked Sendable {
  let source: String
  let fields: [(String, FieldMeaning)]
  private let regex: Regex<AnyRegexOutput>?

  init(source: String, fields: [(String, FieldMeaning)]) {
    self.source = source
    self.fields = fields
    regex = try? Regex(source)
  }

  /// A fresh copy for another decoder.
  func copy() -> RegexMatcher { RegexMatcher(source: source, fields: fields) }

  var meanings: [FieldMeaning] { fields.map(\.1) }

  func match(
    _ line: LineBytes, readAt: EpochSeconds, naiveZone: NaiveZone,
    stamps: inout RepeatedStampCache, into f: inout MatchedFields
  ) -> Bool {
    guard let regex else { return false }
    var end = line.count
    while end > 0, line[end - 1] == 0x0D { end -= 1 }
    // Offsets into the String's own UTF-8 (invalid bytes were repaired), so ranges index `bytes`.
    var text = String(decoding: LineBytes(rebasing: line[0..<end]), as: UTF8.self)
    guard let found = try? regex.firstMatch(in: text) else { return false }
    var captured: [(FieldMeaning, Range<Int>)] = []
    for (name, meaning) in fields {
      guard let sub = found.output[name]?.substring else { continue }
      let lower = text.utf8.distance(from: text.startIndex, to: sub.startIndex)
      captured.append((meaning, lower..<(lower + sub.utf8.count)))
    }
    return text.withUTF8 { bytes -> Bool in
      for (meaning, range) in captured {
        guard f.assign(meaning, range, in: bytes, readAt: readAt, naiveZone: naiveZone) else {
          return false
        }
      }
      return true
    }
  }
}
