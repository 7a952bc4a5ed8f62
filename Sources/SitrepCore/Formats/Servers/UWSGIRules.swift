/// uWSGI's default request logging: `[pid: 16177|app: 0|req: 2/2] 127.0.0.1 () {26 vars in 334
/// bytes} [Thu Nov 26 16:13:22 2026] GET /api/orders/1 => generated 30 bytes in 33 msecs
/// (HTTP/1.1 200) 2 headers in 79 bytes (1 switches on core 0)`: local ctime, whole milliseconds
/// (`micros` with `--log-micros`).
///
/// The app's traceback comes before its request line with no header: it opens an error record
/// that takes the next request's time (see `ServerLogDecoder`). `*** Starting uWSGI ... ***` is a
/// restart; a worker killed (`HARAKIRI`, `DAMN ! worker ... died`) or no app loaded is an error.
/// uWSGI's other messages (its banner, free text) are counted as ignored.
public struct UWSGIRules: ServerLogRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "uwsgi", role: .access,
    summary: "uWSGI request log: [pid|app|req] ... METHOD uri => ... in N msecs (HTTP/x status)",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      ServerLogDecoder(formatID: "uwsgi", rules: UWSGIRules(options: options), requests: sink)
    })

  public var headlessTracebacks: Bool { true }

  /// uWSGI messages that mean requests are failing, with the level they are recorded at.
  static let alarms: [(marker: String, level: LogLevel)] = [
    ("HARAKIRI", .error), ("DAMN ! worker", .error), ("no python application found", .critical),
    ("no app loaded", .critical), ("unable to load app", .critical),
  ]

  public mutating func request(_ line: LineBytes, readAt: EpochSeconds, into sink: RequestSink)
    -> RecordedRequest?
  {
    guard let request = Self.accessLine(line, naiveZone: options.naiveZone) else { return nil }
    return RecordedRequest(
      time: request.time, kept: request.record(line, into: sink), status: request.status)
  }

  public mutating func outcome(for text: String, readAt: EpochSeconds) -> ServerOutcome? {
    // Traceback lines belong to the traceback, not to uWSGI's free text.
    if TracebackAssembler.looksLikeContinuation(text) { return nil }
    if text.hasPrefix("*** Starting uWSGI") {
      var time: EpochSeconds?
      if let open = text.utf8.firstIndex(of: UInt8(ascii: "[")) {
        time = String(text[text.index(after: open)...]).withLineBytes { bytes in
          var c = ByteCursor(bytes)
          return TimestampParser.ctime(&c, naiveZone: options.naiveZone)
        }
      }
      let restart = DeployEvent(time: time ?? readAt, kind: .restart, service: options.service)
      return ServerOutcome(LineOutcome(emit: [.deploy(restart)]), time: time)
    }
    for alarm in Self.alarms where text.contains(alarm.marker) {
      let record = LogRecord(time: readAt, level: alarm.level, logger: "uwsgi", message: text)
      return ServerOutcome(LineOutcome(hold: .log(record)), time: nil)
    }
    return .ignored(time: nil)
  }

  static func accessLine(_ line: LineBytes, naiveZone: NaiveZone) -> ServerRequest? {
    var c = ByteCursor(line)
    guard c.skip("[pid: ") else { return nil }
    _ = c.read(until: UInt8(ascii: "]"))
    guard c.skip("] "), let client = c.readClient(), c.skip(UInt8(ascii: " ")),
      c.skip(UInt8(ascii: "("))
    else { return nil }
    _ = c.read(until: UInt8(ascii: ")"))
    guard c.skip(") {") else { return nil }
    _ = c.read(until: UInt8(ascii: "}"))
    guard c.skip("} ["), let time = TimestampParser.ctime(&c, naiveZone: naiveZone), c.skip("] ")
    else { return nil }
    // `METHOD uri =>`; the uri is written as received (no spaces).
    let requestStart = c.index
    guard let arrow = Self.find(" => ", in: line, from: requestStart) else { return nil }
    let parts = ServerRequestLine.parse(line, requestStart..<arrow)
    c.index = arrow + 4
    guard c.skip("generated "), let size = c.readInt(), c.skip(" bytes in "),
      let amount = c.readInt(), c.skip(UInt8(ascii: " "))
    else { return nil }
    let durationMs: Double
    if c.skip("msecs") {
      durationMs = Double(amount)
    } else if c.skip("micros") {
      durationMs = Double(amount) / 1000
    } else {
      return nil
    }
    guard c.skip(" ("), !c.readToken().isEmpty, c.skip(UInt8(ascii: " ")),
      let status = c.readInt(minDigits: 3, maxDigits: 3), c.skip(UInt8(ascii: ")"))
    else { return nil }
    return ServerRequest(
      time: time, status: status, durationMs: durationMs, method: parts?.method, path: parts?.path,
      bytes: size, client: client)
  }

  static func find(_ needle: StaticString, in line: LineBytes, from: Int) -> Int? {
    let count = needle.utf8CodeUnitCount
    guard line.count >= count else { return nil }
    return needle.withUTF8Buffer { n in
      var i = from
      while i + count <= line.count {
        if line[i] == n[0] {
          var k = 1
          while k < count, line[i + k] == n[k] { k += 1 }
          if k == count { return i }
        }
        i += 1
      }
      return nil
    }
  }

  static func score(_ line: String) -> Double {
    line.withLineBytes { bytes in
      if accessLine(bytes, naiveZone: 0) != nil { return 1.0 }
      // uWSGI's start-up banner is long (30-odd lines before the first request): its lines
      // must count, or a fresh log would not be recognised.
      return bannerPrefixes.contains(where: { line.hasPrefix($0) }) ? 0.9 : 0
    }
  }

  static let bannerPrefixes = [
    "*** Starting uWSGI", "compiled with version:", "os: Linux", "nodename: ", "machine: ",
    "clock source: ", "detected number of CPU cores", "current working directory: ",
    "detected binary path: ", "!!! no internal routing support", "uWSGI running as root",
    "*** WARNING: you are running uWSGI", "chdir() to ", "your processes number limit",
    "your memory page size", "detected max file descriptor", "lock engine: ", "thunder lock: ",
    "uwsgi socket ", "uWSGI http bound", "Python version: ", "Python main interpreter",
    "python threads support", "your server socket listen backlog", "your mercy for graceful",
    "mapped ", "*** Operational MODE", "WSGI app ", "*** uWSGI is running", "spawned uWSGI",
    "SIGINT/SIGTERM received", "goodbye to uWSGI", "Respawned uWSGI", "gracefully killing",
  ]
}
