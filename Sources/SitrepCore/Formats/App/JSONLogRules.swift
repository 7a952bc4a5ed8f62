/// JSON log lines from structlog, python-json-logger and similar.
///
/// Keys are looked up by their common spellings; everything else goes into `fields` as text. An
/// exception field may hold a whole traceback with `\n`s: it is assembled like a text one.
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

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let object = JSONObject.parse(line) else { return nil }
    guard let record = Self.record(object, readAt: readAt, options: options) else {
      return .ignoredLine
    }
    return LineOutcome(hold: .log(record))
  }

  /// A record when the object has a message or a level; `nil` for other JSON.
  static func record(_ o: JSONObject, readAt: EpochSeconds, options: DecoderOptions) -> LogRecord? {
    let message = o.first(messageKeys)
    let levelValue = o.first(levelKeys)
    guard message != nil || levelValue != nil else { return nil }
    // A handful of keys at most: a linear list beats hashing into a set per line.
    var used: [String] = []
    var time = readAt
    if let t = o.first(timeKeys) {
      used.append(topKey(t.key))
      if let parsed = Self.time(t.value, readAt: readAt, options: options) { time = parsed }
    }
    var level = LogLevel.info
    if let l = levelValue {
      used.append(topKey(l.key))
      level = LogLevel(loose: l.value.text) ?? .info
    }
    if let m = message { used.append(topKey(m.key)) }
    var logger: String?
    if let n = o.first(loggerKeys), n.value.stringValue != nil {
      used.append(topKey(n.key))
      logger = TextSanitizer.display(n.value.text)
    }
    var exception: ExceptionInfo?
    for key in exceptionKeys {
      guard let value = o[key], let info = Self.exception(value) else { continue }
      exception = info
      used.append(topKey(key))
      break
    }
    var fields: [String: String] = [:]
    for (key, value) in o.entries where !used.contains(key) {
      fields[TextSanitizer.display(key)] = TextSanitizer.display(value.text)
    }
    return LogRecord(
      time: time, level: level, logger: logger,
      message: TextSanitizer.display(message?.value.text ?? ""), exception: exception,
      fields: fields)
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

  private static func topKey(_ key: String) -> String {
    guard let dot = key.utf8.firstIndex(of: UInt8(ascii: ".")) else { return key }
    return String(key[..<dot])
  }

  static func score(_ line: String) -> Double {
    guard let o = JSONObject.parse(line) else { return 0 }
    // A web server's access record is a request, not a log record: leave it to that format
    // (Caddy writes its 4xx/5xx at level error, which would read as app errors here).
    if CaddyRules.request(o) != nil { return 0.6 }
    let hasMessage = o.first(messageKeys) != nil
    let hasLevel = o.first(levelKeys) != nil
    if hasMessage && hasLevel { return 1.0 }
    if hasMessage || hasLevel { return 0.7 }
    return 0.2
  }
}
