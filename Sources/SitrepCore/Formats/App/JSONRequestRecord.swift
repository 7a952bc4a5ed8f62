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
    guard let statusSpan = s.first(paths.status)?.value,
      let statusValue = JSONSpanText.number(statusSpan, in: line),
      statusValue.rounded() == statusValue, (100...599).contains(statusValue)
    else { return nil }
    guard let durationMs = duration(s, in: line, paths: paths) else { return nil }
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
      status: Int(saturating: statusValue), durationMs: durationMs, client: client)
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
    if let scheme = firstIndex(of: Array("://".utf8), in: bytes) {
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

  private static func firstIndex(of needle: [UInt8], in bytes: LineBytes) -> Int? {
    guard bytes.count >= needle.count else { return nil }
    // A scheme is short: only the first few bytes are looked at.
    for i in 0...min(bytes.count - needle.count, 12)
    where bytes[i..<(i + needle.count)].elementsEqual(needle) {
      return i
    }
    return nil
  }
}
