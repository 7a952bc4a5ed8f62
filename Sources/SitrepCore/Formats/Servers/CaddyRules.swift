/// Caddy's JSON logs. Access records (`"logger":"http.log.access..."`, `"msg":"handled request"`)
/// are requests: float epoch `ts`, `duration` in seconds, `request.method` / `request.uri` (query
/// kept, dropped for the route), `status`, `size`. Caddy writes 4xx and 5xx records at
/// `"level":"error"`: they are still requests, not app errors. Every other record (Caddy's own
/// log: an upstream it could not dial, start-up, shutdown) is an app record;
/// `serving initial configuration` is a restart.
public struct CaddyRules: ServerLogRules {
  let options: DecoderOptions

  public init(options: DecoderOptions) { self.options = options }

  public static let descriptor = FormatDescriptor(
    id: "caddy", role: .access,
    summary: "Caddy JSON access log (ts, duration s; 4xx/5xx at level error) and its own log",
    scoreLine: { score($0) },
    makeDecoder: { options, sink in
      ServerLogDecoder(formatID: "caddy", rules: CaddyRules(options: options), requests: sink)
    })

  public var headlessTracebacks: Bool { false }

  public mutating func request(_ line: LineBytes, readAt: EpochSeconds, into sink: RequestSink)
    -> RecordedRequest?
  {
    guard Self.mayBeAccess(line) else { return nil }
    if let fields = Self.scan(line) {
      let kept = sink.record(
        time: fields.time, status: fields.status, durationMs: fields.durationMs,
        method: LineBytes(rebasing: line[fields.method]),
        path: LineBytes(rebasing: line[fields.path]),
        details: { fields.request(line, route: $0) })
      return RecordedRequest(time: fields.time, kept: kept, status: fields.status)
    }
    guard let object = JSONObject.parse(line), let request = Self.request(object) else {
      return nil
    }
    return RecordedRequest(time: request.time, kept: sink.record(request), status: request.status)
  }

  /// What the model counts, read from the bytes without parsing the object: Caddy's encoder
  /// writes `"key":value` with no spaces, and a key in quotes with a colon after it can only be
  /// the object's structure (a quote inside a string is escaped). Nil (the full parse decides)
  /// for anything unusual: a missing field, an escape in the method or path.
  struct Scanned {
    var time: EpochSeconds
    var status: Int
    var durationMs: Double?
    var method: Range<Int>
    var path: Range<Int>
    var bytes: Int?
    var client: Range<Int>?
    /// Inside the quotes of the first `User-Agent` value, escapes and all.
    var agent: Range<Int>?

    /// The full request for the few the model keeps, from the same ranges: what the JSON
    /// parse gives (`scanAgreesWithTheFullParse`).
    func request(_ line: LineBytes, route: ServiceTracker.RouteKey?) -> Request {
      let pathText = ByteClass.string(line, path)
      var userAgent: String?
      if let agent {
        let raw = LineBytes(rebasing: line[agent])
        userAgent =
          raw.contains(UInt8(ascii: "\\"))
          ? firstString(ofArray: "[\"" + String(decoding: raw, as: UTF8.self) + "\"]")
            .map(TextSanitizer.display)
          : ByteClass.string(line, agent)
      }
      return Request(
        time: time, method: route?.method ?? ByteClass.string(line, method), path: pathText,
        route: route?.route ?? RouteTemplate.derive(pathText), status: status, bytes: bytes,
        durationMs: durationMs, client: client.map { ByteClass.string(line, $0) } ?? "-",
        userAgent: userAgent)
    }
  }

  static func scan(_ line: LineBytes) -> Scanned? {
    var last = line.count
    while last > 0, line[last - 1] == 0x20 || line[last - 1] == 0x0D { last -= 1 }
    guard last > 0, line[last - 1] == UInt8(ascii: "}"),
      let ts = number(after: #""ts":"#, in: line),
      let time = TimestampParser.epochNumber(ts),
      let status = number(after: #""status":"#, in: line), status >= 0, status < 1000,
      let method = string(after: #""method":""#, in: line),
      let uri = string(after: #""uri":""#, in: line)
    else { return nil }
    var end = uri.lowerBound
    while end < uri.upperBound, line[end] != UInt8(ascii: "?"), line[end] != UInt8(ascii: "#") {
      end += 1
    }
    guard end > uri.lowerBound, !method.isEmpty else { return nil }
    var durationMs: Double?
    if let seconds = number(after: #""duration":"#, in: line), seconds >= 0 {
      durationMs = seconds * 1000
    }
    var bytes: Int?
    if let size = number(after: #""size":"#, in: line), size >= 0 { bytes = Int(saturating: size) }
    return Scanned(
      time: time, status: Int(saturating: status), durationMs: durationMs, method: method,
      path: uri.lowerBound..<end, bytes: bytes,
      client: string(after: #""client_ip":""#, in: line)
        ?? string(after: #""remote_ip":""#, in: line),
      agent: quoted(after: #""User-Agent":[""#, in: line))
  }

  /// A string value after `key` with its escapes kept: up to the first unescaped quote.
  private static func quoted(after key: StaticString, in line: LineBytes) -> Range<Int>? {
    guard let at = UWSGIRules.find(key, in: line, from: 0) else { return nil }
    let start = at + key.utf8CodeUnitCount
    var i = start
    while i < line.count, line[i] != UInt8(ascii: "\"") {
      i += line[i] == UInt8(ascii: "\\") ? 2 : 1
    }
    return i < line.count ? start..<i : nil
  }

  private static func number(after key: StaticString, in line: LineBytes) -> Double? {
    guard let at = UWSGIRules.find(key, in: line, from: 0) else { return nil }
    var c = ByteCursor(line, at: at + key.utf8CodeUnitCount)
    return c.readDecimal()
  }

  /// The string value after `key` (which ends with its opening quote); nil when it holds an
  /// escape.
  private static func string(after key: StaticString, in line: LineBytes) -> Range<Int>? {
    guard let at = UWSGIRules.find(key, in: line, from: 0) else { return nil }
    var c = ByteCursor(line, at: at + key.utf8CodeUnitCount)
    let value = c.read { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    guard c.peek == UInt8(ascii: "\"") else { return nil }
    return value
  }

  public mutating func outcome(for text: String, readAt: EpochSeconds) -> ServerOutcome? {
    guard let object = JSONObject.parse(text) else { return nil }
    guard let record = JSONLogRules.record(line: text, readAt: readAt, options: options) else {
      return .ignored(time: nil)
    }
    var emit: [Event] = []
    if record.message == "serving initial configuration" {
      emit.append(.deploy(DeployEvent(time: record.time, kind: .restart, service: options.service)))
    }
    let stamped = object["ts"]?.numberValue != nil
    return ServerOutcome(
      LineOutcome(hold: .log(record), emit: emit), time: stamped ? record.time : nil)
  }

  static let accessMarker = Array(#""logger":"http.log.access"#.utf8)

  /// Most lines of an access log are access records: a byte search spares the others a parse.
  static func mayBeAccess(_ line: LineBytes) -> Bool {
    guard line.count > accessMarker.count, line.first == UInt8(ascii: "{") else { return false }
    let first = accessMarker[0]
    var i = 0
    while i + accessMarker.count <= line.count {
      if line[i] == first {
        var k = 1
        while k < accessMarker.count, line[i + k] == accessMarker[k] { k += 1 }
        if k == accessMarker.count { return true }
      }
      i += 1
    }
    return false
  }

  /// The request an access record describes; nil for any other record.
  static func request(_ o: JSONObject) -> Request? {
    guard let logger = o["logger"]?.stringValue, logger.hasPrefix("http.log.access"),
      let status = o["status"]?.numberValue, status >= 0, status < 1000,
      let ts = o["ts"]?.numberValue, let time = TimestampParser.epochNumber(ts)
    else { return nil }
    let method = o["request.method"]?.stringValue.map(TextSanitizer.display) ?? "-"
    let uri = o["request.uri"]?.stringValue ?? "-"
    let path = TextSanitizer.display(String(uri.prefix { $0 != "?" && $0 != "#" }))
    var durationMs: Double?
    if let seconds = o["duration"]?.numberValue, seconds.isFinite, seconds >= 0 {
      durationMs = seconds * 1000
    }
    var bytes: Int?
    if let size = o["size"]?.numberValue, size.isFinite, size >= 0 {
      bytes = Int(saturating: size)
    }
    var client = "-"
    if let ip = o["request.client_ip"]?.stringValue ?? o["request.remote_ip"]?.stringValue {
      client = TextSanitizer.display(ip)
    }
    var agent: String?
    if case .array(let text)? = o["request.headers.User-Agent"] {
      agent = firstString(ofArray: text).map(TextSanitizer.display)
    }
    return Request(
      time: time, method: method, path: path, route: "-", status: Int(saturating: status),
      bytes: bytes, durationMs: durationMs, client: client, userAgent: agent)
  }

  /// `["curl/8.0 \"q\""]` → `curl/8.0 "q"`: header values are arrays, kept as raw text.
  static func firstString(ofArray text: String) -> String? {
    let bytes = Array(text.utf8)
    guard let open = bytes.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
    var i = open + 1
    while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
      i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
    }
    guard i < bytes.count else { return nil }
    let literal = String(decoding: bytes[open...i], as: UTF8.self)
    return JSONObject.parse("{\"v\":" + literal + "}")?["v"]?.stringValue
  }

  static func score(_ line: String) -> Double {
    guard let o = JSONObject.parse(line) else { return 0 }
    if request(o) != nil { return 1.0 }
    // Caddy's own log alone stays json's (it scores these 1.0), as confidently (0.3 behind).
    return o["ts"]?.numberValue != nil && o["level"] != nil && o["msg"] != nil ? 0.7 : 0
  }
}
