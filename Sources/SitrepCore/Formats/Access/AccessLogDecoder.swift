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
  /// Set by the pipeline: requests then go straight to the model, with no `Event` built per line.
  public var requestRecorder: RequestRecorder?

  public init(formatID: String, flavor: Flavor, options: DecoderOptions) {
    self.formatID = formatID
    self.flavor = flavor
    self.options = options
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    guard
      let fields = AccessLineParser.parse(
        line, localOffset: options.localOffsetSeconds, stamps: &stamps)
    else {
      tally.malformed(line)
      return
    }
    tally.parsed()
    if let recorder = requestRecorder {
      record(line, fields, recorder)
    } else {
      events.append(.request(makeEvent(line, fields)))
    }
  }

  /// A decoder of the same format with its own route numbers and caches, for a second thread.
  public func laneCopy() -> AccessLogDecoder {
    AccessLogDecoder(formatID: formatID, flavor: flavor, options: options)
  }

  /// Batch decoding (headless, several threads): records the line through `recorder` and returns
  /// whether it parsed, leaving the tally to the caller, who counts lines in their file order.
  public func recordUncounted(_ line: LineBytes, into recorder: RequestRecorder) -> Bool {
    guard
      let fields = AccessLineParser.parse(
        line, localOffset: options.localOffsetSeconds, stamps: &stamps)
    else { return false }
    record(line, fields, recorder)
    return true
  }

  /// Counts lines decoded by `recordUncounted`, in file order.
  public func count(parsed: Int) { tally.parsed(parsed) }
  public func countMalformed(_ line: LineBytes) { tally.malformed(line) }

  /// The fast path: numbers and a route number go to the model; strings only for kept requests.
  private func record(_ line: LineBytes, _ f: AccessFields, _ recorder: RequestRecorder) {
    let (durationMs, _) = times(line, f)
    var route: Int
    var path: LineBytes?
    if let request = RequestLine.parse(line, f.request) {
      let p = LineBytes(rebasing: line[request.path])
      route = interner.id(method: LineBytes(rebasing: line[request.method]), path: p)
      path = p
    } else {
      route = interner.unparsedID()
    }
    recorder.record(
      RequestFacts(time: f.time, status: f.status, durationMs: durationMs), route: route,
      routeKey: { interner.keys[$0] }, path: path, details: { makeEvent(line, f) })
  }

  public func flush(into events: inout [Event]) {}

  /// Request and upstream duration from the trailing fields, as the flavour writes them.
  private func times(_ line: LineBytes, _ f: AccessFields) -> (Double?, Double?) {
    switch flavor {
    case .nginx:
      // A trailing field that is not a time is tolerated (custom log_format) but not used.
      if let times = TrailingTimes.nginx(line, f.trailing) {
        return (times.requestMs, times.upstreamMs)
      }
    case .common:
      break
    case .gunicorn(let unit):
      if let parsed = TrailingTimes.gunicorn(line, f.trailing, integerUnit: unit) {
        return (parsed, nil)
      }
    }
    return (nil, nil)
  }

  private func makeEvent(_ line: LineBytes, _ f: AccessFields) -> RequestEvent {
    let (durationMs, upstreamMs) = times(line, f)
    var method = "-"
    var path = "-"
    var route = "-"
    if let request = RequestLine.parse(line, f.request) {
      method = ByteClass.string(line, request.method)
      path = ByteClass.string(line, request.path)
      route = routes.route(for: path)
    }
    var agent: String?
    if let ua = f.userAgent, !(ua.count == 1 && line[ua.lowerBound] == UInt8(ascii: "-")),
      !ua.isEmpty
    {
      agent = Self.unescaped(line, ua)
    }
    return RequestEvent(
      time: f.time, method: method, path: path, route: route, status: f.status, bytes: f.bytes,
      durationMs: durationMs, upstreamMs: upstreamMs, client: ByteClass.string(line, f.client),
      userAgent: agent)
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
