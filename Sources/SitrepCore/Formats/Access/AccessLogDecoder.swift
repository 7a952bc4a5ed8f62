/// Decodes nginx / Apache / gunicorn access lines (the Common / Combined Log Format family).
///
/// Only the strings that are stored (path, route, client, user agent) are created; everything
/// else is read from the line's bytes in place.
public final class AccessLogDecoder: SourceDecoder {
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
  public var counts: DecodeCounts { tally.counts }

  private let flavor: Flavor
  private let options: DecoderOptions
  private var tally = DecodeTally()
  private var routes = RouteCache()
  private let interner = RouteInterner()
  private var stamps = RepeatedStampCache()
  /// Kept requests repeat their user agents: each string is made once. (Client addresses are
  /// many, and short enough to be stored inside the String without an allocation.)
  private var agents = RecentStrings()
  /// Set by the pipeline: requests then go straight to the model, with no `Event` built per line.
  public var requestRecorder: RequestRecorder?

  public init(formatID: String, flavor: Flavor, options: DecoderOptions) {
    self.formatID = formatID
    self.flavor = flavor
    self.options = options
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    if let recorder = requestRecorder {
      tally.count(recordUncounted(line, into: recorder), line)
      return
    }
    guard let fields = parse(line) else {
      tally.malformed(line)
      return
    }
    tally.parsed()
    events.append(.request(makeEvent(line, fields)))
  }

  private func parse(_ line: LineBytes) -> AccessFields? {
    AccessLineParser.parse(line, naiveZone: options.naiveZone, stamps: &stamps)
  }

  /// A decoder of the same format with its own route numbers and caches, for a second thread.
  public func laneCopy() -> AccessLogDecoder {
    AccessLogDecoder(formatID: formatID, flavor: flavor, options: options)
  }

  /// Records the line through `recorder` and returns what became of it, leaving the tally to the
  /// caller (bulk reads count each chunk on its own, then add the chunks up in file order).
  public func recordUncounted(_ line: LineBytes, into recorder: RequestRecorder) -> RecordedLine {
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
      let path = LineBytes(rebasing: line[scan.path])
      let route = interner.id(method: LineBytes(rebasing: line[scan.method]), path: path)
      let facts = RequestFacts(time: scan.time, status: scan.status, durationMs: times.0)
      let kept = recorder.record(
        facts, route: route, routeKey: { interner.keys[$0] }, path: path,
        details: { keptEvent(line, scan, facts, upstreamMs: times.1, route: route) })
      return kept ? .parsed : .future
    }
    guard let fields = parse(line) else { return .malformed }
    var route: Int
    var path: LineBytes?
    if let request = RequestLine.parse(line, fields.request) {
      let p = LineBytes(rebasing: line[request.path])
      route = interner.id(method: LineBytes(rebasing: line[request.method]), path: p)
      path = p
    } else {
      route = interner.unparsedID()
    }
    let facts = RequestFacts(
      time: fields.time, status: fields.status,
      durationMs: times(line, trailing: fields.trailing).0)
    return record(line, facts, route: route, path: path, recorder) ? .parsed : .future
  }

  /// Adds what `recordUncounted` found in a later stretch of the file (counted by the caller).
  public func absorb(_ later: DecodeTally) { tally.absorb(later) }

  /// The fast path: numbers and a route number go to the model; the full event (strings) is built
  /// only for kept requests, parsing the line again.
  @inline(__always)
  private func record(
    _ line: LineBytes, _ facts: RequestFacts, route: Int, path: LineBytes?,
    _ recorder: RequestRecorder
  ) -> Bool {
    recorder.record(
      facts, route: route, routeKey: { interner.keys[$0] }, path: path,
      details: { keptEvent(line, facts, route: route) })
  }

  /// The full event for a kept request the one-pass scan read: built from its ranges, without
  /// parsing the line again (under a 5xx storm every other line is kept). Gives what `makeEvent`
  /// gives for the line (`KeptRequestTests`, `ParallelIngestTests`).
  private func keptEvent(
    _ line: LineBytes, _ scan: CombinedLineScan, _ facts: RequestFacts, upstreamMs: Double?,
    route: Int
  ) -> RequestEvent {
    let path = ByteClass.string(line, scan.path)
    let known = derivedRoute(route)
    return RequestEvent(
      time: facts.time, method: known?.method ?? ByteClass.string(line, scan.method),
      path: path, route: known?.route ?? routes.route(for: path), status: facts.status,
      bytes: scan.sent.map { AccessLineParser.digitsValue(line, $0) },
      durationMs: facts.durationMs, upstreamMs: upstreamMs,
      client: ByteClass.string(line, scan.client), userAgent: userAgent(line, scan.userAgent))
  }

  /// The full event for a kept request. Every line the fast path takes parses in full too; the
  /// fallback only keeps a broken invariant from costing more than the request's details.
  private func keptEvent(_ line: LineBytes, _ facts: RequestFacts, route: Int) -> RequestEvent {
    guard let fields = parse(line) else {
      return RequestEvent(
        time: facts.time, method: "-", path: "-", route: "-", status: facts.status,
        durationMs: facts.durationMs)
    }
    return makeEvent(line, fields, route: derivedRoute(route)?.route)
  }

  /// The method and route the interner derived for route number `route`; nil past its bound,
  /// where it only knows `(other)`.
  private func derivedRoute(_ route: Int) -> ServiceTracker.RouteKey? {
    let key = interner.keys[route]
    return key.route == ServiceTracker.otherRoute ? nil : key
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

  /// `knownRoute`: the path's route when the caller has it already.
  private func makeEvent(_ line: LineBytes, _ f: AccessFields, route knownRoute: String? = nil)
    -> RequestEvent
  {
    let (durationMs, upstreamMs) = times(line, trailing: f.trailing)
    var method = "-"
    var path = "-"
    var route = "-"
    if let request = RequestLine.parse(line, f.request) {
      method = ByteClass.string(line, request.method)
      path = ByteClass.string(line, request.path)
      route = knownRoute ?? routes.route(for: path)
    }
    return RequestEvent(
      time: f.time, method: method, path: path, route: route, status: f.status, bytes: f.bytes,
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
          let hi = hexValue(line[i + 2]), let lo = hexValue(line[i + 3])
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

  private static func hexValue(_ b: UInt8) -> UInt8? {
    if ByteClass.isDigit(b) { return b - 0x30 }
    let lower = b | 0x20
    if lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "f") { return lower - 0x61 + 10 }
    return nil
  }
}
