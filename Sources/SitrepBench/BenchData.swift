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
    out.append(contentsOf: serverSamples(count: count, t0: t0))
    return out
  }

  /// The Python web servers and proxies (issue 14), one request per line as each writes it.
  static func serverSamples(count: Int, t0: EpochSeconds) -> [(format: String, lines: [String])] {
    func clf(_ i: Int) -> String { CivilClock(t0 + Double(i) * 0.01).nginx }
    // `24/Nov/2026:14:02:31 +0000` cut into the other shapes servers write.
    func spaced(_ i: Int) -> String {
      let c = Array(clf(i))
      return String(c[0..<11]) + " " + String(c[12..<20])
    }
    func ctime(_ i: Int) -> String {
      let c = Array(clf(i))
      return "Tue " + String(c[3..<6]) + " " + String(c[0..<2]) + " " + String(c[12..<20]) + " "
        + String(c[7..<11])
    }
    let agent = "python-httpx/0.27.0"
    return [
      (
        "uvicorn-gunicorn",
        (0..<count).map {
          "127.0.0.1:\(50_000 + $0 % 10_000) - \"GET /api/orders/\($0 % 1000) HTTP/1.1\" 200"
        }
      ),
      (
        "werkzeug",
        (0..<count).map {
          $0 % 10 == 0
            ? "127.0.0.1 - - [\(spaced($0))] \"\u{1B}[33mGET /api/missing/\($0) HTTP/1.1\u{1B}[0m\" 404 -"
            : "127.0.0.1 - - [\(spaced($0))] \"GET /api/orders/\($0 % 1000) HTTP/1.1\" 200 -"
        }
      ),
      (
        "django-runserver",
        (0..<count).map {
          "[\(spaced($0))] \"GET /api/orders/\($0 % 1000) HTTP/1.1\" 200 \(900 + $0 % 97)"
        }
      ),
      (
        "uwsgi",
        (0..<count).map {
          "[pid: 24305|app: 0|req: \($0 + 1)/\($0 + 1)] 10.0.0.\($0 % 250) () {26 vars in 334 bytes} [\(ctime($0))] GET /api/orders/\($0 % 1000) => generated 30 bytes in \($0 % 90) msecs (HTTP/1.1 200) 2 headers in 71 bytes (1 switches on core 0)"
        }
      ),
      (
        "hypercorn",
        (0..<count).map {
          "[2026-11-24 14:00:00 +0000] [21498] [INFO] 127.0.0.1:\(30_000 + $0 % 30_000) - - [\(clf($0))] \"GET /api/orders/\($0 % 1000) 1.1\" 200 27 \"-\" \"\(agent)\""
        }
      ),
      (
        "daphne",
        (0..<count).map {
          "127.0.0.1:\(30_000 + $0 % 30_000) - - [\(String(clf($0).prefix(20)))] \"GET /api/orders/\($0 % 1000)\" 200 27"
        }
      ),
      (
        "caddy",
        (0..<count).map {
          #"{"level":"info","ts":\#(t0 + Double($0) * 0.01),"logger":"http.log.access.log0","msg":"handled request","request":{"remote_ip":"127.0.0.1","remote_port":"41164","proto":"HTTP/1.1","method":"GET","host":"api.example","uri":"/api/orders/\#($0 % 1000)","headers":{"User-Agent":["\#(agent)"]}},"user_id":"","duration":0.004872424,"size":15,"status":200,"resp_headers":{"Content-Type":["application/json"]}}"#
        }
      ),
      (
        "haproxy",
        (0..<count).map {
          "10.0.0.\($0 % 250):\(30_000 + $0 % 30_000) [\(String(clf($0).prefix(20))).\(100 + $0 % 900)] web api/app1 0/0/0/\($0 % 90)/\($0 % 90 + 1) 200 151 - - ---- 1/1/0/0/0 0/0 \"GET /api/orders/\($0 % 1000) HTTP/1.1\""
        }
      ),
    ]
  }
}
