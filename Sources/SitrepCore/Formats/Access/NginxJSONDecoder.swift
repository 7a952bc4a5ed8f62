/// nginx access logs written as JSON (`log_format main escape=json '{"time":"$time_iso8601",
/// "status":$status,...}'`), read without the `log_format` when the keys are named after nginx's
/// variables, as nginx's documentation and most configs name them: a time (`time`,
/// `time_iso8601`, `time_local`, `msec`, `@timestamp`), `status`, the request (`request`, or
/// `request_method` with `request_uri` or `uri`) and optionally `request_time` (seconds),
/// `upstream_response_time` (attempts summed), `body_bytes_sent`, `remote_addr` and
/// `http_user_agent`. Keys named otherwise need the `log_format` declared in config.
///
/// Values are read straight from the line's bytes (`JSONKeyScanner`); only the numbers and the
/// method and path bytes reach the sink, and a `Request` with strings is built for kept ones.
public final class NginxJSONDecoder: LaneDecoder {
  public static let descriptor = FormatDescriptor(
    id: "nginx-json", role: .access,
    summary: "nginx JSON access log (log_format escape=json, keys named after its variables)",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in NginxJSONDecoder(options: options, requests: sink) })

  static let timeKeys = ["time", "time_iso8601", "time_local", "@timestamp", "timestamp", "msec"]
  static let methodKeys = ["request_method", "method"]
  static let pathKeys = ["request_uri", "uri"]
  static let durationKeys = ["request_time"]
  static let upstreamKeys = ["upstream_response_time"]
  static let bytesKeys = ["body_bytes_sent", "bytes_sent"]
  static let clientKeys = ["remote_addr", "client_ip"]
  static let agentKeys = ["http_user_agent", "user_agent"]
  /// Keys of an application's log record: a line with one is not an access record of nginx's.
  static let recordKeys = ["level", "levelname", "msg", "message", "logger"]

  /// The keys resolved once against one scanner's table.
  final class Keys: Sendable {
    let scanner: JSONKeyScanner
    let time, method, path, duration, upstream, bytes, client, agent, record: [JSONKeyPath]
    let status: Int
    let request: Int

    static let shared = Keys()

    private init() {
      let d = NginxJSONDecoder.self
      let lists = [
        d.timeKeys, d.methodKeys, d.pathKeys, d.durationKeys, d.upstreamKeys, d.bytesKeys,
        d.clientKeys, d.agentKeys, d.recordKeys, ["status", "request"],
      ]
      let scanner = JSONKeyScanner(keys: lists.flatMap { $0 })
      time = scanner.paths(d.timeKeys)
      method = scanner.paths(d.methodKeys)
      path = scanner.paths(d.pathKeys)
      duration = scanner.paths(d.durationKeys)
      upstream = scanner.paths(d.upstreamKeys)
      bytes = scanner.paths(d.bytesKeys)
      client = scanner.paths(d.clientKeys)
      agent = scanner.paths(d.agentKeys)
      record = scanner.paths(d.recordKeys)
      status = scanner.table.slot("status")!
      request = scanner.table.slot("request")!
      self.scanner = scanner
    }
  }

  public let formatID = "nginx-json"
  public var counts: LineCounts { tally.counts }
  public private(set) var lastLineMark = LineMark.plain

  private let options: DecoderOptions
  private let requests: RequestSink
  private var tally = LineTally()
  private var scanner = Keys.shared.scanner
  /// Decoded method and path bytes, when the line escaped them.
  private var scratch: [UInt8] = []

  public init(options: DecoderOptions, requests: RequestSink) {
    self.options = options
    self.requests = requests
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    tally.count(decodeUncounted(line, readAt: readAt), line)
  }

  /// A decoder of the same log writing to `requests`, with its own scanner, for a parallel lane.
  public func laneCopy(requests: RequestSink) -> NginxJSONDecoder {
    NginxJSONDecoder(options: options, requests: requests)
  }

  /// Adds a later chunk's counts (bulk reads count each chunk on its own, in file order).
  public func absorb(_ later: LineTally) { tally.absorb(later) }

  /// Decodes one line into the sink and returns what became of it, leaving the tally to the
  /// caller. A line without its own time is stamped `readAt`.
  public func decodeUncounted(_ line: LineBytes, readAt: EpochSeconds) -> RecordedLine {
    lastLineMark = .plain
    guard scanner.scan(line), let fields = Self.fields(scanner, line, readAt: readAt, options)
    else { return .malformed }
    lastLineMark = LineMark(isError: fields.status >= 500)
    let details = { (key: ServiceTracker.RouteKey?) -> Request in
      var full = fields.request(line)
      if let key {
        full.method = key.method
        full.route = key.route
      }
      return full
    }
    let kept = withMethodAndPath(fields, line) { method, path in
      requests.record(
        time: fields.time, status: fields.status, durationMs: fields.durationMs, method: method,
        path: path, details: details)
    }
    return kept ? .parsed : .future
  }

  public func flush(into events: inout [Event]) {}

  /// The method and the path without its query, decoded, lent to `body`.
  private func withMethodAndPath<R>(
    _ f: Fields, _ line: LineBytes, _ body: (LineBytes, LineBytes) -> R
  ) -> R {
    guard f.method.escaped || f.path.escaped else {
      return body(
        LineBytes(rebasing: line[f.method.range]),
        LineBytes(rebasing: line[Fields.withoutQuery(line, f.path.range)]))
    }
    scratch.removeAll(keepingCapacity: true)
    JSONSpanText.unescape(line, f.method.range, into: &scratch)
    let methodCount = scratch.count
    JSONSpanText.unescape(line, f.path.range, into: &scratch)
    return scratch.withUnsafeBufferPointer { all in
      let path = LineBytes(rebasing: all[methodCount...])
      return body(
        LineBytes(rebasing: all[..<methodCount]),
        LineBytes(rebasing: path[Fields.withoutQuery(path, 0..<path.count)]))
    }
  }

  /// What a scanned line says: where its method and path are, and its numbers.
  struct Fields {
    var time: EpochSeconds
    var status: Int
    var durationMs: Double?
    var upstreamMs: Double?
    var bytes: Int?
    /// The method and path (query included) as string spans.
    var method: JSONSpan
    var path: JSONSpan
    var client: JSONSpan?
    var agent: JSONSpan?

    /// The full request, for the few the model keeps.
    func request(_ line: LineBytes) -> Request {
      let pathText = JSONSpanText.withDecoded(path, in: line) { decoded in
        TextSanitizer.display(
          LineBytes(rebasing: decoded[Self.withoutQuery(decoded, 0..<decoded.count)]))
      }
      var userAgent: String?
      if let agent, !agent.range.isEmpty, !Self.isDash(agent, line) {
        userAgent = JSONSpanText.display(agent, in: line)
      }
      var clientText = "-"
      if let client, !client.range.isEmpty { clientText = JSONSpanText.display(client, in: line) }
      return Request(
        time: time, method: JSONSpanText.display(method, in: line), path: pathText,
        route: RouteTemplate.derive(pathText), status: status, bytes: bytes,
        durationMs: durationMs, upstreamMs: upstreamMs, client: clientText, userAgent: userAgent)
    }

    static func isDash(_ span: JSONSpan, _ line: LineBytes) -> Bool {
      span.range.count == 1 && line[span.range.lowerBound] == UInt8(ascii: "-")
    }

    /// `range` up to a `?` or `#`.
    static func withoutQuery(_ bytes: LineBytes, _ range: Range<Int>) -> Range<Int> {
      var end = range.lowerBound
      while end < range.upperBound, bytes[end] != UInt8(ascii: "?"),
        bytes[end] != UInt8(ascii: "#")
      {
        end += 1
      }
      return range.lowerBound..<end
    }
  }

  /// The fields of a scanned line; nil when it is not an nginx access record: no status in
  /// 100...599, no request, or an application's record (it has a level or a message).
  static func fields(
    _ s: JSONKeyScanner, _ line: LineBytes, readAt: EpochSeconds, _ options: DecoderOptions
  ) -> Fields? {
    let keys = Keys.shared
    guard s.first(keys.record) == nil, let statusSpan = s.value(keys.status),
      let status = JSONSpanText.number(statusSpan, in: line), status.rounded() == status,
      (100...599).contains(status)
    else { return nil }
    var method: JSONSpan
    var path: JSONSpan
    if let m = s.first(keys.method)?.value, m.kind == .string, let p = s.first(keys.path)?.value,
      p.kind == .string, !p.range.isEmpty
    {
      (method, path) = (m, p)
    } else if let r = s.value(keys.request), r.kind == .string,
      let (m, p) = requestLine(r, line)
    {
      (method, path) = (m, p)
    } else {
      return nil
    }
    var time = readAt
    if let t = s.first(keys.time)?.value {
      guard let read = Self.time(t, line, readAt: readAt, options) else { return nil }
      time = read
    }
    var fields = Fields(
      time: time, status: Int(saturating: status), method: method, path: path,
      client: s.first(keys.client)?.value, agent: s.first(keys.agent)?.value)
    if let d = s.first(keys.duration)?.value {
      fields.durationMs = seconds(d, line).map { $0 * 1000 }
    }
    if let u = s.first(keys.upstream)?.value {
      fields.upstreamMs = seconds(u, line).map { $0 * 1000 }
    }
    if let b = s.first(keys.bytes)?.value, let n = JSONSpanText.number(b, in: line), n >= 0 {
      fields.bytes = Int(saturating: n)
    }
    return fields
  }

  /// `$time_iso8601`, `$time_local` or `$msec` (a number, or a string holding one).
  private static func time(
    _ span: JSONSpan, _ line: LineBytes, readAt: EpochSeconds, _ options: DecoderOptions
  ) -> EpochSeconds? {
    if let n = JSONSpanText.number(span, in: line) { return TimestampParser.epochNumber(n) }
    guard span.kind == .string else { return nil }
    return JSONSpanText.withDecoded(span, in: line) {
      TimestampParser.parse(bytes: $0, readAt: readAt, naiveZone: options.naiveZone)
    }
  }

  /// Seconds from a number or a string nginx wrote (`"0.012"`, `"-"`, `"0.5, 0.2"` summed).
  private static func seconds(_ span: JSONSpan, _ line: LineBytes) -> Double? {
    if span.kind == .number {
      return JSONSpanText.number(span, in: line).flatMap { $0 >= 0 ? $0 : nil }
    }
    guard span.kind == .string, !span.escaped else { return nil }
    return FieldReading.decimalList(LineBytes(rebasing: line[span.range])) ?? nil
  }

  /// `$request` (`GET /path HTTP/1.1`): the method and the target, as spans of the line.
  private static func requestLine(_ r: JSONSpan, _ line: LineBytes) -> (JSONSpan, JSONSpan)? {
    guard !r.escaped, let parsed = RequestLine.parse(line, r.range) else { return nil }
    return (
      JSONSpan(kind: .string, range: parsed.method), JSONSpan(kind: .string, range: parsed.path)
    )
  }

  /// 1 for an nginx JSON access record, 0 for anything else.
  static func score(_ line: String) -> Double {
    var scanner = Keys.shared.scanner
    return line.withLineBytes { bytes in
      guard scanner.scan(bytes),
        let f = fields(scanner, bytes, readAt: 0, DecoderOptions()),
        scanner.first(Keys.shared.time) != nil
      else { return 0 }
      _ = f
      return 1
    }
  }
}
