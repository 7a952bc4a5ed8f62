/// Hypercorn's access log: its logger's `[time] [pid] [INFO] ` then a combined-like record,
/// `127.0.0.1:41370 - - [26/Nov/2026:16:03:15 +0000] "GET /api/orders/3 1.1" 200 27 "-" "UA"`.
/// The request has no query string and `1.1` for `HTTP/1.1`; the user agent is written raw, so
/// it may hold unescaped quotes (it runs to the line's last quote). No duration by default; a
/// number after the agent (`%(D)s` µs or `%(L)s` s, as gunicorn's) is read when configured.
/// Hypercorn's own records (`Error in ASGI Framework` + traceback) share gunicorn's shape;
/// `Running on ...` is a restart.
public struct HypercornRules: ServerLogRules {
  let options: DecoderOptions
  private var stamps = RepeatedStampCache()

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "hypercorn", role: .access,
    summary: "Hypercorn access log ([time] [pid] [INFO] + combined, `1.1` protocol) and errors",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      ServerLogDecoder(
        formatID: "hypercorn", rules: HypercornRules(options: options), requests: sink)
    })

  public var headlessTracebacks: Bool { false }

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
    guard
      let record = text.withLineBytes({
        GunicornErrorRules.header($0, naiveZone: options.naiveZone)
      })
    else { return nil }
    var hypercorn = record
    hypercorn.logger = "hypercorn.error"
    var emit: [Event] = []
    if record.message.hasPrefix("Running on ") {
      emit.append(.deploy(DeployEvent(time: record.time, kind: .restart, service: options.service)))
    }
    return ServerOutcome(LineOutcome(hold: .log(hypercorn), emit: emit), time: record.time)
  }

  /// The logger's prefix (optional: a custom log config may drop it), then the record.
  static func accessLine(
    _ line: LineBytes, naiveZone: NaiveZone, stamps: inout RepeatedStampCache
  ) -> ServerRequest? {
    var c = ByteCursor(line)
    if c.peek == UInt8(ascii: "[") {
      guard skipPrefix(&c) else { return nil }
    }
    guard let client = c.readClient(), c.skip(UInt8(ascii: " ")), !c.readToken().isEmpty,
      c.skip(UInt8(ascii: " ")), !c.readToken().isEmpty, c.skip(" ["),
      let time = stamps.stamp(&c, parse: { TimestampParser.clf(&$0, naiveZone: naiveZone) }),
      c.skip("] \"")
    else { return nil }
    // The request line cannot hold a quote (the path is percent-encoded on the wire).
    let requestStart = c.index
    let requestRange = c.read(until: UInt8(ascii: "\""))
    guard c.skip("\" "), let status = c.readInt(minDigits: 3, maxDigits: 3),
      c.skip(UInt8(ascii: " "))
    else { return nil }
    var bytes: Int?
    if !c.skip(UInt8(ascii: "-")) {
      guard let n = c.readInt(maxDigits: 18) else { return nil }
      bytes = n
    }
    guard requestRange.lowerBound == requestStart,
      let proto = ServerRequestLine.protocolWord(line, requestRange),
      !line[proto].starts(with: "HTTP/".utf8)
    else { return nil }
    let parts = ServerRequestLine.parse(line, requestRange)
    // `"referer" "agent"[ trailing]`: the agent runs to the last quote of the line.
    var agent: Range<Int>?
    var durationMs: Double?
    if c.skip(" \"") {
      var last = line.count
      while last > c.index, line[last - 1] != UInt8(ascii: "\"") { last -= 1 }
      guard last > c.index else { return nil }
      let quotedEnd = last - 1
      if let split = UWSGIRules.find("\" \"", in: line, from: c.index), split + 3 <= quotedEnd {
        agent = (split + 3)..<quotedEnd
      }
      var trailing = last..<line.count
      while let b = trailing.first.map({ line[$0] }), b == 0x20 { trailing = trailing.dropFirst() }
      while let b = trailing.last.map({ line[$0] }), b == 0x20 || b == 0x0D {
        trailing = trailing.dropLast()
      }
      if !trailing.isEmpty {
        guard let value = TrailingTimes.gunicorn(line, trailing, integerUnit: .microseconds)
        else { return nil }
        durationMs = value
      }
    } else {
      c.skipSpaces()
      c.skip(UInt8(ascii: "\r"))
      guard c.isAtEnd else { return nil }
    }
    return ServerRequest(
      time: time, status: status, durationMs: durationMs, method: parts?.method, path: parts?.path,
      bytes: bytes, client: client, userAgent: agent)
  }

  /// `[2026-11-26 16:15:48 +0000] [21498] [INFO] `.
  static func skipPrefix(_ c: inout ByteCursor) -> Bool {
    guard c.skip(UInt8(ascii: "[")) else { return false }
    _ = c.read(until: UInt8(ascii: "]"))
    guard c.skip("] [") else { return false }
    guard c.readInt(maxDigits: 10) != nil, c.skip("] [") else { return false }
    guard !c.read(while: { ByteClass.isAlpha($0) }).isEmpty, c.skip("] ") else { return false }
    return true
  }

  static func score(_ line: String) -> Double {
    line.withLineBytes { bytes in
      var stamps = RepeatedStampCache()
      if let request = accessLine(bytes, naiveZone: 0, stamps: &stamps) {
        // Without the logger's prefix the record is close to nginx's combined: the `1.1`
        // protocol is what tells it apart, and nginx-combined scores such a line 0.9.
        _ = request
        return bytes.first == UInt8(ascii: "[") ? 1.0 : 0.9
      }
      // Hypercorn's own records: a pure error log stays gunicorn-error's (it scores them 1.0),
      // as confidently as before (0.3 behind keeps its full confidence).
      return GunicornErrorRules.header(bytes, naiveZone: 0) == nil ? 0 : 0.7
    }
  }
}
