import Foundation
import Testing

@testable import SitrepCore

/// Headless reads decode JSON app logs in chunks on several threads and merge them in file order;
/// live reads feed one line at a time. Both must give the same model, the same counts and the same
/// last malformed lines, however the chunks cut the file: through a traceback written on lines of
/// its own after a record, through a message's indented continuation lines, at any line.
@Suite struct ParallelRecordIngestTests {
  static let start: EpochSeconds = 1_795_000_000

  /// ISO 8601 in UTC, for times between 2026-11-18 and the end of November.
  static func stamp(_ t: EpochSeconds) -> String {
    let secs = Int(t)
    let micros = Int(((t - Double(secs)) * 1e6).rounded())
    let day = 18 + (secs - 1_794_960_000) / 86_400  // 2026-11-18T00:00:00Z
    let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60)
    let pad = { (v: Int, n: Int) in String(repeating: "0", count: max(0, n - "\(v)".count)) + "\(v)"
    }
    return "2026-11-\(day)T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(micros, 6))Z"
  }

  /// `count` lines a quarter second apart: structlog and python-json-logger records, request
  /// records (a 5xx every 37th), errors with a traceback inside the record or on the lines after
  /// it, indented continuation lines, garbage, and records stamped a day in the future.
  static func lines(_ count: Int) -> [String] {
    let traceback = [
      "Traceback (most recent call last):",
      "  File \"/srv/app/orders.py\", line 7, in get_order",
      "    row = fetch({}, key)",
      "  File \"/srv/app/orders.py\", line 3, in fetch",
      "    return repo[key]",
    ]
    var out: [String] = []
    var n = 0
    while out.count < count {
      n += 1
      let t = start + Double(n) * 0.25
      let ts = stamp(t)
      switch n % 29 {
      case 3:
        // As json.dumps writes it: quotes escaped, newlines as `\n`.
        let tb = (traceback + ["KeyError: 'order-\(n % 7)'"])
          .map { $0.replacingOccurrences(of: "\"", with: "\\\"") }.joined(separator: "\\n")
        out.append(
          #"{"event": "failed to load order", "level": "error", "logger": "app.orders", "#
            + #""timestamp": "\#(ts)", "order_id": \#(n), "exception": "\#(tb)"}"#)
      case 7:
        // A record whose traceback the handler wrote as plain lines after it.
        out.append(
          #"{"asctime": "\#(ts)", "levelname": "ERROR", "name": "app.jobs", "message": "#
            + #""job \#(n % 5) crashed"}"#)
        out += traceback + ["ValueError: bad row \(n % 3)"]
      case 11:
        out.append(
          #"{"level": "warning", "event": "slow query", "timestamp": "\#(ts)", "ms": 900}"#)
        out.append("    SELECT * FROM orders WHERE id = \(n)")
      case 13:
        out.append("garbage line \(n) {not json")
      case 17:
        // A day ahead of the read: refused by the model, counted on the source.
        out.append(
          #"{"event": "clock skew", "level": "error", "timestamp": "\#(stamp(t + 86_400))"}"#)
      case 19, 23:
        let status = n % 37 == 0 ? 503 : 200
        out.append(
          #"{"event": "request finished", "method": "GET", "path": "/api/orders/\#(n % 50)", "#
            + #""status_code": \#(status), "duration_ms": \#(Double(n % 300) + 0.5), "#
            + #""level": "info", "timestamp": "\#(ts)"}"#)
      case let k where k % 2 == 0:
        out.append(
          #"{"event": "order created", "order_id": \#(n), "level": "info", "#
            + #""logger": "app.orders", "timestamp": "\#(ts)"}"#)
      default:
        out.append(
          #"{"asctime": "\#(ts)", "levelname": "INFO", "name": "app.cart", "#
            + #""message": "cart updated for customer \#(n % 977)", "cart_items": \#(n % 7)}"#)
      }
    }
    return out
  }

  static func write(_ lines: [String]) throws -> (dir: String, path: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-parallel-records-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/app.jsonl"
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return (dir, path)
  }

  static func pipeline(
    _ path: String, chunkBytes: Int = 2 << 20, lanes: Int = 2, waveBytes: Int = 64 << 20
  ) -> IngestPipeline {
    var options = FollowOptions()
    options.fromStart = true
    options.bulkChunkBytes = chunkBytes
    options.bulkLanes = lanes
    options.bulkWaveBytes = waveBytes
    return IngestPipeline(
      specs: [SourceSpec(pattern: path, service: "api")], options: options, monitor: Monitor(),
      archive: nil, decoderOptions: DecoderOptions())
  }

  /// Reads `path` headless in chunks and live line by line, and expects the same of both.
  static func expectSameRead(
    _ path: String, now: EpochSeconds, chunkBytes: Int, lanes: Int, waveBytes: Int = 64 << 20
  ) {
    let headless = pipeline(path, chunkBytes: chunkBytes, lanes: lanes, waveBytes: waveBytes)
    headless.readOnce(now: now)
    let live = pipeline(path)
    while live.pump(now: now, budgetBytes: 64 << 10) {}
    live.readOnce(now: now)
    #expect(headless.linesDecodedInParallel > 0, "the chunked read was not taken")
    for window in [TimeWindow.fiveMinutes, .oneHour] {
      #expect(
        headless.monitor.snapshot(now: now, window: window)
          == live.monitor.snapshot(now: now, window: window))
    }
    #expect(headless.monitor.eventsIngested == live.monitor.eventsIngested)
    #expect(headless.monitor.appRecordTrackers.count == live.monitor.appRecordTrackers.count)
    for (a, b) in zip(headless.monitor.appRecordTrackers, live.monitor.appRecordTrackers) {
      #expect(a.totalRequests == b.totalRequests)
      // Requests stamped the same instant may be listed in another order (a repeated recording
      // here), as in a chunked access-log read; which they are is the same.
      let order = { (x: Request, y: Request) in
        (x.time, x.durationMs ?? 0, x.path) < (y.time, y.durationMs ?? 0, y.path)
      }
      #expect(a.recentErrors.items.sorted(by: order) == b.recentErrors.items.sorted(by: order))
    }
    #expect(headless.health() == live.health())
  }

  static let readShapes: [(Int, Int, Int)] = [
    (2_097_152, 2, 67_108_864), (4_096, 2, 67_108_864), (4_096, 3, 67_108_864),
    (1_024, 2, 67_108_864), (4_096, 1, 67_108_864), (4_096, 2, 50_000), (1_024, 3, 7_000),
  ]

  /// Chunks of 2 MB (one lane's worth), of 4 kB (an edge every 20 lines or so), three lanes;
  /// merged at the end, or every 50 kB (a wave's edge inside a chunk's worth of lines).
  @Test(arguments: Self.readShapes)
  func chunkedAndLineByLineReadsGiveTheSameModel(chunkBytes: Int, lanes: Int, waveBytes: Int)
    throws
  {
    let lines = Self.lines(12_000)
    let (dir, path) = try Self.write(lines)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let now = Self.start + 3_600
    Self.expectSameRead(
      path, now: now, chunkBytes: chunkBytes, lanes: lanes, waveBytes: waveBytes)

    let headless = Self.pipeline(path, chunkBytes: chunkBytes, lanes: lanes, waveBytes: waveBytes)
    headless.readOnce(now: now)
    let health = try #require(headless.health().first)
    #expect(health.lines == lines.count)
    #expect(health.malformed == lines.filter { $0.hasPrefix("garbage") }.count)
    #expect(health.future > 0)
    let snapshot = headless.monitor.snapshot(now: now, window: .oneHour)
    // Tracebacks on lines of their own are joined to their record whatever chunk they fell in.
    #expect(snapshot.errors.contains { $0.type == "ValueError" })
    #expect(snapshot.errors.contains { $0.type == "KeyError" })
  }

  /// Every recorded JSON app log, repeated until it is long enough to be read in chunks, cut
  /// into chunks of a few hundred bytes.
  @Test(arguments: [
    "app-structlog.jsonl", "app-jsonlogger.jsonl", "real-stack/app.log",
    "formats/fastapi-jsonlog/app.jsonl",
  ])
  func recordedLogsReadTheSameInChunks(fixture: String) throws {
    let url = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/" + fixture)
    let text = try String(contentsOf: url, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    // Long enough that the first read does not take it all (a few hundred kB).
    var repeated: [String] = []
    while repeated.count < 3_000 { repeated += lines }
    let (dir, path) = try Self.write(repeated)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (chunkBytes, lanes) in [(300, 2), (700, 3)] {
      Self.expectSameRead(path, now: 1_796_000_000, chunkBytes: chunkBytes, lanes: lanes)
    }
  }
}
