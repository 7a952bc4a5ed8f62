/// structlog's `ConsoleRenderer`:
/// `2026-11-26T16:16:27.525863Z [info     ] order created                  items=3 order_id=1001`.
///
/// The event is padded to 30 columns and followed by `key=value` pairs (values unquoted, so a
/// value may hold spaces: a pair runs to the next ` key=`). With `colors=True` every part is
/// wrapped in ANSI codes, which `HoldingDecoder` removes (`TextSanitizer.display`) before these
/// rules see the line. An exception is written after the record as a plain traceback.
public struct StructlogConsoleRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "structlog-console", role: .app,
    summary: "structlog ConsoleRenderer (time [level] event key=value), colours removed",
    scoreLine: { line in
      line.withLineBytes { header($0, readAt: 0, naiveZone: 0) == nil ? 0 : 1 }
    },
    makeDecoder: { options, sink in
      HoldingDecoder(
        formatID: "structlog-console", rules: StructlogConsoleRules(options: options),
        requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard
      let record = line.withLineBytes({
        Self.header($0, readAt: readAt, naiveZone: options.naiveZone)
      })
    else { return nil }
    return LineOutcome(hold: .log(record))
  }

  /// `TIME [level   ] event  key=value ...`; the time may be missing (no `TimeStamper`), then
  /// the record takes the time it was read.
  static func header(_ bytes: LineBytes, readAt: EpochSeconds, naiveZone: NaiveZone) -> LogRecord? {
    var c = ByteCursor(bytes)
    var time = readAt
    if let t = TimestampParser.iso8601(&c, naiveZone: naiveZone) {
      time = t
      guard c.skipSpaces() > 0 else { return nil }
    }
    guard c.skip(UInt8(ascii: "[")) else { return nil }
    let word = c.read { ByteClass.isAlpha($0) }
    guard word.count >= 4, word.count <= 9, let level = LogLevel(loose: c.string(word)),
      ByteClass.isAlpha(bytes[word.lowerBound]), !ByteClass.isUpper(bytes[word.lowerBound])
    else { return nil }
    // The level is padded inside the brackets to the longest level name.
    c.skipSpaces()
    guard c.skip(UInt8(ascii: "]")), c.isAtEnd || c.skipSpaces() > 0 else { return nil }
    let (event, logger, fields) = split(c.string(c.rest))
    return LogRecord(time: time, level: level, logger: logger, message: event, fields: fields)
  }

  /// The event, an optional `[logger]` after it, and the `key=value` pairs.
  static func split(_ text: String) -> (String, String?, [String: String]) {
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    var eventWords: [Substring] = []
    var logger: String?
    var fields: [String: String] = [:]
    var key: Substring?
    var value: [Substring] = []
    func close() {
      if let key { fields[String(key)] = value.joined(separator: " ") }
    }
    for word in words {
      if let eq = word.firstIndex(of: "="), eq > word.startIndex,
        word[..<eq].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
      {
        close()
        key = word[..<eq]
        value = [word[word.index(after: eq)...]]
      } else if key != nil {
        value.append(word)
      } else if logger == nil, word.hasPrefix("["), word.hasSuffix("]"), word.count > 2,
        !eventWords.isEmpty
      {
        logger = String(word.dropFirst().dropLast())
      } else if logger == nil {
        eventWords.append(word)
      }
    }
    close()
    return (eventWords.joined(separator: " "), logger, fields)
  }
}
