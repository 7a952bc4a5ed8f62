/// uvicorn's console output: access lines (`INFO:     127.0.0.1:51234 - "GET /health HTTP/1.1"
/// 200 OK`, possibly ANSI-coloured), lifecycle lines and error records with tracebacks.
///
/// uvicorn writes no timestamp, so events take the time the line was read, and no duration, so
/// requests carry `durationMs == nil`. "Application startup complete." is a server restart.
/// Error records (`ERROR:    Exception in ASGI application` + traceback) become log records so
/// the exception is not lost even though the source's role is access.
///
/// The app uvicorn serves logs through Python logging to the same stream (a container's stderr):
/// a line uvicorn did not write but a Python logging header starts
/// (`2026-11-26 22:14:19,699 ERROR [app.requests] request failed`) is the app's record, with its
/// traceback, not a malformed line. Only when decoding: detection still scores uvicorn's own lines.
public final class UvicornDecoder: LineDecoder {
  public let formatID = "uvicorn"
  public var counts: LineCounts { tally.counts }

  private let options: DecoderOptions
  private var tally = LineTally()
  private var hold = RecordHold()
  private let requests: RequestSink
  public private(set) var lastLineMark = LineMark.plain

  public init(options: DecoderOptions, requests: RequestSink) {
    self.options = options
    self.requests = requests
  }

  public static let descriptor = FormatDescriptor(
    id: "uvicorn", role: .access,
    summary: "uvicorn console: access lines (no duration), startup/shutdown, errors",
    scoreLine: { score($0) }, makeDecoder: { UvicornDecoder(options: $0, requests: $1) })

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    let text = Self.clean(line)
    guard let parsed = text.withLineBytes({ Self.parse($0, readAt: readAt, options: options) })
    else {
      if let record = PythonLoggingRules.recordNamingLogger(
        text, readAt: readAt, naiveZone: options.naiveZone)
      {
        hold.hold(.log(record), releasingInto: &events)
        tally.parsed()
        lastLineMark = RecordHold.mark(of: .log(record))
        return
      }
      let answer = hold.continuation(text)
      lastLineMark = hold.mark(ofContinuation: answer)
      switch answer {
      case .parsed: tally.parsed()
      case .ignored: tally.ignored()
      case nil: tally.malformed(line)
      }
      return
    }
    switch parsed.kind {
    case .request(let request):
      hold.release(into: &events)
      tally.parsed()
      lastLineMark = LineMark(isError: request.status >= 500)
      if !requests.record(request) { tally.future() }
    case .restart:
      hold.hold(.silent, releasingInto: &events)
      events.append(
        .deploy(DeployEvent(time: parsed.time, kind: .restart, service: options.service)))
      tally.parsed()
      lastLineMark = .plain
    case .record(let record):
      hold.hold(.log(record), releasingInto: &events)
      tally.parsed()
      lastLineMark = RecordHold.mark(of: .log(record))
    case .other:
      hold.hold(.silent, releasingInto: &events)
      tally.ignored()
      lastLineMark = .plain
    }
  }

  public func flush(into events: inout [Event]) { hold.release(into: &events) }

  // MARK: - Parsing

  enum Kind {
    case request(Request)
    case restart
    case record(LogRecord)
    case other
  }

  struct Parsed {
    var time: EpochSeconds
    var kind: Kind
  }

  static func clean(_ line: LineBytes) -> String {
    let stripped = TextSanitizer.stripANSI(line)
    return stripped.withUnsafeBufferPointer { TextSanitizer.display($0) }
  }

  /// `LEVEL:` then padding then the message. An optional leading ISO timestamp (custom log
  /// configs) supplies the time.
  static func parse(_ bytes: LineBytes, readAt: EpochSeconds, options: DecoderOptions) -> Parsed? {
    var c = ByteCursor(bytes)
    var time = readAt
    if let stamp = TimestampParser.iso8601(&c, naiveZone: options.naiveZone) {
      time = stamp
      c.skipSpaces()
    }
    let levelRange = c.read { ByteClass.isUpper($0) }
    guard !levelRange.isEmpty, c.skip(UInt8(ascii: ":")), c.skipSpaces() > 0 else { return nil }
    let levelText = c.string(levelRange)
    guard let level = LogLevel(loose: levelText) else { return nil }
    let message = c.rest
    if let request = accessLine(bytes, message, time: time) {
      return Parsed(time: time, kind: .request(request))
    }
    let text = c.string(message)
    if text.hasPrefix("Application startup complete") {
      return Parsed(time: time, kind: .restart)
    }
    if level >= .warning {
      return Parsed(
        time: time,
        kind: .record(LogRecord(time: time, level: level, logger: "uvicorn", message: text)))
    }
    return Parsed(time: time, kind: .other)
  }

  /// `127.0.0.1:51234 - "GET /health HTTP/1.1" 200 OK` (the status phrase is optional).
  static func accessLine(_ bytes: LineBytes, _ range: Range<Int>, time: EpochSeconds)
    -> Request?
  {
    var c = ByteCursor(bytes, at: range.lowerBound)
    let clientRange = c.readToken()
    guard c.skipSpaces() > 0, c.skip(UInt8(ascii: "-")), c.skipSpaces() > 0,
      let request = AccessLineParser.quoted(&c), c.skipSpaces() > 0,
      let status = c.readInt(minDigits: 3, maxDigits: 3)
    else { return nil }
    guard c.isAtEnd || c.peek == UInt8(ascii: " ") else { return nil }
    var method = "-"
    var path = "-"
    if let line = RequestLine.parse(bytes, request) {
      method = ByteClass.string(bytes, line.method)
      path = ByteClass.string(bytes, line.path)
    }
    return Request(
      time: time, method: method, path: path, route: "-", status: status, durationMs: nil,
      client: hostWithoutPort(ByteClass.string(bytes, clientRange)))
  }

  /// uvicorn prints `host:port` (IPv6 without brackets: `::1:51234`); the port is noise for
  /// the dashboard, so it is dropped.
  static func hostWithoutPort(_ client: String) -> String {
    var host = Substring(client)
    if let colon = host.lastIndex(of: ":"),
      host[host.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isNumber }),
      colon != host.startIndex
    {
      host = host[..<colon]
    }
    if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
    return host.isEmpty ? "-" : String(host)
  }

  static func score(_ line: String) -> Double {
    let text = line.withLineBytes { clean($0) }
    return text.withLineBytes { bytes in
      guard let parsed = parse(bytes, readAt: 0, options: DecoderOptions()) else { return 0 }
      // `INFO:     ` padding to column 10 is uvicorn's signature; Python's default
      // `INFO:name:msg` has no space after the colon.
      let padded = bytes.count > 9 && bytes[9] == UInt8(ascii: " ")
      switch parsed.kind {
      case .request: return 1.0
      case .restart: return 1.0
      case .record, .other: return padded ? 0.9 : 0.4
      }
    }
  }
}
