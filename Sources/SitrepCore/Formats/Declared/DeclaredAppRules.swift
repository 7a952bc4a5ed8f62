/// The `LineRules` of an application log written with a declared format (a Python logging
/// `format`, a regex with `level`/`message` groups). A line that matches starts a record; one that
/// does not may be a traceback line of the record before (`HoldingDecoder` joins it).
struct DeclaredAppRules<Matcher: DeclaredMatcher>: LineRules {
  let matcher: Matcher
  let options: DecoderOptions
  /// A definition with neither a time nor a level (`%(message)s` alone) matches every line, so a
  /// line that looks like part of a traceback is left to the traceback.
  let anchored: Bool
  private var stamps = RepeatedStampCache()

  init(matcher: Matcher, options: DecoderOptions) {
    self.matcher = matcher
    self.options = options
    anchored = matcher.meanings.contains { $0 == .time || $0 == .level || $0 == .levelNumber }
  }

  mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    if !anchored, TracebackAssembler.looksLikeContinuation(line) { return nil }
    guard let record = record(line, readAt: readAt) else { return nil }
    return LineOutcome(hold: .log(record))
  }

  /// The record a line starts; nil when it does not fit the definition.
  mutating func record(_ line: String, readAt: EpochSeconds) -> LogRecord? {
    let naiveZone = options.naiveZone
    return line.withLineBytes { bytes -> LogRecord? in
      var f = MatchedFields()
      guard
        matcher.match(bytes, readAt: readAt, naiveZone: naiveZone, stamps: &stamps, into: &f)
      else { return nil }
      let message = f.message.map { ByteClass.string(bytes, $0) } ?? ""
      let logger = f.logger.map { ByteClass.string(bytes, $0) }.flatMap { $0.isEmpty ? nil : $0 }
      // The level the line wrote; a definition without one reads every record as INFO.
      return LogRecord(
        time: f.timeWithMsecs ?? readAt, level: f.level ?? .info, logger: logger, message: message)
    }
  }
}
