/// Decodes nginx / Apache / gunicorn access lines (the Common / Combined Log Format family).
///
/// Only the strings that are stored (path, route, client, user agent) are created; everything
/// else is read from the line's bytes in place.
public final class AccessLogDecoder: LaneDecoder {
  /// Which trailing fields the source carries.
  public enum Flavor: Sendable {
    /// nginx `combined` plus optional `$request_time` and `$upstream_response_time`.
    case nginx
    /// Common Log Format: no referer / user agent, nothing trailing (tolerated if present).
    case common
    /// gunicorn `access_log_format` with an optional trailing duration.
    case gunicorn(TrailingTimes.IntegerUnit)
  }

  public let formatID: String
  public var counts: LineCounts { tally.counts }

  private let flavor: Flavor
  private let options: DecoderOptions
  /// Where the requests go: numbers and the path's bytes, the full `Request` only when kept.
  private let requests: RequestSink
  /// The same sink, called without the retain and release Swift puts around a call through a
  /// stored reference (4% of a headless read); `requests` keeps it alive.
  private let sink: Unmanaged<RequestSink>
  private var tally = LineTally()
  private var stamps = RepeatedStampCache()
  /// Kept requests repeat their user agents: each string is made once. (Client addresses are
  /// many, and short enough to be stored inside the String without an allocation.)
  private var agents = RecentStrings()

  public init(formatID: String, flavor: Flavor, options: DecoderOptions, requests: RequestSink) {
    self.formatID = formatID
    self.flavor = flavor
    self.options = options
    self.requests = requests
    sink = Unmanaged.passUnretained(requests)
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    lastStatus = 0
    tally.count(decodeUncounted(line), line)
  }

  /// The status of the last line fed (0 when it had none): a 5xx is an error line.
  private var lastStatus = 0
  public var lastLineMark: LineMark { LineMark(isError: lastStatus >= 500) }

  private func parse(_ line: LineBytes) -> AccessFields? {
    AccessLineParser.parse(line, naiveZone: options.naiveZone, stamps: &stamps)
  }

  /// A decoder of the same format writing to `requests`, with its own caches, for a parallel lane.
  public func laneCopy(requests: RequestSink) -> AccessLogDecoder {
    AccessLogDecoder(formatID: formatID, flavor: flavor, options: options, requests: requests)
  }

  /// Decodes one line into the sink and returns what became of it, leaving the tally to the caller
  /// (bulk reads count each chunk on its own, then add the chunks up in file order).
  public func decodeUncounted(_ line: LineBytes, readAt: EpochSeconds) -> RecordedLine {
    decodeUncounted(line)
  }

  public func decodeUncounted(_ line: LineBytes) -> RecordedLine {
    // Most lines have the plain shape one pass reads; the general parser takes the rest.
    if let scan = CombinedLineScan.scan(
      line, naiveZone: options.naiveZone, stamps: &stamps)
    {
      var times: (Double?, Double?)
      if case .nginx = flavor, let ms = CombinedLineScan.soleDecimalMs(line, scan.trailing) {
        times = (ms, nil)
      } else {
        times = self.times(line, trailing: scan.trailing)
      }
      lastStatus = scan.status
      let kept = sink._withUnsafeGuaranteedRef {
        $0.record(
          time: scan.time, status: scan.status, durationMs: times.0,
          method: LineBytes(rebasing: line[scan.method]),
          path: LineBytes(rebasing: line[scan.path]),
          details: { keptRequest(line, scan, times, route: $0) })
      }
      return kept ? .parsed : .future
    }
    guard let fields = parse(line) else { return .malformed }
    lastStatus = fields.status
    let durationMs = times(line, trailing: fields.trailing).0
    let kept: Bool
    if let request = RequestLine.parse(line, fields.request) {
      kept = requests.record(
        time: fields.time, status: fields.status, durationMs: durationMs,
        method: LineBytes(rebasing: line[request.method]),
        path: LineBytes(rebasing: line[request.path]),
        details: { makeRequest(line, fields, route: $0) })
    } else {
      kept = requests.recordUnreadRequestLine(
        time: fields.time, status: fields.status, durationMs: durationMs,
        details: { makeRequest(line, fields, route: $0) })
    }
    return kept ? .parsed : .future
  }

  /// The line as the general parser reads it, whatever shape it has: the reference the one-pass
  /// scan's requests are held to (`KeptRequestTests`).
  func requestByGeneralParser(_ line: LineBytes) -> Request? {
    parse(line).map { makeRequest(line, $0, route: nil) }
  }

  /// Adds what `decodeUncounted` found in a later stretch of the file (counted by the caller).
  public func absorb(_ later: LineTally) { tally.absorb(later) }

  /// The full request the one-pass scan read, for a kept request: built from its ranges, without
  /// parsing the line again (under a 5xx storm every other line is kept). Gives what `makeRequest`
  /// gives for the line (`KeptRequestTests`, `ParallelIngestTests`).
  private func keptRequest(
    _ line: LineBytes, _ scan: CombinedLineScan,
    _ times: (durationMs: Double?, upstreamMs: Double?),
    route: ServiceTracker.RouteKey?
  ) -> Request {
    let path = ByteClass.string(line, scan.path)
    return Request(
      time: scan.time, method: route?.method ?? ByteClass.string(line, scan.method),
      path: path, route: route?.route ?? RouteTemplate.derive(path), status: scan.status,
      bytes: scan.sent.map { AccessLineParser.digitsValue(line, $0) },
      durationMs: times.durationMs, upstreamMs: times.upstreamMs,
      client: ByteClass.string(line, scan.client), userAgent: userAgent(line, scan.userAgent))
  }

  /// The user agent as kept: nil for none or `-`, escapes undone. Agents repeat from request to
  /// request, so each string is made once.
  private func userAgent(_ line: LineBytes, _ range: Range<Int>?) -> String? {
    guard let ua = range, !ua.isEmpty, !(ua.count == 1 && line[ua.lowerBound] == UInt8(ascii: "-"))
    else { return nil }
    return agents.string(line, ua) { Self.unescaped(line, ua) }
  }

  public func flush(into events: inout [Event]) {}

  /// Request and upstream duration from the trailing fields, as the flavour writes them.
  private func times(_ line: LineBytes, trailing: Range<Int>) -> (Double?, Double?) {
    switch flavor {
    case .nginx:
      // A trailing field that is not a time is tolerated (custom log_format) but not used.
      if let times = TrailingTimes.nginx(line, trailing) {
        return (times.requestMs, times.upstreamMs)
      }
    case .common:
      break
    case .gunicorn(let unit):
      if let parsed = TrailingTimes.gunicorn(line, trailing, integerUnit: unit) {
        return (parsed, nil)
      }
    }
    return (nil, nil)
  }

  /// The full request from the general parser's fields; `route` is the one the sink derived
  /// (nil past its bound, then derived here).
  private func makeRequest(_ line: LineBytes, _ f: AccessFields, route: ServiceTracker.RouteKey?)
    -> Request
  {
    let (durationMs, upstreamMs) = times(line, trailing: f.trailing)
    var method = "-"
    var path = "-"
    var routeText = "-"
    if let request = RequestLine.parse(line, f.request) {
      method = ByteClass.string(line, request.method)
      path = ByteClass.string(line, request.path)
      routeText = route?.route ?? RouteTemplate.derive(path)
    }
    return Request(
      time: f.time, method: method, path: path, route: routeText, status: f.status, bytes: f.bytes,
      durationMs: durationMs, upstreamMs: upstreamMs, client: ByteClass.string(line, f.client),
      userAgent: userAgent(line, f.userAgent))
  }

  /// The user agent with nginx's `\x22` and Apache's `\"` escapes undone.
  static func unescaped(_ line: LineBytes, _ range: Range<Int>) -> String {
    guard line[range].contains(UInt8(ascii: "\\")) else { return ByteClass.string(line, range) }
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var i = range.lowerBound
    while i < range.upperBound {
      let b = line[i]
      if b == UInt8(ascii: "\\"), i + 1 < range.upperBound {
        let next = line[i + 1]
        if next == UInt8(ascii: "x"), i + 3 < range.upperBound,
          let hi = ByteClass.hexValue(line[i + 2]), let lo = ByteClass.hexValue(line[i + 3])
        {
          out.append(hi << 4 | lo)
          i += 4
          continue
        }
        out.append(next)
        i += 2
        continue
      }
      out.append(b)
      i += 1
    }
    return out.withUnsafeBufferPointer { ByteClass.string($0, 0..<$0.count) }
  }

}
