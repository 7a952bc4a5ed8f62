/// A JSON app-log record that is really a request: request-logging middleware (FastAPI, Django,
/// structlog's ASGI loggers) writes a status and a duration per request when no access log exists.
public enum JSONRequestRecord {
  static let statusKeys = [
    "status", "status_code", "http.status_code", "response.status", "http_status",
  ]
  /// Durations by unit, told by the key's name. `duration`, `elapsed`, `latency` and
  /// `response_time` carry no unit: they are read as seconds, what Python's clocks
  /// (`time.perf_counter()` differences) give, unless the value itself names a unit (`"38ms"`).
  static let millisecondKeys = ["duration_ms", "elapsed_ms", "latency_ms", "response_time_ms"]
  static let microsecondKeys = ["duration_us"]
  static let nanosecondKeys = ["duration_ns"]
  static let secondKeys = [
    "duration", "elapsed", "request_time", "process_time", "latency", "response_time",
  ]
  static let methodKeys = ["method", "http.method", "request_method"]
  static let pathKeys = ["path", "url", "http.path", "request_path"]
  /// A route template as the framework names it (`/api/orders/{order_id}`), kept as written.
  static let routeKeys = ["route", "http.route", "endpoint", "path_template"]
  static let clientKeys = ["client_ip", "remote_addr"]

  static var allKeys: [String] {
    statusKeys + millisecondKeys + microsecondKeys + nanosecondKeys + secondKeys + methodKeys
      + pathKeys + routeKeys + clientKeys
  }

  /// The request keys resolved against a scanner's table.
  public struct Paths: Sendable {
    let status: [JSONKeyPath]
    /// Every duration key, each with what multiplies its value into milliseconds.
    let durations: [(path: JSONKeyPath, toMs: Double)]
    let method: [JSONKeyPath]
    let path: [JSONKeyPath]
    let route: [JSONKeyPath]
    let client: [JSONKeyPath]

    public init(_ scanner: JSONKeyScanner) {
      status = scanner.paths(statusKeys)
      let units: [([String], Double)] = [
        (millisecondKeys, 1), (microsecondKeys, 1e-3), (nanosecondKeys, 1e-6), (secondKeys, 1e3),
      ]
      durations = units.flatMap { keys, toMs in scanner.paths(keys).map { ($0, toMs) } }
      method = scanner.paths(methodKeys)
      path = scanner.paths(pathKeys)
      route = scanner.paths(routeKeys)
      client = scanner.paths(clientKeys)
    }
  }

  /// The request a scanned record describes: `nil` unless it has an HTTP status (100...599) and a
  /// duration. A missing method or path reads `-`; the route is the one written, else derived
  /// from the path.
  public static func request(
    _ s: JSONKeyScanner, in line: LineBytes, time: EpochSeconds, paths: Paths
  ) -> Request? {
    guard let status = status(s, in: line, paths: paths),
      let durationMs = duration(s, in: line, paths: paths)
    else { return nil }
    let method = s.first(paths.method).map { JSONSpanText.display($0.value, in: line) } ?? "-"
    var path = "-"
    var route: String?
    if let p = s.first(paths.path)?.value, p.kind == .string {
      JSONSpanText.withDecoded(p, in: line) { bytes in
        let local = pathPart(bytes)
        path = ByteClass.string(local, 0..<local.count)
        route = RouteTemplate.derive(bytes: local)
      }
    }
    if let r = s.first(paths.route)?.value, r.kind == .string {
      route = JSONSpanText.display(r, in: line)
    }
    let client = s.first(paths.client).map { JSONSpanText.display($0.value, in: line) } ?? "-"
    return Request(
      time: time, method: method, path: path, route: route ?? path,
      status: status, durationMs: durationMs, client: client)
  }

  /// Records the request a scanned record describes (as `request` reads it) straight into `sink`:
  /// when its method, path and route are plain ASCII, as they nearly always are, they are handed
  /// over as the line's bytes, and the `Request` with its strings is built only if the model keeps
  /// it. Building it for every request record (four strings, a derived route) was a tenth of a JSON
  /// app log's decoding (measured). `nil` when the record is not a request.
  public static func record(
    _ s: JSONKeyScanner, in line: LineBytes, time: EpochSeconds, paths: Paths,
    into sink: RequestSink
  ) -> LineOutcome.Recorded? {
    guard let status = status(s, in: line, paths: paths),
      let durationMs = duration(s, in: line, paths: paths)
    else { return nil }
    let method = s.first(paths.method)?.value
    let path = (s.first(paths.path)?.value).flatMap { $0.kind == .string ? $0 : nil }
    let route = (s.first(paths.route)?.value).flatMap { $0.kind == .string ? $0 : nil }
    guard let methodBytes = plain(method, in: line), let pathBytes = plain(path, in: line),
      route == nil || plain(route, in: line) != nil
    else {
      // Escapes or other bytes the sanitiser would change: the strings, as `request` builds them.
      guard let request = request(s, in: line, time: time, paths: paths) else { return nil }
      return LineOutcome.Recorded(status: status, taken: sink.record(request, routeAsWritten: true))
    }
    let local = path == nil ? pathBytes : pathPart(pathBytes)
    let client = s.first(paths.client)?.value
    // A local function, not a closure value, that captures no scanner: passed on without a
    // context or a copy of the scanner per request.
    func details(_ key: ServiceTracker.RouteKey?) -> Request {
      let pathText = path == nil ? "-" : ByteClass.string(local, 0..<local.count)
      let written = route.map { JSONSpanText.display($0, in: line) }
      return Request(
        time: time, method: ByteClass.string(methodBytes, 0..<methodBytes.count), path: pathText,
        route: key?.route ?? written ?? (path == nil ? "-" : RouteTemplate.derive(bytes: local)),
        status: status, durationMs: durationMs,
        client: client.map { JSONSpanText.display($0, in: line) } ?? "-")
    }
    let taken: Bool
    if let route, let routeBytes = plain(route, in: line) {
      taken = sink.record(
        time: time, status: status, durationMs: durationMs, method: methodBytes,
        route: routeBytes, path: local, details: details)
    } else if path == nil {
      // No path: the route is `-` as written, not derived from `-`.
      taken = sink.record(
        time: time, status: status, durationMs: durationMs, method: methodBytes,
        route: local, path: local, details: details)
    } else {
      taken = sink.record(
        time: time, status: status, durationMs: durationMs, method: methodBytes, path: local,
        details: details)
    }
    return LineOutcome.Recorded(status: status, taken: taken)
  }

  /// A value's bytes when they read as themselves (no escapes, plain printable ASCII); `-` for no
  /// value; `nil` when the sanitised text would differ.
  private static func plain(_ span: JSONSpan?, in line: LineBytes) -> LineBytes? {
    guard let span else { return dash }
    guard !(span.kind == .string && span.escaped) else { return nil }
    let bytes = LineBytes(rebasing: line[span.range])
    return TextSanitizer.isPlainASCII(bytes) ? bytes : nil
  }

  /// `-`, for a request without a method or path. Static memory: lent as `LineBytes`.
  nonisolated(unsafe) private static let dash: LineBytes = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.initialize(to: UInt8(ascii: "-"))
    return LineBytes(start: p, count: 1)
  }()

  /// An HTTP status (100...599, whole) from the first status key present.
  private static func status(_ s: JSONKeyScanner, in line: LineBytes, paths: Paths) -> Int? {
    guard let statusSpan = s.first(paths.status)?.value,
      let statusValue = JSONSpanText.number(statusSpan, in: line),
      statusValue.rounded() == statusValue, (100...599).contains(statusValue)
    else { return nil }
    return Int(saturating: statusValue)
  }

  /// The first duration present, in milliseconds; a string may name its own unit (`"38ms"`).
  static func duration(_ s: JSONKeyScanner, in line: LineBytes, paths: Paths) -> Double? {
    for (path, toMs) in paths.durations {
      guard let span = s.value(path), !span.isNull else { continue }
      if let n = JSONSpanText.number(span, in: line) {
        return n.isFinite && n >= 0 ? n * toMs : nil
      }
      if span.kind == .string, let ms = withUnit(span, in: line) { return ms }
      return nil
    }
    return nil
  }

  /// `"38ms"`, `"0.25s"`, `"120us"`, `"120µs"`, `"5ns"` in milliseconds.
  private static func withUnit(_ span: JSONSpan, in line: LineBytes) -> Double? {
    JSONSpanText.withDecoded(span, in: line) { bytes -> Double? in
      var c = ByteCursor(bytes)
      guard let value = c.readDecimal(), value >= 0 else { return nil }
      c.skipSpaces()
      let unit = Array(bytes[c.index...])
      let scale: Double? =
        switch unit {
        case Array("ms".utf8): 1
        case Array("s".utf8): 1e3
        case Array("us".utf8), Array("µs".utf8): 1e-3
        case Array("ns".utf8): 1e-6
        default: nil
        }
      return scale.map { value * $0 }
    }
  }

  /// The path of a request target without query or fragment; an absolute URL keeps its path.
  private static func pathPart(_ bytes: LineBytes) -> LineBytes {
    var start = 0
    if let scheme = schemeEnd(bytes) {
      start = (scheme + 3..<bytes.count).first { bytes[$0] == UInt8(ascii: "/") } ?? bytes.count
    }
    var end = bytes.count
    for i in start..<bytes.count
    where bytes[i] == UInt8(ascii: "?") || bytes[i] == UInt8(ascii: "#") {
      end = i
      break
    }
    return LineBytes(rebasing: bytes[start..<end])
  }

  /// Where `://` starts, looked for among the first few bytes only (a scheme is short), without
  /// building the needle as an array per request (measured: an allocation per request record).
  private static func schemeEnd(_ bytes: LineBytes) -> Int? {
    guard bytes.count >= 3 else { return nil }
    for i in 0...min(bytes.count - 3, 12)
    where bytes[i] == UInt8(ascii: ":") && bytes[i + 1] == UInt8(ascii: "/")
      && bytes[i + 2] == UInt8(ascii: "/")
    {
      return i
    }
    return nil
  }
}
