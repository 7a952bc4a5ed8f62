/// Decodes an access log written with a format the user declared (nginx `log_format`, Apache
/// `LogFormat`, gunicorn `access_log_format`, a regex): one `.request` event per line.
///
/// Only the strings an event stores (method, path, route, client, user agent) are made; the
/// match itself works on the line's bytes.
final class DeclaredAccessDecoder<Matcher: DeclaredMatcher>: SourceDecoder {
  let formatID: String
  var counts: DecodeCounts { tally.counts }

  private let matcher: Matcher
  private let escaping: FieldEscaping
  private let options: DecoderOptions
  private var tally = DecodeTally()
  private var routes = RouteCache()
  private var stamps = RepeatedStampCache()
  private var agents = RecentStrings()

  init(formatID: String, matcher: Matcher, escaping: FieldEscaping, options: DecoderOptions) {
    self.formatID = formatID
    self.matcher = matcher
    self.escaping = escaping
    self.options = options
  }

  func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    guard let event = request(line, readAt: readAt) else {
      tally.malformed(line)
      return
    }
    tally.parsed()
    events.append(.request(event))
  }

  func flush(into events: inout [Event]) {}

  /// The request a line records; nil when it does not fit the definition.
  func request(_ line: LineBytes, readAt: EpochSeconds) -> RequestEvent? {
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
    if path != "-" { route = routes.route(for: path) }
    var client = "-"
    if let c = f.client, !c.isEmpty { client = ByteClass.string(line, c) }
    var agent: String?
    if let ua = f.userAgent, !ua.isEmpty,
      !(ua.count == 1 && line[ua.lowerBound] == UInt8(ascii: "-"))
    {
      let escaping = self.escaping
      agent = agents.string(line, ua) { FieldUnescape.string(line, ua, escaping) }
    }
    return RequestEvent(
      time: f.time ?? readAt, method: method, path: path, route: route, status: status,
      bytes: f.bytes, durationMs: f.durationMs, upstreamMs: f.upstreamMs, client: client,
      userAgent: agent)
  }
}
