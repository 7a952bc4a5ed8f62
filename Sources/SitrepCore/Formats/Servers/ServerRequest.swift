/// One request as a server's line gives it: numbers and byte ranges into the line, recorded into
/// the sink without a String unless the model keeps the request.
struct ServerRequest {
  var time: EpochSeconds
  var status: Int
  var durationMs: Double?
  /// Nil when the request line could not be read (`<BADREQ>`, garbage): the route is `- -`.
  var method: Range<Int>?
  /// Without query string or fragment.
  var path: Range<Int>?
  var bytes: Int?
  /// `host` or `host:port` (the port is dropped when kept).
  var client: Range<Int>?
  var userAgent: Range<Int>?
  /// Undo JSON-style `\"` escapes in the user agent (Apache, gunicorn); raw agents keep them.
  var agentEscaped = false

  /// Records into `sink`; false when the model refused it as stamped in the future.
  func record(_ line: LineBytes, into sink: RequestSink) -> Bool {
    guard let method, let path else {
      return sink.recordUnreadRequestLine(
        time: time, status: status, durationMs: durationMs,
        details: { _ in request(line, route: nil) })
    }
    return sink.record(
      time: time, status: status, durationMs: durationMs,
      method: LineBytes(rebasing: line[method]), path: LineBytes(rebasing: line[path]),
      details: { request(line, route: $0) })
  }

  /// The full request, for the few the model keeps.
  func request(_ line: LineBytes, route: ServiceTracker.RouteKey?) -> Request {
    var methodText = "-"
    var pathText = "-"
    var routeText = "-"
    if let method, let path {
      methodText = route?.method ?? ByteClass.string(line, method)
      pathText = ByteClass.string(line, path)
      routeText = route?.route ?? RouteTemplate.derive(pathText)
    }
    var agent: String?
    if let ua = userAgent, !ua.isEmpty, !(ua.count == 1 && line[ua.lowerBound] == UInt8(ascii: "-"))
    {
      agent = agentEscaped ? AccessLogDecoder.unescaped(line, ua) : ByteClass.string(line, ua)
    }
    return Request(
      time: time, method: methodText, path: pathText, route: routeText, status: status,
      bytes: bytes, durationMs: durationMs,
      client: client.map { UvicornDecoder.hostWithoutPort(ByteClass.string(line, $0)) } ?? "-",
      userAgent: agent)
  }
}

/// The parts of a request line in the shapes servers write it: `GET /x HTTP/1.1`, `GET /x`
/// (Daphne), `GET /x 1.1` (Hypercorn).
enum ServerRequestLine {
  /// Method and path (without query string) of `METHOD target [protocol]`; nil for anything
  /// else (`-`, `<BADREQ>`, TLS bytes sent to a plain port).
  static func parse(_ bytes: LineBytes, _ range: Range<Int>) -> (
    method: Range<Int>, path: Range<Int>
  )? {
    let end = range.upperBound
    var i = range.lowerBound
    while i < end, ByteClass.isUpper(bytes[i]) || bytes[i] == UInt8(ascii: "_") { i += 1 }
    let method = range.lowerBound..<i
    guard !method.isEmpty, method.count <= 20, i < end, bytes[i] == UInt8(ascii: " ") else {
      return nil
    }
    i += 1
    let pathStart = i
    while i < end, bytes[i] != UInt8(ascii: " "), bytes[i] != UInt8(ascii: "?"),
      bytes[i] != UInt8(ascii: "#")
    {
      i += 1
    }
    guard i > pathStart else { return nil }
    let path = pathStart..<i
    while i < end, bytes[i] != UInt8(ascii: " ") { i += 1 }
    // At most one protocol word after the target.
    if i < end {
      i += 1
      while i < end, bytes[i] > 0x20 { i += 1 }
      guard i == end else { return nil }
    }
    return (method, path)
  }

  /// The protocol word after the target, if any (`HTTP/1.1`, `1.1`).
  static func protocolWord(_ bytes: LineBytes, _ range: Range<Int>) -> Range<Int>? {
    var i = range.upperBound
    while i > range.lowerBound, bytes[i - 1] != UInt8(ascii: " ") { i -= 1 }
    guard i > range.lowerBound else { return nil }
    // `GET /x`: the last word is the target itself.
    var spaces = 0
    for j in range where bytes[j] == UInt8(ascii: " ") { spaces += 1 }
    return spaces >= 2 ? i..<range.upperBound : nil
  }
}

extension ByteCursor {
  /// `host:port` or `host` as servers print their clients: one token.
  mutating func readClient() -> Range<Int>? {
    let token = readToken()
    return token.isEmpty ? nil : token
  }
}
