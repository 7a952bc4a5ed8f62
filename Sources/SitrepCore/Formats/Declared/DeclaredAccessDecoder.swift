/// Decodes an access log written with a format the user declared (nginx `log_format`, Apache
/// `LogFormat`, gunicorn `access_log_format`, a regex) into the source's `RequestSink`.
///
/// The match works on the line's bytes and only numbers and the method and path bytes go to the
/// sink; the full `Request` (strings) is built, by matching the line again, only when kept.
final class DeclaredAccessDecoder<Matcher: DeclaredMatcher>: LineDecoder {
  let formatID: String
  var counts: LineCounts { tally.counts }

  private let matcher: Matcher
  private let escaping: FieldEscaping
  private let options: DecoderOptions
  private var tally = LineTally()
  private let requests: RequestSink
  private var stamps = RepeatedStampCache()
  private var agents = RecentStrings()
  private(set) var lastLineMark = LineMark.plain

  init(
    formatID: String, matcher: Matcher, escaping: FieldEscaping, options: DecoderOptions,
    requests: RequestSink
  ) {
    self.formatID = formatID
    self.matcher = matcher
    self.escaping = escaping
    self.options = options
    self.requests = requests
  }

  func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    var f = MatchedFields()
    guard
      matcher.match(
        line, readAt: readAt, naiveZone: options.naiveZone, stamps: &stamps, into: &f),
      let status = f.status
    else {
      tally.malformed(line)
      lastLineMark = .plain
      return
    }
    tally.parsed()
    lastLineMark = LineMark(isError: status >= 500)
    let time = f.time ?? readAt
    let details = { (key: ServiceTracker.RouteKey?) -> Request in
      var full =
        self.request(line, readAt: readAt)
        ?? Request(time: time, method: "-", path: "-", route: "-", status: status)
      if let key { full.route = key.route }
      return full
    }
    let kept: Bool
    if let (method, path) = methodAndPath(line, f) {
      let pathBytes = LineBytes(rebasing: line[path])
      if let method {
        kept = requests.record(
          time: time, status: status, durationMs: f.durationMs,
          method: LineBytes(rebasing: line[method]), path: pathBytes, details: details)
      } else {
        // A path with no method field (`$document_uri` alone): the method reads `-`.
        kept = DeclaredAccessDecoderBytes.dash.withUnsafeBufferPointer {
          requests.record(
            time: time, status: status, durationMs: f.durationMs, method: $0, path: pathBytes,
            details: details)
        }
      }
    } else {
      kept = requests.recordUnreadRequestLine(
        time: time, status: status, durationMs: f.durationMs, details: details)
    }
    if !kept { tally.future() }
  }

  /// The method (nil when the definition has none) and path (without its query) as byte ranges,
  /// from `$request` or from separate fields; nil when the line has no readable request.
  private func methodAndPath(_ line: LineBytes, _ f: MatchedFields) -> (Range<Int>?, Range<Int>)? {
    if let request = f.request {
      guard let parsed = RequestLine.parse(line, request) else { return nil }
      return (parsed.method, parsed.path)
    }
    guard let p = f.path else { return nil }
    let m = f.method
    var end = p.lowerBound
    while end < p.upperBound, line[end] != UInt8(ascii: "?"), line[end] != UInt8(ascii: "#") {
      end += 1
    }
    return end > p.lowerBound ? (m, p.lowerBound..<end) : nil
  }

  func flush(into events: inout [Event]) {}

  /// The request a line records, in full; nil when it does not fit the definition.
  func request(_ line: LineBytes, readAt: EpochSeconds) -> Request? {
    var f = MatchedFields()
    guard
      matcher.match(
        line, readAt: readAt, naiveZone: options.naiveZone, stamps: &stamps, into: &f),
      let status = f.status
    else { return nil }
    var method = "-"
    var path = "-"
    var route = "-"
    if let request = f.request {
      if let parsed = RequestLine.parse(line, request) {
        method = ByteClass.string(line, parsed.method)
        path = FieldUnescape.string(line, parsed.path, escaping)
      }
    } else {
      if let m = f.method { method = ByteClass.string(line, m) }
      if let p = f.path {
        var end = p.lowerBound
        while end < p.upperBound, line[end] != UInt8(ascii: "?"), line[end] != UInt8(ascii: "#") {
          end += 1
        }
        if end > p.lowerBound { path = FieldUnescape.string(line, p.lowerBound..<end, escaping) }
      }
    }
    if path != "-" { route = RouteTemplate.derive(path) }
    var client = "-"
    if let c = f.client, !c.isEmpty { client = ByteClass.string(line, c) }
    var agent: String?
    if let ua = f.userAgent, !ua.isEmpty,
      !(ua.count == 1 && line[ua.lowerBound] == UInt8(ascii: "-"))
    {
      let escaping = self.escaping
      agent = agents.string(line, ua) { FieldUnescape.string(line, ua, escaping) }
    }
    return Request(
      time: f.time ?? readAt, method: method, path: path, route: route, status: status,
      bytes: f.bytes, durationMs: f.durationMs, upstreamMs: f.upstreamMs, client: client,
      userAgent: agent)
  }
}

/// Constant bytes for `DeclaredAccessDecoder` (a generic type cannot hold static stored ones).
private enum DeclaredAccessDecoderBytes {
  static let dash: [UInt8] = [UInt8(ascii: "-")]
}
