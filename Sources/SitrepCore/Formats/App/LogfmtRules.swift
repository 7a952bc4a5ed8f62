/// logfmt records: `time=... level=info logger=app msg="text" key=value`.
///
/// `error=` (also `err=`, `exception=`) becomes the record's exception: `"KeyError: 77"` reads
/// as type and message, a traceback value is assembled, other text is type `Error`.
public struct LogfmtRules: LineRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  static let timeKeys: Set<String> = ["time", "ts", "timestamp", "t", "@timestamp"]
  static let levelKeys: Set<String> = ["level", "lvl", "severity", "levelname"]
  static let messageKeys: Set<String> = ["msg", "message", "event"]
  static let loggerKeys: Set<String> = ["logger", "name", "logger_name", "module", "component"]
  static let errorKeys: Set<String> = ["error", "err", "exception", "exc_info"]

  public static let descriptor = FormatDescriptor(
    id: "logfmt", role: .app,
    summary: "logfmt records (time= level= msg= error=)",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      HoldingDecoder(formatID: "logfmt", rules: LogfmtRules(options: options), requests: sink)
    })

  public mutating func outcome(for line: String, readAt: EpochSeconds) -> LineOutcome? {
    guard let pairs = line.withLineBytes({ Logfmt.parse($0) }),
      let record = Self.record(pairs, readAt: readAt, options: options)
    else { return nil }
    return LineOutcome(hold: .log(record))
  }

  static func record(
    _ pairs: [(key: String, value: String)], readAt: EpochSeconds, options: DecoderOptions
  ) -> LogRecord? {
    var time = readAt
    var level: LogLevel?
    var message: String?
    var logger: String?
    var exception: ExceptionInfo?
    var fields: [String: String] = [:]
    for (key, value) in pairs {
      if timeKeys.contains(key),
        let t = TimestampParser.parse(
          value, readAt: readAt, naiveZone: options.naiveZone)
      {
        time = t
      } else if levelKeys.contains(key), level == nil, let l = LogLevel(loose: value) {
        level = l
      } else if messageKeys.contains(key), message == nil {
        message = TextSanitizer.display(value)
      } else if loggerKeys.contains(key), logger == nil {
        logger = TextSanitizer.display(value)
      } else if errorKeys.contains(key), exception == nil, !value.isEmpty {
        exception = TracebackAssembler.assemble(text: value)
      } else {
        fields[key] = TextSanitizer.display(value)
      }
    }
    guard level != nil || message != nil else { return nil }
    return LogRecord(
      time: time, level: level ?? .info, logger: logger, message: message ?? "",
      exception: exception, fields: fields)
  }

  static func score(_ line: String) -> Double {
    guard let pairs = line.withLineBytes({ Logfmt.parse($0) }) else { return 0 }
    let keys = Set(pairs.map(\.key))
    let hasLevel = !keys.isDisjoint(with: levelKeys)
    let hasMessage = !keys.isDisjoint(with: messageKeys)
    if hasLevel && hasMessage { return 1.0 }
    if hasLevel || hasMessage { return 0.8 }
    return 0.3
  }
}
