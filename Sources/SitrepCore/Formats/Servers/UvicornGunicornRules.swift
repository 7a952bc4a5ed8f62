/// uvicorn run by gunicorn's uvicorn worker: gunicorn's access logger writes uvicorn's message
/// bare (`127.0.0.1:49598 - "GET /health HTTP/1.1" 200`, `access_log_format` is ignored), so a
/// line has no time (it takes the read time, as uvicorn's do), no size and no duration. When
/// the access and error logs share a file, gunicorn's `[time] [pid] [LEVEL] message` records and
/// their tracebacks (`Exception in ASGI application`) are read as gunicorn-error reads them.
public struct UvicornGunicornRules: ServerLogRules {
  private var errorLog: GunicornErrorRules

  public init(options: DecoderOptions) { errorLog = GunicornErrorRules(options: options) }

  public static let descriptor = FormatDescriptor(
    id: "uvicorn-gunicorn", role: .access,
    summary: "uvicorn under gunicorn's worker: bare `host:port - \"request\" status` lines, errors",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      ServerLogDecoder(
        formatID: "uvicorn-gunicorn", rules: UvicornGunicornRules(options: options),
        requests: sink)
    })

  public var headlessTracebacks: Bool { false }

  public mutating func request(_ line: LineBytes, readAt: EpochSeconds, into sink: RequestSink)
    -> RecordedRequest?
  {
    guard let request = Self.accessLine(line, time: readAt) else { return nil }
    return RecordedRequest(
      time: nil, kept: request.record(line, into: sink), status: request.status)
  }

  public mutating func outcome(for text: String, readAt: EpochSeconds) -> ServerOutcome? {
    guard let outcome = errorLog.outcome(for: text, readAt: readAt) else { return nil }
    var time: EpochSeconds?
    if case .log(let record) = outcome.hold { time = record.time }
    return ServerOutcome(outcome, time: time)
  }

  /// `client - "METHOD target HTTP/x" status`, with uvicorn's status phrase tolerated after it.
  static func accessLine(_ line: LineBytes, time: EpochSeconds) -> ServerRequest? {
    var c = ByteCursor(line)
    guard let first = c.peek, first != UInt8(ascii: "["), let client = c.readClient(),
      c.skip(" - "), let quoted = AccessLineParser.quoted(&c), c.skip(UInt8(ascii: " ")),
      let status = c.readInt(minDigits: 3, maxDigits: 3),
      c.isAtEnd || c.peek == 0x20 || c.peek == 0x0D
    else { return nil }
    let parts = RequestLine.parse(line, quoted)
    return ServerRequest(
      time: time, status: status, durationMs: nil, method: parts?.method, path: parts?.path,
      client: client)
  }

  static func score(_ line: String) -> Double {
    line.withLineBytes { bytes in
      if accessLine(bytes, time: 0) != nil { return 1.0 }
      // gunicorn's own records: a pure error log stays gunicorn-error's (it scores them 1.0),
      // as confidently as before (0.3 behind keeps its full confidence).
      return GunicornErrorRules.header(bytes, naiveZone: 0) == nil ? 0 : 0.7
    }
  }
}
