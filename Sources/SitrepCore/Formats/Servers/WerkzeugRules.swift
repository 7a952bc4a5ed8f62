import Glibc

/// Werkzeug's development server (`flask run`): `127.0.0.1 - - [26/Nov/2026 16:15:42] "GET /
/// HTTP/1.1" 200 -`, with ANSI colours inside the quotes on every status but 200 (stripped before
/// reading). The stamp has no zone (local time, read in the source's zone), the size is `-` or
/// bytes, and there is no duration. Flask's `[time] ERROR in app: Exception on /x [GET]` records
/// and their tracebacks are app records; ` * Running on ...` after the banner is a restart.
public struct WerkzeugRules: ServerLogRules {
  let options: DecoderOptions
  private var stamps = RepeatedStampCache()
  /// Inside the ` * ...` banner (its warning lines included): only its first line is the
  /// restart. A request or a record ends it.
  private var inBanner = false

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "werkzeug", role: .access,
    summary: "Flask/Werkzeug dev server: requests (no duration, ANSI-coloured), Flask errors",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      ServerLogDecoder(formatID: "werkzeug", rules: WerkzeugRules(options: options), requests: sink)
    })

  public var headlessTracebacks: Bool { false }

  public mutating func request(_ line: LineBytes, readAt: EpochSeconds, into sink: RequestSink)
    -> RecordedRequest?
  {
    // Colour codes sit inside the quotes: read a stripped copy (only coloured lines pay for it).
    if let base = line.baseAddress, memchr(base, 0x1B, line.count) != nil {
      let stripped = TextSanitizer.stripANSI(line)
      return stripped.withUnsafeBufferPointer { plain in
        guard let request = Self.accessLine(plain, naiveZone: options.naiveZone, stamps: &stamps)
        else { return nil }
        inBanner = false
        return RecordedRequest(
          time: request.time, kept: request.record(plain, into: sink), status: request.status)
      }
    }
    guard let request = Self.accessLine(line, naiveZone: options.naiveZone, stamps: &stamps)
    else { return nil }
    inBanner = false
    return RecordedRequest(
      time: request.time, kept: request.record(line, into: sink), status: request.status)
  }

  public mutating func outcome(for text: String, readAt: EpochSeconds) -> ServerOutcome? {
    if text.hasPrefix(" * ") {
      // ` * Serving Flask app`, ` * Running on http://...`, ` * Restarting with stat`.
      defer { inBanner = true }
      if !inBanner {
        let restart = DeployEvent(time: readAt, kind: .restart, service: options.service)
        return ServerOutcome(LineOutcome(emit: [.deploy(restart)]), time: nil)
      }
      return .ignored(time: nil)
    }
    if text.hasPrefix("Press CTRL+C to quit")
      || text.hasPrefix("WARNING: This is a development server")
    {
      return .ignored(time: nil)
    }
    return text.withLineBytes { bytes in
      if let record = Self.flaskRecord(bytes, naiveZone: options.naiveZone) {
        inBanner = false
        return ServerOutcome(LineOutcome(hold: .log(record)), time: record.time)
      }
      // `127.0.0.1 - - [date] code 400, message Bad request syntax (...)`: the request line
      // that follows counts the request.
      var c = ByteCursor(bytes)
      if c.readClient() != nil, c.skip(" - - ["),
        let time = TimestampParser.clfSpaced(&c, naiveZone: options.naiveZone),
        c.skip("] ")
      {
        return .ignored(time: time)
      }
      if let h = PythonLoggingRules.header(bytes, readAt: readAt, naiveZone: options.naiveZone) {
        return ServerOutcome(LineOutcome(hold: .log(h.record)), time: h.record.time)
      }
      return nil
    }
  }

  /// `client - - [26/Nov/2026 16:15:42] "request" status size`.
  static func accessLine(
    _ line: LineBytes, naiveZone: NaiveZone, stamps: inout RepeatedStampCache
  ) -> ServerRequest? {
    var c = ByteCursor(line)
    guard let client = c.readClient(), c.skip(UInt8(ascii: " ")), !c.readToken().isEmpty,
      c.skip(UInt8(ascii: " ")), !c.readToken().isEmpty, c.skip(" ["),
      let time = stamps.stamp(&c, parse: { TimestampParser.clfSpaced(&$0, naiveZone: naiveZone) }),
      c.skip("] "), let quoted = AccessLineParser.quoted(&c), c.skip(UInt8(ascii: " ")),
      let status = c.readInt(minDigits: 3, maxDigits: 3), c.skip(UInt8(ascii: " "))
    else { return nil }
    var bytes: Int?
    if !c.skip(UInt8(ascii: "-")) {
      guard let n = c.readInt(maxDigits: 18) else { return nil }
      bytes = n
    }
    c.skipSpaces()
    c.skip(UInt8(ascii: "\r"))
    guard c.isAtEnd else { return nil }
    let parts = RequestLine.parse(line, quoted)
    return ServerRequest(
      time: time, status: status, durationMs: nil, method: parts?.method, path: parts?.path,
      bytes: bytes, client: client)
  }

  /// Flask's default handler: `[2026-11-26 16:15:42,814] ERROR in app: Exception on /x [GET]`.
  static func flaskRecord(_ bytes: LineBytes, naiveZone: NaiveZone) -> LogRecord? {
    var c = ByteCursor(bytes)
    guard c.skip(UInt8(ascii: "[")), let time = TimestampParser.iso8601(&c, naiveZone: naiveZone),
      c.skip("] ")
    else { return nil }
    let levelRange = c.read { ByteClass.isUpper($0) }
    guard let level = PythonLoggingRules.levelWord(c, levelRange), c.skip(" in ") else {
      return nil
    }
    let module = c.read { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: " ") }
    guard !module.isEmpty, c.skip(": ") else { return nil }
    return LogRecord(
      time: time, level: level, logger: c.string(module), message: c.string(c.rest))
  }

  static func score(_ line: String) -> Double {
    line.withLineBytes { bytes in
      var stamps = RepeatedStampCache()
      if accessLine(bytes, naiveZone: 0, stamps: &stamps) != nil { return 1.0 }
      if flaskRecord(bytes, naiveZone: 0) != nil { return 0.9 }
      if line.hasPrefix("Press CTRL+C to quit")
        || line.hasPrefix("WARNING: This is a development server")
      {
        return 0.8
      }
      return 0
    }
  }
}
