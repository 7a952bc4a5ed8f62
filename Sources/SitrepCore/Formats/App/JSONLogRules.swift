/// JSON log lines from structlog, python-json-logger and similar.
///
/// Keys are looked up by their common spellings, straight from the line's bytes
/// (`JSONKeyScanner`); for records worth keeping everything else goes into `fields` as text. An
/// exception field may hold a whole traceback with `\n`s: it is assembled like a text one. A
/// record with an HTTP status and a duration is a request (`JSONRequestRecord`).
public struct JSONLogRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  static let timeKeys = ["timestamp", "time", "ts", "@timestamp", "asctime", "datetime", "created"]
  static let levelKeys = ["level", "levelname", "severity", "log.level", "lvl", "loglevel"]
  static let messageKeys = ["message", "msg", "event", "@message"]
  static let loggerKeys = ["logger", "name", "logger_name", "log.logger", "logger.name"]
  static let exceptionKeys = [
    "exception", "exc_info", "exc_text", "stack_trace", "error.stack", "error.stack_trace",
    "traceback", "stack", "error",
  ]

  public static let descriptor = FormatDescriptor(
    id: "json", role: .app,
    summary: "JSON log lines (structlog, python-json-logger): level, message, exception",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "json", rules: JSONLogRules(options: options), requests: sink)
    })

  /// One scanner per decoder: its buffers are reused line after line. It records only the keys
  /// the rules look for; the other keys of the few records that keep them are read again.
  private var scanner = {
    var s = JSONLogKeys.shared.scanner
    s.keepsMembers = false
    s.keepsOthers = true
    return s
  }()
  /// A second scanner recording every member, for the few records whose other keys are kept
  /// (`otherFields`): kept here so its buffers are reused too. A copy of `scanner` made for each
  /// such record copied the scanner's marks on every rescan (it shared them with `scanner`), 180
  /// of the 476 instructions a line those records cost on average (measured, callgrind).
  private var memberScanner = JSONLogKeys.shared.scanner

  /// The keys, held here: `JSONLogKeys.shared` read in the hot path asked the runtime whether it
  /// was made yet each time (`swift_once`, 29 instructions a line, callgrind).
  private let keys = JSONLogKeys.shared
  /// The last stamp's whole second: consecutive records mostly share it.
  private var stamps = SecondStampCache()
  /// The last exceptions read: an app fails the same way many times.
  private var tracebacks = RepeatedTracebacks()

  public static var readsBytes: Bool { true }
  /// Each line is one JSON object read on its own: a file may be read in chunks on every core.
  public static var readsLinesApart: Bool { true }

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    line.withLineBytes { outcome(bytes: $0, readAt: readAt) }
  }

  /// A record, a request (with its record when that is worth keeping), or `ignoredLine` for JSON
  /// that is neither; `nil` when the line is not one JSON object. The request comes back in the
  /// outcome (`recordingInto` is the decoder's way, which records it at once).
  public mutating func outcome(bytes line: LineBytes, readAt: EpochSeconds) -> LineOutcome? {
    let sink = RequestSink.collecting()
    guard var outcome = outcome(bytes: line, readAt: readAt, recordingInto: sink) else {
      return nil
    }
    outcome.recorded = nil
    outcome.requests = sink.collected
    outcome.routesAsWritten = true
    return outcome
  }

  /// `outcome(bytes:readAt:)`, a request recorded straight into `requests` from the line's bytes.
  public mutating func outcome(
    bytes line: LineBytes, readAt: EpochSeconds, recordingInto requests: RequestSink
  ) -> LineOutcome? {
    var outcome = LineOutcome(holding: .silent)
    guard decode(bytes: line, readAt: readAt, recordingInto: requests, into: &outcome) else {
      return nil
    }
    return outcome
  }

  /// `outcome(bytes:readAt:recordingInto:)` written into a fresh `outcome`: each branch writes its
  /// own part in place (returned, the outcome was copied once more and destroyed, measured).
  public mutating func decode(
    bytes line: LineBytes, readAt: EpochSeconds, recordingInto requests: RequestSink,
    into outcome: inout LineOutcome
  ) -> Bool {
    guard scanner.scan(line) else { return false }
    let keys = self.keys
    let time = Self.time(
      scanner, in: line, readAt: readAt, options: options, stamps: &stamps, keys: keys)
    let at = time ?? readAt
    let textFrom = options.recordTextFrom
    if let recorded = JSONRequestRecord.record(
      scanner, in: line, time: at, paths: keys.request, into: requests)
    {
      // The request is what matters; its record only when it says something went wrong.
      var exception: ExceptionInfo?
      if let head = Self.head(
        scanner, in: line, tracebacks: &tracebacks, exception: &exception, keys: keys),
        head.level >= .warning || exception != nil
      {
        outcome.hold(
          head.level < textFrom && exception == nil
            ? LogRecord(time: at, level: head.level, message: "")
            : Self.fullRecord(
              scanner, in: line, time: at, head: head, exception: exception,
              rescan: &memberScanner))
      }
      outcome.recorded = recorded
      return true
    }
    var exception: ExceptionInfo?
    guard
      let head = Self.head(
        scanner, in: line, tracebacks: &tracebacks, exception: &exception, keys: keys)
    else {
      outcome.ignored = true
      return true
    }
    // The usual line, a record below what the model keeps the text of, is built here: returned
    // from a function it was copied once more (measured).
    if head.level < textFrom, exception == nil {
      outcome.hold(LogRecord(time: at, level: head.level, message: ""))
    } else {
      outcome.hold(
        Self.fullRecord(
          scanner, in: line, time: at, head: head, exception: exception, rescan: &memberScanner))
    }
    return true
  }

  /// The scanned line's own time, when it has one that reads.
  static func time(
    _ s: JSONKeyScanner, in line: LineBytes, readAt: EpochSeconds, options: DecoderOptions
  ) -> EpochSeconds? {
    var stamps = SecondStampCache()
    return time(s, in: line, readAt: readAt, options: options, stamps: &stamps)
  }

  /// `time`, reading a plain string stamp through `stamps`.
  static func time(
    _ s: JSONKeyScanner, in line: LineBytes, readAt: EpochSeconds, options: DecoderOptions,
    stamps: inout SecondStampCache, keys: JSONLogKeys = .shared
  ) -> EpochSeconds? {
    guard let t = s.first(keys.time)?.value else { return nil }
    switch t.kind {
    case .number: return JSONSpanText.number(t, in: line).flatMap(TimestampParser.epochNumber)
    case .string where !t.escaped:
      return stamps.stamp(LineBytes(rebasing: line[t.range])) {
        TimestampParser.parse(bytes: $0, readAt: readAt, naiveZone: options.naiveZone)
      }
    case .string:
      return JSONSpanText.withDecoded(t, in: line) {
        TimestampParser.parse(bytes: $0, readAt: readAt, naiveZone: options.naiveZone)
      }
    default: return nil
    }
  }

  /// The record one line holds (for tests and one-off readers): `nil` when the line is not a JSON
  /// object with a message or a level.
  static func record(line: String, readAt: EpochSeconds, options: DecoderOptions) -> LogRecord? {
    var scanner = JSONLogKeys.shared.scanner
    return line.withLineBytes { bytes in
      guard scanner.scan(bytes) else { return nil }
      let time = Self.time(scanner, in: bytes, readAt: readAt, options: options)
      return record(scanner, in: bytes, time: time ?? readAt, keepIf: nil, textFrom: .debug)
    }
  }

  /// A record when the object has a message or a level; `nil` for other JSON. With `keepIf`, only
  /// a record of that level or worse, or carrying an exception. Below `textFrom`, a record without
  /// an exception is its time and level only (`DecoderOptions.recordTextFrom`).
  ///
  /// `fields` (the other keys, as text) are only built for records of WARNING or worse or with
  /// an exception: the model keeps nothing of lesser records, and building them was most of the
  /// cost of a line.
  static func record(
    _ s: JSONKeyScanner, in line: LineBytes, time: EpochSeconds, keepIf: LogLevel?,
    textFrom: LogLevel
  ) -> LogRecord? {
    var tracebacks = RepeatedTracebacks()
    return record(
      s, in: line, time: time, keepIf: keepIf, textFrom: textFrom, tracebacks: &tracebacks)
  }

  /// `record`, with the exceptions read through `tracebacks`.
  static func record(
    _ s: JSONKeyScanner, in line: LineBytes, time: EpochSeconds, keepIf: LogLevel?,
    textFrom: LogLevel, tracebacks: inout RepeatedTracebacks
  ) -> LogRecord? {
    var exception: ExceptionInfo?
    guard let head = head(s, in: line, tracebacks: &tracebacks, exception: &exception) else {
      return nil
    }
    if let keepIf, head.level < keepIf, exception == nil { return nil }
    if head.level < textFrom, exception == nil {
      return LogRecord(time: time, level: head.level, message: "")
    }
    var rescan = s
    return fullRecord(
      s, in: line, time: time, head: head, exception: exception, rescan: &rescan)
  }

  /// What makes a scanned object a record and tells how much of it is kept: its level, message
  /// and where its exception was, read before any String is built. Plain values only: the
  /// exception itself comes back apart (`head(_:in:tracebacks:exception:)`). A head holding it was
  /// copied and destroyed through the runtime's generic value witnesses (its optional's layout),
  /// about 130 instructions a JSON line (measured, callgrind).
  struct Head {
    var level: LogLevel
    var levelIndex: Int?
    var message: (index: Int, value: JSONSpan)?
    /// The spelling the exception was read under.
    var exceptionKey: Int?
  }

  /// The record's head, its exception (if one reads) written to `exception`; `nil` when the
  /// object has neither a message nor a level.
  static func head(
    _ s: JSONKeyScanner, in line: LineBytes, tracebacks: inout RepeatedTracebacks,
    exception: inout ExceptionInfo?, keys: JSONLogKeys = .shared
  ) -> Head? {
    let message = s.first(keys.message)
    let levelValue = s.first(keys.level)
    guard message != nil || levelValue != nil else { return nil }
    var head = Head(level: .info, levelIndex: levelValue?.index, message: message)
    if let l = levelValue {
      head.level = JSONSpanText.withDecoded(l.value, in: line) { Self.level($0) } ?? .info
    }
    // The first exception spelling present decides when it reads (nearly always); when it does
    // not, a later one may, as the walk over every spelling finds.
    if let (k, value) = s.first(keys.exception) {
      if let info = Self.exception(value, in: line, tracebacks: &tracebacks) {
        exception = info
        head.exceptionKey = k
      } else {
        for (k, path) in keys.exception.paths.enumerated() {
          guard let value = s.value(path),
            let info = Self.exception(value, in: line, tracebacks: &tracebacks)
          else { continue }
          exception = info
          head.exceptionKey = k
          break
        }
      }
    }
    return head
  }

  /// The exception a value holds, a string read through `tracebacks` (an object's bytes are not a
  /// string's).
  private static func exception(
    _ value: JSONSpan, in line: LineBytes, tracebacks: inout RepeatedTracebacks
  ) -> ExceptionInfo? {
    value.kind == .string
      ? tracebacks.exception(LineBytes(rebasing: line[value.range])) {
        Self.exception(value, in: line)
      } : Self.exception(value, in: line)
  }

  /// The record with its text: logger, message, `exception` and, for WARNING or worse or with an
  /// exception, the other keys as `fields`, read by scanning the line again with `rescan`.
  static func fullRecord(
    _ s: JSONKeyScanner, in line: LineBytes, time: EpochSeconds, head: Head,
    exception: ExceptionInfo?, rescan: inout JSONKeyScanner
  ) -> LogRecord {
    let keys = JSONLogKeys.shared
    var logger: String?
    let loggerValue = s.first(keys.logger)
    if let n = loggerValue, n.value.kind == .string {
      logger = JSONSpanText.display(n.value, in: line)
    }
    var fields: [String: String] = Dictionary()
    if head.level >= .warning || exception != nil {
      // The keys used above are left out, by their top-level name as the line reader did.
      var used: [String] = []
      // Room for all five at once: grown as they came, it was reallocated twice a record.
      used.reserveCapacity(5)
      if let t = s.first(keys.time) { used.append(keys.time.paths[t.index].topKey(in: s.table)) }
      if let l = head.levelIndex { used.append(keys.level.paths[l].topKey(in: s.table)) }
      if let m = head.message { used.append(keys.message.paths[m.index].topKey(in: s.table)) }
      if let n = loggerValue, logger != nil {
        used.append(keys.logger.paths[n.index].topKey(in: s.table))
      }
      if let e = head.exceptionKey { used.append(keys.exception.paths[e].topKey(in: s.table)) }
      fields =
        s.keepsOthers && !s.repeatsWantedKey
        ? otherFields(s, in: line, leaving: used)
        : otherFields(in: line, leaving: used, rescan: &rescan)
    }
    let text = head.message.map { JSONSpanText.display($0.value, in: line) } ?? ""
    return LogRecord(
      time: time, level: head.level, logger: logger, message: text, exception: exception,
      fields: fields)
  }

  /// Every top-level member but the `used` keys, as text, from what the scan kept: the wanted
  /// keys' values in its marks and the other members (`keepsOthers`). A line naming a wanted key
  /// twice is read again instead (`repeatsWantedKey`), where the last value of a key stands.
  private static func otherFields(_ s: JSONKeyScanner, in line: LineBytes, leaving used: [String])
    -> [String: String]
  {
    var fields: [String: String] = Dictionary()
    s.forEachFound { slot, value in
      let key = String(decoding: s.table.keys[slot], as: UTF8.self)
      guard !used.contains(key) else { return }
      fields[key] = JSONSpanText.display(value, in: line)
    }
    for other in s.others {
      let key = JSONSpanText.display(
        JSONSpan(kind: .string, range: other.key, escaped: other.keyEscaped), in: line)
      guard !used.contains(key) else { continue }
      fields[key] = JSONSpanText.display(other.value, in: line)
    }
    return fields
  }

  /// Every top-level member but the `used` keys, as text, read by scanning the line again with
  /// `rescan` (the first scan kept each wanted key's first value only).
  private static func otherFields(
    in line: LineBytes, leaving used: [String], rescan: inout JSONKeyScanner
  ) -> [String: String] {
    var fields: [String: String] = Dictionary()
    rescan.keepsMembers = true
    guard rescan.scan(line) else { return fields }
    for member in rescan.members {
      let key = JSONSpanText.display(
        JSONSpan(kind: .string, range: member.key, escaped: member.keyEscaped), in: line)
      guard !used.contains(key) else { continue }
      fields[key] = JSONSpanText.display(member.value, in: line)
    }
    return fields
  }

  /// `LogLevel(loose:)` over a value's bytes, without a String for the usual spellings.
  private static func level(_ bytes: LineBytes) -> LogLevel? {
    LogLevel(looseBytes: bytes)
  }

  /// The exception a value holds: a traceback or one-line error string, or an object read as
  /// `exception(_: JSONValue)` reads it (ECS `{"type", "message", "stack_trace"}`).
  static func exception(_ span: JSONSpan, in line: LineBytes) -> ExceptionInfo? {
    switch span.kind {
    case .string:
      guard !span.range.isEmpty else { return nil }
      let text = JSONSpanText.withDecoded(span, in: line) { String(decoding: $0, as: UTF8.self) }
      return TracebackAssembler.assemble(text: text)
    case .object:
      // Rare, so the whole object is read the old way.
      let object = JSONObject.parse(LineBytes(rebasing: line[span.range]))
      return object.flatMap { exception(.object($0)) }
    default:
      return nil
    }
  }

  static func time(_ value: JSONValue, readAt: EpochSeconds, options: DecoderOptions)
    -> EpochSeconds?
  {
    switch value {
    case .number(let n, _): return TimestampParser.epochNumber(n)
    case .string(let s):
      return TimestampParser.parse(s, readAt: readAt, naiveZone: options.naiveZone)
    default: return nil
    }
  }

  /// A traceback string, a one-line error, or an ECS-style `{"type", "message", "stack_trace"}`.
  static func exception(_ value: JSONValue) -> ExceptionInfo? {
    switch value {
    case .string(let s):
      guard !s.isEmpty else { return nil }
      return TracebackAssembler.assemble(text: s)
    case .object(let o):
      if let stack = o.first(["stack_trace", "stack", "traceback"])?.value.stringValue,
        var info = TracebackAssembler.assemble(text: stack)
      {
        if info.type == "Traceback" || info.type == "Error",
          let type = o["type"]?.stringValue ?? o["kind"]?.stringValue
        {
          info.type = TextSanitizer.display(type)
          info.message = TextSanitizer.display(o["message"]?.text ?? "")
        }
        return info
      }
      guard let type = o.first(["type", "kind", "class"])?.value.stringValue else { return nil }
      return ExceptionInfo(
        type: TextSanitizer.display(type), message: TextSanitizer.display(o["message"]?.text ?? ""))
    default:
      return nil
    }
  }

  static func score(_ line: String) -> Double {
    var scanner = JSONLogKeys.shared.scanner
    let keys = JSONLogKeys.shared
    let scored: Double? = line.withLineBytes { bytes in
      guard scanner.scan(bytes) else { return 0 }
      let hasMessage = scanner.first(keys.message) != nil
      let hasLevel = scanner.first(keys.level) != nil
      if hasMessage && hasLevel { return nil }  // a record, unless it is a web server's request
      if hasMessage || hasLevel { return 0.7 }
      return 0.2
    }
    if let scored { return scored }
    // A web server's access record is a request, not a log record: leave it to that format
    // (Caddy writes its 4xx/5xx at level error, which would read as app errors here).
    if let o = JSONObject.parse(line), CaddyRules.request(o) != nil { return 0.6 }
    return 1.0
  }
}
