/// loguru's default text format: `2026-11-26 16:16:26.952 | INFO     | __main__:main:36 - text`.
///
/// Files written with `colorize=True` wrap every field, and the traceback lines too, in ANSI
/// colour codes; `HoldingDecoder` reads lines through `TextSanitizer.display`, which removes
/// escape sequences whole, so these rules and the traceback assembler see plain text. loguru's
/// own levels `TRACE` and `SUCCESS` read as debug and info; a custom level name reads as info.
public struct LoguruRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "loguru", role: .app,
    summary: "loguru default format (time | LEVEL | name:function:line - message), colours removed",
    scoreLine: { line in
      line.withLineBytes { header($0, naiveZone: 0)?.quality ?? 0 }
    },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "loguru", rules: LoguruRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let h = line.withLineBytes({ Self.header($0, naiveZone: options.naiveZone) }) else {
      return nil
    }
    return LineOutcome(hold: .log(h.record))
  }

  /// A record header: the time, ` | `, the level padded to 8, ` | `, then `name:function:line - `
  /// and the message. Without the location part (a customised format) it is a weaker sign.
  static func header(_ bytes: LineBytes, naiveZone: NaiveZone) -> (
    record: LogRecord, quality: Double
  )? {
    var c = ByteCursor(bytes)
    guard let time = TimestampParser.iso8601(&c, naiveZone: naiveZone), c.skip(" | ") else {
      return nil
    }
    let word = c.read { ByteClass.isUpper($0) }
    guard word.count >= 4, word.count <= 16 else { return nil }
    let name = c.string(word)
    c.skipSpaces()
    guard c.skip("| ") else { return nil }
    let known = LogLevel(loose: name) ?? (name == "SUCCESS" ? .info : nil)
    let level = known ?? .info
    let afterLevel = c.index
    // `name:function:line - `: the module, the function and the line number.
    let location = c.read(until: UInt8(ascii: " "))
    let parts = c.string(location).split(separator: ":", omittingEmptySubsequences: false)
    if parts.count == 3, !parts[0].isEmpty, parts[2].allSatisfy(\.isNumber), c.skip(" - ") {
      let record = LogRecord(
        time: time, level: level, logger: String(parts[0]), message: c.string(c.rest))
      return (record, known == nil ? 0.8 : 1.0)
    }
    c.index = afterLevel
    return (LogRecord(time: time, level: level, message: c.string(c.rest)), 0.7)
  }
}
