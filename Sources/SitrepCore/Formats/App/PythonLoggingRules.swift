/// Python `logging` text records, in the shapes services commonly configure:
///
/// - `%(asctime)s %(levelname)s %(name)s: %(message)s`
/// - `%(asctime)s - %(name)s - %(levelname)s - %(message)s`
/// - `%(asctime)s [%(levelname)s] %(name)s: %(message)s` (also with `[%(process)d]` before it)
/// - `%(levelname)s:%(name)s:%(message)s`, the `basicConfig` default, which has no time
///   (records take the time they were read)
///
/// Variants (padding, `[time]`, `|` separators, a missing logger name) are tolerated; what is
/// anchored on is a leading timestamp or the default format's `LEVEL:name:`.
public struct PythonLoggingRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "python-logging", role: .app,
    summary: "Python logging text records with tracebacks (asctime/levelname/name/message)",
    scoreLine: { line in
      line.withLineBytes { header($0, readAt: 0, naiveZone: 0)?.quality ?? 0 }
    },
    makeDecoder: { options, sink in
      HoldingDecoder(
        formatID: "python-logging", rules: PythonLoggingRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard
      let h = line.withLineBytes({
        Self.header($0, readAt: readAt, naiveZone: options.naiveZone)
      })
    else { return nil }
    return LineOutcome(hold: .log(h.record))
  }

  public struct Header {
    public var record: LogRecord
    /// How sure the parse is, used as the detection score.
    public var quality: Double
  }

  /// The record a line starts, with a leading `[logger]` moved out of the message
  /// (`%(asctime)s %(levelname)s [%(name)s] %(message)s`): for readers of streams that Python
  /// logging shares with another program's lines (APScheduler's, uvicorn's).
  static func recordNamingLogger(_ line: String, readAt: EpochSeconds, naiveZone: NaiveZone)
    -> LogRecord?
  {
    guard
      var record = line.withLineBytes({
        header($0, readAt: readAt, naiveZone: naiveZone)?.record
      })
    else { return nil }
    if record.logger == nil, record.message.hasPrefix("["),
      let close = record.message.firstIndex(of: "]")
    {
      let name = record.message[record.message.index(after: record.message.startIndex)..<close]
      let rest = record.message[record.message.index(after: close)...]
      if !name.isEmpty, !name.contains(" "), rest.hasPrefix(" ") {
        record.logger = String(name)
        record.message = String(rest.dropFirst())
      }
    }
    return record
  }

  /// Reads a record header; `nil` when the line does not start a record.
  public static func header(_ bytes: LineBytes, readAt: EpochSeconds, naiveZone: NaiveZone)
    -> Header?
  {
    var c = ByteCursor(bytes)
    let bracketed = c.skip(UInt8(ascii: "["))
    if let time = TimestampParser.iso8601(&c, naiveZone: naiveZone) {
      if bracketed { guard c.skip(UInt8(ascii: "]")) else { return nil } }
      skipSeparators(&c)
      guard var h = timedTail(&c, time: time) else { return nil }
      // `[time]` is how gunicorn and Celery start lines; Python services rarely do.
      if bracketed { h.quality *= 0.8 }
      return h
    }
    guard !bracketed else { return nil }
    return defaultFormat(&c, readAt: readAt)
  }

  /// After the time: `LEVEL name: msg`, `[LEVEL] name: msg`, `name - LEVEL - msg`.
  private static func timedTail(_ c: inout ByteCursor, time: EpochSeconds) -> Header? {
    let start = c.index
    // `[4100] [INFO]`: bracketed fields until one is a level.
    var lastField: Range<Int>?
    while c.peek == UInt8(ascii: "[") {
      c.index += 1
      let inner = c.read(until: UInt8(ascii: "]"))
      guard c.skip(UInt8(ascii: "]")) else { break }
      skipSeparators(&c)
      if let level = levelWord(c, inner) {
        return finish(&c, time: time, level: level, quality: 1.0)
      }
      lastField = inner
    }
    // `[%(name)s] %(levelname)s %(message)s`: the bracketed field is the logger.
    if let lastField, !lastField.isEmpty {
      let word = c.read { ByteClass.isAlpha($0) }
      if let level = levelWord(c, word), c.isAtEnd || c.peek == UInt8(ascii: " ") {
        skipSeparators(&c)
        let record = LogRecord(
          time: time, level: level, logger: c.string(lastField), message: c.string(c.rest))
        return Header(record: record, quality: 1.0)
      }
    }
    c.index = start
    let word = c.read { ByteClass.isAlpha($0) }
    if let level = levelWord(c, word),
      c.isAtEnd || c.peek == UInt8(ascii: " ") || c.peek == UInt8(ascii: ":")
        || c.peek == UInt8(ascii: "\t")
    {
      c.skip(UInt8(ascii: ":"))
      skipSeparators(&c)
      return finish(&c, time: time, level: level, quality: 1.0)
    }
    // `name - LEVEL - message`
    c.index = start
    let name = c.readToken()
    if !name.isEmpty, c.skip(" - ") {
      let levelRange = c.read { ByteClass.isAlpha($0) }
      if let level = levelWord(c, levelRange), c.skip(" - ") || c.isAtEnd {
        let record = LogRecord(
          time: time, level: level, logger: c.string(name), message: c.string(c.rest))
        return Header(record: record, quality: 1.0)
      }
    }
    // A time and then text: `%(asctime)s %(message)s`. A record, but a weak sign of the format.
    c.index = start
    let record = LogRecord(time: time, level: .info, message: c.string(c.rest))
    return Header(record: record, quality: 0.5)
  }

  /// `INFO:app.orders:message` — the level must be upper case, the name must not be empty or
  /// hold spaces, so `KeyError: 77` or `INFO:     127.0.0.1` do not pass.
  private static func defaultFormat(_ c: inout ByteCursor, readAt: EpochSeconds) -> Header? {
    let word = c.read { ByteClass.isUpper($0) }
    guard let level = levelWord(c, word), c.skip(UInt8(ascii: ":")) else { return nil }
    let name = c.read { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: " ") }
    guard !name.isEmpty, c.skip(UInt8(ascii: ":")) else { return nil }
    let record = LogRecord(
      time: readAt, level: level, logger: c.string(name), message: c.string(c.rest))
    return Header(record: record, quality: 0.9)
  }

  /// `name: message` → logger and message; otherwise the whole rest is the message.
  private static func finish(
    _ c: inout ByteCursor, time: EpochSeconds, level: LogLevel, quality: Double
  )
    -> Header
  {
    let start = c.index
    let name = c.read { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: " ") }
    var logger: String?
    if !name.isEmpty, c.skip(UInt8(ascii: ":")), c.isAtEnd || c.skipSpaces() > 0 {
      logger = c.string(name)
    } else if !name.isEmpty, c.skip(" - ") {
      logger = c.string(name)
    } else {
      c.index = start
    }
    let record = LogRecord(time: time, level: level, logger: logger, message: c.string(c.rest))
    return Header(record: record, quality: logger == nil ? quality * 0.9 : quality)
  }

  /// A level name as `logging` prints it (upper case, or lower case from some formatters).
  static func levelWord(_ c: ByteCursor, _ range: Range<Int>) -> LogLevel? {
    guard range.count >= 3, range.count <= 8 else { return nil }
    let text = c.string(range)
    guard text == text.uppercased() || text == text.lowercased() else { return nil }
    guard text.allSatisfy({ $0.isLetter }) else { return nil }
    return LogLevel(loose: text)
  }

  private static func skipSeparators(_ c: inout ByteCursor) {
    while let b = c.peek,
      b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "|")
        || b == UInt8(ascii: "-") && c.peek(at: 1) == UInt8(ascii: " ")
    {
      c.index += 1
    }
  }
}
