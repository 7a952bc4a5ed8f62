/// Finds a record's level among the words of a line, for `generic-log`: `ERROR`, `error`, `E`,
/// `[error]`, `<3>`, `ERR`, `WARNING`, `warn`, `level=info`, `INFO:name:` and the like.
///
/// Where a word stands decides how much it is trusted: an upper-case level among the first few
/// words or one in brackets is a level; a lower-case one only right after the time or in
/// brackets (`error` is also an English word); a single letter (`E`, `W`, `I`, glog and logcat
/// style) only right after the time or in brackets.
enum LevelToken {
  /// How many words after the time are looked at for a bracketed or `key=` level (container and
  /// journald prefixes push a program's `[INFO]` back a few words).
  static let searchedWords = 8
  /// How many words after the time may hold a bare upper-case level.
  static let bareWords = 4

  /// The level one word names. `position` is the word's index after the time (0 = first).
  static func level(_ word: Substring, position: Int) -> LogLevel? {
    if let value = keyValue(word) { return LogLevel(loose: value) }
    var body = word
    var bracketed = false
    var angled = false
    if let open = body.first, let close = body.last, body.count >= 3,
      (open == "[" && close == "]") || (open == "(" && close == ")")
        || (open == "<" && close == ">")
    {
      body = body.dropFirst().dropLast()
      bracketed = true
      angled = open == "<"
    } else {
      // `INFO:` `ERROR,` `WARN|`: a separator glued to the word.
      while let last = body.last, ":,|".contains(last) { body = body.dropLast() }
    }
    // Only `<3>` is a priority: `[7]` is a process id.
    if angled, body.allSatisfy(\.isNumber), let n = Int(body), n <= 191 {
      return syslogPriority(n)
    }
    // `INFO:huey:thread` (a logging default format after the time), `[core:error]` (Apache).
    if body.contains(":") {
      let parts = body.split(separator: ":")
      if let first = parts.first, let l = bareWord(first, position: position, bracketed: bracketed)
      {
        return l
      }
      if bracketed, let last = parts.last { return bareWord(last, position: 0, bracketed: true) }
      return nil
    }
    guard position < bareWords || bracketed else { return nil }
    return bareWord(body, position: position, bracketed: bracketed)
  }

  /// `<3>`: a syslog priority; the level is its low three bits.
  static func syslogPriority(_ n: Int) -> LogLevel? {
    LogLevel(loose: String(n & 7))
  }

  private static func bareWord(_ w: Substring, position: Int, bracketed: Bool) -> LogLevel? {
    guard !w.isEmpty, w.count <= 9, w.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
    if w.count == 1 {
      guard position == 0 || bracketed, let c = w.first, c.isUppercase else { return nil }
      switch c {
      case "D", "T", "V": return .debug
      case "I", "N": return .info
      case "W": return .warning
      case "E": return .error
      case "F", "C", "A": return .critical
      default: return nil
      }
    }
    let upper = w.allSatisfy(\.isUppercase)
    let lower = w.allSatisfy(\.isLowercase)
    guard upper || (lower && (position == 0 || bracketed)) else { return nil }
    // `loose` also takes `information` and `exception`; short words must be real level names.
    return LogLevel(loose: w)
  }

  /// `level=error`, `lvl="warn"`, `severity=ERROR`.
  private static func keyValue(_ word: Substring) -> Substring? {
    guard let eq = word.firstIndex(of: "=") else { return nil }
    let key = word[..<eq].lowercased()
    guard key == "level" || key == "lvl" || key == "severity" || key == "levelname" else {
      return nil
    }
    var value = word[word.index(after: eq)...]
    while let q = value.first, q == "\"" || q == "'" { value = value.dropFirst() }
    while let q = value.last, q == "\"" || q == "'" || q == "," { value = value.dropLast() }
    return value
  }
}
