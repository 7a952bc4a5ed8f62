import Glibc
import SitrepCore

/// Generated lines for benchmarks: realistic, varied, reproducible from a seed.
public enum BenchData {
  /// `count` nginx combined lines with `$request_time`, one request every `spacing` seconds from `start`.
  public static func writeAccessLog(
    lines count: Int, to path: String, seed: UInt64 = 1, start: EpochSeconds = 1_795_000_000,
    spacing: Double = 0.01
  ) throws {
    let file = try OutputFile(creating: path)
    var rng = SplitMix64(seed: seed)
    var chunk = ""
    chunk.reserveCapacity(1 << 20)
    for i in 0..<count {
      chunk += accessLine(&rng, time: start + Double(i) * spacing)
      chunk += "\n"
      if chunk.utf8.count > (1 << 20) - 512 {
        try file.write(chunk)
        chunk.removeAll(keepingCapacity: true)
      }
    }
    try file.write(chunk)
  }

  static let paths = [
    "/api/orders/", "/api/customers/", "/api/search?q=", "/api/orders", "/health", "/static/app.js",
  ]

  static func accessLine(_ rng: inout SplitMix64, time: EpochSeconds) -> String {
    let p = Int(rng.next() % UInt64(paths.count))
    let path = paths[p] + (p < 3 ? String(rng.next() % 100_000) : "")
    let status = rng.chance(0.01) ? 502 : rng.chance(0.03) ? 404 : 200
    let ms = Swift.max(0.001, 0.05 * exp(0.6 * rng.normal()))
    let method = p == 3 ? "POST" : "GET"
    return
      "10.0.\(rng.next() % 8).\(rng.next() % 250) - - [\(CivilClock(time).nginx)] \"\(method) \(path) HTTP/1.1\" \(status) \(200 + rng.next() % 5000) \"-\" \"python-httpx/0.27.0\" \(String(cFormat: "%.3f", ms))"
  }

  /// Definitions a user could declare for three of the sampled formats (`FormatCatalog.resolve`):
  /// the benchmark runs them over the same lines as the built-in parser of `sample`.
  public static let declared: [(sample: String, definition: String)] = [
    (
      "nginx-combined",
      #"log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $request_time';"#
    ),
    ("gunicorn", #"%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s"#),
    ("python-logging", "%(asctime)s %(levelname)s %(name)s: %(message)s"),
    (
      "nginx-combined",
      #"regex:^(?<client>\S+) \S+ \S+ \[(?<time>[^\]]+)\] "(?<request>[^"]*)" (?<status>\d{3}) (?<bytes>\d+|-) "[^"]*" "(?<user_agent>[^"]*)" (?<duration>[\d.]+)$"#
    ),
  ]

  /// About `count` lines of each benchmarked format, in memory, keyed by format id.
  public static func samples(count: Int, seed: UInt64 = 1) -> [(format: String, lines: [String])] {
    var rng = SplitMix64(seed: seed)
    let t0: EpochSeconds = 1_795_000_000
    func stamp(_ i: Int) -> String { CivilClock(t0 + Double(i) * 0.01).asctime }
    var out: [(String, [String])] = []
    out.append(
      ("nginx-combined", (0..<count).map { accessLine(&rng, time: t0 + Double($0) * 0.01) }))
    out.append(
      (
        "gunicorn",
        (0..<count).map {
          "127.0.0.1 - - [\(CivilClock(t0 + Double($0)).nginx)] \"GET /api/orders?page=\($0 % 50) HTTP/1.1\" 200 4096 \"-\" \"python-httpx/0.27.0\" 0.0\(41277 + $0 % 1000)"
        }
      ))
    out.append(
      (
        "uvicorn",
        (0..<count).map {
          "INFO:     127.0.0.1:\(50_000 + $0 % 10_000) - \"GET /api/orders/\($0 % 1000) HTTP/1.1\" 200 OK"
        }
      ))
    out.append(
      (
        "python-logging",
        (0..<count).map {
          $0 % 50 == 0
            ? "\(stamp($0)) ERROR app.orders: failed to load order \($0)"
            : "\(stamp($0)) INFO app.orders: order \($0) created for customer \($0 % 977)"
        }
      ))
    out.append(
      (
        "json",
        (0..<count).map {
          #"{"event": "order created", "order_id": \#($0), "level": "info", "logger": "app.orders", "timestamp": "2026-11-24T14:02:31.\#(100_000 + $0 % 800_000)Z"}"#
        }
      ))
    out.append(
      (
        "logfmt",
        (0..<count).map {
          #"time=2026-11-24T14:02:31.118Z level=info logger=app.orders msg="order created" order_id=\#($0) duration=38ms"#
        }
      ))
    out.append(
      (
        "celery",
        (0..<count).map {
          $0 % 2 == 0
            ? "[\(stamp($0)): INFO/MainProcess] Task tasks.sync[\(String($0 / 2, radix: 16))-0000] received"
            : "[\(stamp($0)): INFO/ForkPoolWorker-1] Task tasks.sync[\(String($0 / 2, radix: 16))-0000] succeeded in 0.2693s: None"
        }
      ))
    out.append(
      (
        "prometheus",
        (0..<count).map {
          #"http_requests_total{handler="/api/\#($0 % 100)",method="GET",status="2xx"} \#(1000 + $0)"#
        }
      ))
    return out
  }
}
