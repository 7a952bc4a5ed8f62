/// What no specific format claims but anyone would call a log: a line that starts with a
/// recognisable timestamp (`LeadingStamp`) and names a level somewhere near it (`LevelToken`) is
/// an app record; traceback lines after it join it. A stamped line without a level is an info
/// record; a line without a stamp that starts with a level (`ERROR: text`, `[error] text`, `<3>`)
/// is a record taking the time it was read.
///
/// Detection scores it below every specific format (and its catalog entry has the lowest
/// specificity), so it only wins where nothing else understands the file.
public struct GenericLogRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  /// Detection scores: a stamp and a level, a stamp alone, a level alone. At least 0.3 below
  /// what the specific formats give their own lines, so a file one of them reads keeps its full
  /// confidence (a runner-up within 0.3 lowers it); a stamp alone ties with `python-logging`'s
  /// "time then text" and loses on specificity.
  static let stampAndLevel = 0.7
  static let stampOnly = 0.5
  static let levelOnly = 0.4

  public static let descriptor = FormatDescriptor(
    id: "generic-log", role: .app,
    summary:
      "any log: a timestamp and a level (ERROR, [warn], E, <3>, level=) per record, with tracebacks",
    scoreLine: { line in
      line.withLineBytes { header($0, readAt: 86_400 * 365, naiveZone: 0)?.quality ?? 0 }
    },
    makeDecoder: { options, sink in
      HoldingDecoder(
        formatID: "generic-log", rules: GenericLogRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard
      let h = line.withLineBytes({
        Self.header($0, readAt: readAt, naiveZone: options.naiveZone)
      })
    else { return nil }
    return LineOutcome(hold: .log(h.record))
  }

  struct Header {
    var record: LogRecord
    var quality: Double
  }

  static func header(_ bytes: LineBytes, readAt: EpochSeconds, naiveZone: NaiveZone) -> Header? {
    var c = ByteCursor(bytes)
    // Indented lines continue something (a traceback, a multi-line message); never a header.
    guard let first = c.peek, !ByteClass.isSpace(first) else { return nil }
    let lead = leadingLevel(&c)
    var level = lead?.level
    let afterLead = c.index
    let bracketed = c.skip(UInt8(ascii: "["))
    guard let stamp = LeadingStamp.read(&c, readAt: readAt, naiveZone: naiveZone),
      !bracketed || c.skip(UInt8(ascii: "]"))
    else {
      // No stamp: a record only when it opens with an unmistakable level.
      guard let lead, lead.unmistakable else { return nil }
      c.index = afterLead
      skipSeparators(&c)
      let record = LogRecord(time: readAt, level: lead.level, message: c.string(c.rest))
      return Header(record: record, quality: levelOnly)
    }
    // `16:16:25: message` (arq), `2026-... | INFO | ...`.
    c.skip(UInt8(ascii: ":"))
    guard c.isAtEnd || c.skipSpaces() > 0 || c.peek == UInt8(ascii: "|") else { return nil }
    var messageStart = c.index
    if level == nil, let (l, end) = findLevel(&c) {
      level = l
      messageStart = end
    }
    c.index = messageStart
    skipSeparators(&c)
    let record = LogRecord(time: stamp, level: level ?? .info, message: c.string(c.rest))
    let quality = level != nil ? stampAndLevel : stampOnly
    return Header(record: record, quality: quality)
  }

  /// A level before the time: `<3>` (a syslog priority, systemd's stderr prefix, maybe glued to
  /// what follows), `[ERROR]`, `ERROR:`, `E`. Consumes it and the spaces after it.
  /// `unmistakable`: the shape alone says "level" (`<3>`, a bracket, `LEVEL:`), so the line is a
  /// record even without a stamp.
  private static func leadingLevel(_ c: inout ByteCursor) -> (level: LogLevel, unmistakable: Bool)?
  {
    let start = c.index
    if c.skip(UInt8(ascii: "<")) {
      let digits = c.read { ByteClass.isDigit($0) }
      if digits.count <= 3, let n = Int(c.string(digits)), n <= 191, c.skip(UInt8(ascii: ">")),
        let level = LevelToken.syslogPriority(n)
      {
        c.skipSpaces()
        return (level, true)
      }
      c.index = start
      return nil
    }
    let word = c.readToken()
    let text = Substring(c.string(word))
    guard let level = LevelToken.level(text, position: 0), c.skipSpaces() > 0 else {
      c.index = start
      return nil
    }
    let unmistakable =
      (text.hasPrefix("[") && text.hasSuffix("]"))
      || (text.hasSuffix(":") && text.first?.isUppercase == true)
    return (level, unmistakable)
  }

  /// The first level among the words after the time, and where the message after it starts.
  private static func findLevel(_ c: inout ByteCursor) -> (LogLevel, Int)? {
    let start = c.index
    defer { c.index = start }
    for position in 0..<LevelToken.searchedWords {
      c.skipSpaces()
      guard !c.isAtEnd else { return nil }
      let word = c.readToken()
      if let level = LevelToken.level(Substring(c.string(word)), position: position) {
        return (level, c.index)
      }
      // `[PID 22772]`: a bracket holding a space is one field, not two words.
      if c.string(word).hasPrefix("["), !c.string(word).contains("]") {
        _ = c.read(until: UInt8(ascii: "]"))
        c.skip(UInt8(ascii: "]"))
      }
    }
    return nil
  }

  /// Spaces and the punctuation that separates a level from its message (`-`, `:`, `|`).
  private static func skipSeparators(_ c: inout ByteCursor) {
    while let b = c.peek {
      if ByteClass.isSpace(b) || b == UInt8(ascii: "|") || b == UInt8(ascii: ":") {
        c.index += 1
      } else if b == UInt8(ascii: "-"), c.peek(at: 1).map(ByteClass.isSpace) ?? true {
        c.index += 1
      } else {
        break
      }
    }
  }
}
