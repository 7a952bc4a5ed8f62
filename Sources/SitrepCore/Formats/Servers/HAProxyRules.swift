/// HAProxy's HTTP log (`option httplog`): `127.0.0.1:35726 [26/Nov/2026:16:10:24.481] web
/// api/app1 0/0/0/16/16 200 139 - - ---- 1/1/0/0/0 0/0 "GET /health HTTP/1.1"`, optionally after
/// a syslog prefix (`Nov 26 16:10:24 host haproxy[12]: `). The accept date has no zone (local
/// time, read in the source's zone). The duration is the fifth timer, Ta (Tt before 1.9), in ms;
/// `-1` means not reached, `+` marks `logasap`.
///
/// A connection closed before it sent anything (`<BADREQ>` with termination state `CR`: a TCP
/// probe, a load balancer's health check, a port scan) is not a request: counted as ignored, as
/// it would otherwise add a 400 every few seconds and page someone for an error rate no client
/// saw. Any other `<BADREQ>` (a timeout `cR`, an invalid request `PR`) did reach a client and
/// counts as a request with an unread request line.
public struct HAProxyRules: ServerLogRules {
  let options: DecoderOptions
  private var stamps = RepeatedStampCache()

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "haproxy", role: .access,
    summary: "HAProxy HTTP log (option httplog), Ta ms; bare connects (<BADREQ> CR) ignored",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      ServerLogDecoder(formatID: "haproxy", rules: HAProxyRules(options: options), requests: sink)
    })

  public var headlessTracebacks: Bool { false }

  /// HAProxy's own messages, with the level an on-call engineer needs them at.
  static let notices: [(marker: String, level: LogLevel)] = [
    ("has no server available", .critical), (" is DOWN", .error), (" is UP", .info),
  ]

  public mutating func request(_ line: LineBytes, readAt: EpochSeconds, into sink: RequestSink)
    -> RecordedRequest?
  {
    guard let entry = Self.entry(line, naiveZone: options.naiveZone, stamps: &stamps),
      !entry.bareConnect
    else { return nil }
    return RecordedRequest(
      time: entry.request.time, kept: entry.request.record(line, into: sink),
      status: entry.request.status)
  }

  public mutating func outcome(for text: String, readAt: EpochSeconds) -> ServerOutcome? {
    if let time = text.withLineBytes({ bytes in
      var cache = RepeatedStampCache()
      return Self.entry(bytes, naiveZone: options.naiveZone, stamps: &cache)?.request.time
    }) {
      return .ignored(time: time)
    }
    for notice in Self.notices where text.contains(notice.marker) {
      let record = LogRecord(time: readAt, level: notice.level, logger: "haproxy", message: text)
      return ServerOutcome(LineOutcome(hold: .log(record)), time: nil)
    }
    // `Proxy web stopped (cumulated conns: ...)`, `Proxy api started.`, `Stopping frontend ...`.
    if text.hasPrefix("Proxy ") || text.hasPrefix("Stopping ") || text.hasPrefix("[NOTICE]")
      || text.hasPrefix("[WARNING]")
    {
      return .ignored(time: nil)
    }
    return nil
  }

  struct Entry {
    var request: ServerRequest
    var bareConnect: Bool
  }

  /// The log entry, at the start of the line or after a syslog prefix.
  static func entry(_ line: LineBytes, naiveZone: NaiveZone, stamps: inout RepeatedStampCache)
    -> Entry?
  {
    if let e = entry(line, at: 0, naiveZone: naiveZone, stamps: &stamps) { return e }
    // A syslog prefix ends with `: ` (`haproxy[12]: `); the entry starts after one of the first.
    var i = 0
    var tries = 0
    let end = min(line.count - 1, 200)
    while i < end, tries < 4 {
      if line[i] == UInt8(ascii: ":"), line[i + 1] == 0x20 {
        tries += 1
        if let e = entry(line, at: i + 2, naiveZone: naiveZone, stamps: &stamps) { return e }
      }
      i += 1
    }
    return nil
  }

  static func entry(
    _ line: LineBytes, at start: Int, naiveZone: NaiveZone, stamps: inout RepeatedStampCache
  ) -> Entry? {
    var c = ByteCursor(line, at: start)
    guard let client = c.readClient(), c.skip(" ["),
      let time = stamps.stamp(&c, parse: { TimestampParser.clf(&$0, naiveZone: naiveZone) }),
      c.skip("] "), !c.readToken().isEmpty, c.skip(UInt8(ascii: " "))
    else { return nil }
    let server = c.readToken()
    guard line[server].contains(UInt8(ascii: "/")), c.skip(UInt8(ascii: " ")),
      let durationMs = timers(&c), c.skip(UInt8(ascii: " "))
    else { return nil }
    let negative = c.skip(UInt8(ascii: "-"))
    guard let code = c.readInt(minDigits: 1, maxDigits: 3), c.skip(UInt8(ascii: " ")) else {
      return nil
    }
    c.skip(UInt8(ascii: "+"))
    guard let size = c.readInt(), c.skip(UInt8(ascii: " ")),
      !c.readToken().isEmpty, c.skip(UInt8(ascii: " ")),
      !c.readToken().isEmpty, c.skip(UInt8(ascii: " "))
    else { return nil }
    let flags = c.readToken()
    guard flags.count == 4, c.skip(UInt8(ascii: " ")) else { return nil }
    // Connection counts, queues, then captured headers (`{...}`) if any, then the request.
    _ = c.read(until: UInt8(ascii: "\""))
    guard let quoted = AccessLineParser.quoted(&c) else { return nil }
    let badRequest =
      quoted.count == 8 && line[quoted].elementsEqual("<BADREQ>".utf8)
    let state = (line[flags.lowerBound], line[flags.lowerBound + 1])
    let bareConnect = badRequest && state == (UInt8(ascii: "C"), UInt8(ascii: "R"))
    let parts = badRequest ? nil : ServerRequestLine.parse(line, quoted)
    // `-1`: no response at all (the client went away first); the model wants a status.
    let status = negative ? 0 : code
    return Entry(
      request: ServerRequest(
        time: time, status: status, durationMs: durationMs, method: parts?.method,
        path: parts?.path, bytes: size, client: client),
      bareConnect: bareConnect)
  }

  /// `TR/Tw/Tc/Tr/Ta`: the fifth is the total in ms; nil (the request still counts) when `-1`.
  /// Returns nil when the field is not five timers.
  static func timers(_ c: inout ByteCursor) -> Double?? {
    var values: [Int] = []
    values.reserveCapacity(5)
    c.skip(UInt8(ascii: "+"))
    while values.count < 5 {
      let negative = c.skip(UInt8(ascii: "-"))
      guard let v = c.readInt(maxDigits: 12) else { return nil }
      values.append(negative ? -v : v)
      if values.count < 5 {
        guard c.skip(UInt8(ascii: "/")) else { return nil }
        c.skip(UInt8(ascii: "+"))
      }
    }
    let total = values[4]
    return .some(total < 0 ? nil : Double(total))
  }

  static func score(_ line: String) -> Double {
    line.withLineBytes { bytes in
      var stamps = RepeatedStampCache()
      if entry(bytes, naiveZone: 0, stamps: &stamps) != nil { return 1.0 }
      if line.hasPrefix("Proxy ") && line.contains(" stopped (cumulated conns") { return 0.8 }
      return 0
    }
  }
}
