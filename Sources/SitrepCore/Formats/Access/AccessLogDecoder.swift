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

  public init(formatID: String, flavor: Flavor, options: DecoderOptions) {
    self.formatID = formatID
    self.flavor = flavor
    self.options = options
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    guard let fields = AccessLineParser.parse(line, localOffset: options.localOffsetSeconds),
      let event = makeEvent(line, fields)
    else {
      tally.malformed(line)
      return
    }
    tally.parsed()
    events.append(.request(event))
  }

  public func flush(into events: inout [Event]) {}

  private func makeEvent(_ line: LineBytes, _ f: AccessFields) -> RequestEvent? {
    var durationMs: Double?
    var upstreamMs: Double?
    switch flavor {
    case .nginx:
      // A trailing field that is not a time is tolerated (custom log_format) but not used.
      if let times = TrailingTimes.nginx(line, f.trailing) {
        durationMs = times.requestMs
        upstreamMs = times.upstreamMs
      }
    case .common:
      break
    case .gunicorn(let unit):
      if let parsed = TrailingTimes.gunicorn(line, f.trailing, integerUnit: unit) {
        durationMs = parsed
      }
    }
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
