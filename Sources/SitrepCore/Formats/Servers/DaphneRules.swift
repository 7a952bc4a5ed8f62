/// Daphne's access log: `127.0.0.1:51004 - - [26/Nov/2026:16:02:09] "GET /health" 200 15`: the
/// client with its port, a local time with no zone (read in the source's zone), the request
/// without protocol (the query string kept), no duration. Daphne's own records
/// (`2026-11-26 16:15:54,143 ERROR    Exception inside application: ...` + traceback) are Python
/// logging records when they share the file; `Starting server at` is a restart.
public struct DaphneRules: ServerLogRules {
  let options: DecoderOptions
  private var stamps = RepeatedStampCache()

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "daphne", role: .access,
    summary: "Daphne access log (host:port, no zone, no protocol) and its logging records",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      ServerLogDecoder(formatID: "daphne", rules: DaphneRules(options: options), requests: sink)
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
      let h = text.withLineBytes({
        PythonLoggingRules.header($0, readAt: readAt, naiveZone: options.naiveZone)
      })
    else { return nil }
    var emit: [Event] = []
    if h.record.message.hasPrefix("Starting server at") {
      emit.append(
        .deploy(DeployEvent(time: h.record.time, kind: .restart, service: options.service)))
    }
    return ServerOutcome(LineOutcome(hold: .log(h.record), emit: emit), time: h.record.time)
  }

  /// `host:port - - [26/Nov/2026:16:02:09] "METHOD target" status size`.
  static func accessLine(
    _ line: LineBytes, naiveZone: NaiveZone, stamps: inout RepeatedStampCache
  ) -> ServerRequest? {
    var c = ByteCursor(line)
    guard let client = c.readClient(), c.skip(UInt8(ascii: " ")), !c.readToken().isEmpty,
      c.skip(UInt8(ascii: " ")), !c.readToken().isEmpty, c.skip(" ["),
      let time = stamps.stamp(&c, parse: { TimestampParser.clf(&$0, naiveZone: naiveZone) }),
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
    let parts = ServerRequestLine.parse(line, quoted)
    return ServerRequest(
      time: time, status: status, durationMs: nil, method: parts?.method, path: parts?.path,
      bytes: bytes, client: client)
  }

  /// `2026-11-26 16:15:54,143 ERROR    message`: the level padded to eight columns.
  static func isOwnRecord(_ bytes: LineBytes) -> Bool {
    var c = ByteCursor(bytes)
    guard TimestampParser.iso8601(&c, naiveZone: 0) != nil, c.skip(UInt8(ascii: " ")) else {
      return false
    }
    let start = c.index
    let level = c.read { ByteClass.isUpper($0) }
    guard PythonLoggingRules.levelWord(c, level) != nil, c.remaining > 9 - level.count else {
      return false
    }
    for i in level.upperBound..<(start + 9) where bytes[i] != 0x20 { return false }
    return bytes[start + 9] != 0x20
  }

  static func score(_ line: String) -> Double {
    line.withLineBytes { bytes in
      var stamps = RepeatedStampCache()
      if let request = accessLine(bytes, naiveZone: 0, stamps: &stamps) {
        // Common Log Format reads this line too (apache-common scores it 1.0); Daphne's marks
        // are a client with a port, a stamp with no zone and a request with no protocol.
        var zoneless = false
        if let open = bytes.firstIndex(of: UInt8(ascii: "[")),
          let close = bytes.firstIndex(of: UInt8(ascii: "]")), open < close
        {
          zoneless = !bytes[open..<close].contains(0x20)
        }
        let hasPort =
          request.client.map { bytes[$0].contains(UInt8(ascii: ":")) } ?? false
        var target = 0..<0
        if let open = bytes.firstIndex(of: UInt8(ascii: "\"")) {
          var c = ByteCursor(bytes, at: open)
          target = AccessLineParser.quoted(&c) ?? 0..<0
        }
        let noProtocol = ServerRequestLine.protocolWord(bytes, target) == nil
        return hasPort && noProtocol && zoneless ? 1.0 : 0.5
      }
      // Daphne's logging records (`%(asctime)-15s %(levelname)-8s %(message)s`): a pure server
      // log stays python-logging's (0.9 on them), as confidently as before (0.3 behind).
      return isOwnRecord(bytes) ? 0.6 : 0
    }
  }
}
