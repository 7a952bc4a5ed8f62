/// Django's `runserver`: `[26/Nov/2026 10:15:44] "GET /health HTTP/1.1" 200 16` (no client, no
/// zone: `server_time` is local time in Django's TIME_ZONE, America/Chicago unless settings say
/// otherwise, so the source's zone must be right; no duration).
///
/// `django.request` writes `Internal Server Error: /x` + traceback and `Not Found: /x` with no
/// time at all, before the request's own line: they take that line's time (see
/// `ServerLogDecoder`). The banner's `Starting development server at` is a restart.
public struct DjangoRunserverRules: ServerLogRules {
  let options: DecoderOptions
  private var stamps = RepeatedStampCache()

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "django-runserver", role: .access,
    summary: "Django runserver: [time] \"request\" status size (local time), errors, 404 notes",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      ServerLogDecoder(
        formatID: "django-runserver", rules: DjangoRunserverRules(options: options),
        requests: sink)
    })

  public var headlessTracebacks: Bool { false }

  /// `django.request`'s messages: the phrase before `: /path` and the level it logs it at.
  static let requestNotes: [(prefix: String, level: LogLevel)] = [
    ("Internal Server Error: ", .error), ("Service Unavailable: ", .error),
    ("Not Found: ", .warning), ("Bad Request: ", .warning), ("Forbidden", .warning),
    ("Method Not Allowed", .warning), ("Unauthorized: ", .warning), ("Gone: ", .warning),
  ]

  /// The banner and notices runserver prints around its requests.
  static let bannerPrefixes = [
    "Performing system checks", "System check identified", "Django version ",
    "Quit the server with", "Watching for file changes", "WARNING: This is a development server",
    "For more information on production servers", "You have ", "Run 'python manage.py migrate'",
  ]

  public mutating func request(_ line: LineBytes, readAt: EpochSeconds, into sink: RequestSink)
    -> RecordedRequest?
  {
    guard let request = Self.accessLine(line, naiveZone: options.naiveZone, stamps: &stamps) else {
      return nil
    }
    return RecordedRequest(
      time: request.time, kept: request.record(line, into: sink), status: request.status)
  }

  public mutating func outcome(for text: String, readAt: EpochSeconds) -> ServerOutcome? {
    for note in Self.requestNotes where text.hasPrefix(note.prefix) {
      let record = LogRecord(
        time: readAt, level: note.level, logger: "django.request", message: text)
      return ServerOutcome(LineOutcome(hold: .log(record)), time: nil)
    }
    if text.hasPrefix("Starting development server at")
      || text.hasPrefix("Starting ASGI/Daphne")
    {
      let restart = DeployEvent(time: readAt, kind: .restart, service: options.service)
      return ServerOutcome(LineOutcome(emit: [.deploy(restart)]), time: nil)
    }
    for prefix in Self.bannerPrefixes where text.hasPrefix(prefix) { return .ignored(time: nil) }
    // `November 26, 2026 - 10:15:44`, the banner's start time; and `[time] code 400, message
    // ...`, which a request line follows.
    if Self.isBannerDate(text) { return .ignored(time: nil) }
    return text.withLineBytes { bytes in
      var c = ByteCursor(bytes)
      guard c.skip(UInt8(ascii: "[")),
        let time = TimestampParser.clfSpaced(&c, naiveZone: options.naiveZone), c.skip("] ")
      else { return nil }
      return .ignored(time: time)
    }
  }

  /// `[26/Nov/2026 10:15:44] "request" status size`.
  static func accessLine(
    _ line: LineBytes, naiveZone: NaiveZone, stamps: inout RepeatedStampCache
  ) -> ServerRequest? {
    var c = ByteCursor(line)
    guard c.skip(UInt8(ascii: "[")),
      let time = stamps.stamp(&c, parse: { TimestampParser.clfSpaced(&$0, naiveZone: naiveZone) }),
      c.skip("] "), let quoted = AccessLineParser.quoted(&c), c.skip(UInt8(ascii: " ")),
      let status = c.readInt(minDigits: 3, maxDigits: 3), c.skip(UInt8(ascii: " ")),
      let size = c.readInt(maxDigits: 18)
    else { return nil }
    c.skipSpaces()
    c.skip(UInt8(ascii: "\r"))
    guard c.isAtEnd else { return nil }
    let parts = RequestLine.parse(line, quoted)
    return ServerRequest(
      time: time, status: status, durationMs: nil, method: parts?.method, path: parts?.path,
      bytes: size)
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  static func isBannerDate(_ text: String) -> Bool {
    guard let month = monthNames.first(where: { text.hasPrefix($0 + " ") }) else { return false }
    let rest = text.dropFirst(month.count + 1)
    return rest.contains(", ") && rest.contains(" - ") && rest.count <= 24
  }

  static func score(_ line: String) -> Double {
    line.withLineBytes { bytes in
      var stamps = RepeatedStampCache()
      if accessLine(bytes, naiveZone: 0, stamps: &stamps) != nil { return 1.0 }
      if requestNotes.contains(where: { line.hasPrefix($0.prefix) })
        || line.hasPrefix("Starting development server at") || isBannerDate(line)
        || bannerPrefixes.contains(where: { line.hasPrefix($0) })
      {
        return 0.8
      }
      return 0
    }
  }
}
