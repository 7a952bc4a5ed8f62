import Foundation
import Testing

@testable import SitrepCore

/// Numbers no sane program logs, but real ones do (a uint64 counter that wrapped, a task that
/// "succeeded in 1e23s"): through every parser, the model and the formatting helpers, nothing
/// traps, every line is counted once, and no line is dropped without being counted.
@Suite struct ExtremeValueTests {
  static let texts = [
    "0", "-0", "0.0", "NaN", "nan", "inf", "-inf", "+Inf", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", "18446744073709551615", "1e308", "-1e308",
    "1e-308", "1e999999", "-1e999999", "99999999999999999999999",
  ]
  static let doubles: [Double] = [
    0, -0.0, .nan, .infinity, -.infinity, 0x1p63, -0x1p63, 0x1p64, 1e308,
    -1e308, 1e-308, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 9.2e18, 1e23, -1e23,
  ]

  static let fixtures: [(file: String, format: String)] = [
    ("nginx-combined.log", "nginx-combined"), ("nginx-upstream.log", "nginx-combined"),
    ("apache-common.log", "apache-common"), ("gunicorn-access.log", "gunicorn"),
    ("uvicorn.log", "uvicorn"), ("app-python.log", "python-logging"),
    ("gunicorn-error.log", "gunicorn-error"), ("app-structlog.jsonl", "json"),
    ("app-jsonlogger.jsonl", "json"), ("app-logfmt.log", "logfmt"),
    ("celery-worker.log", "celery"), ("rq-worker.log", "rq"), ("syslog-cron.log", "syslog-jobs"),
    ("deploys.jsonl", "deploy-jsonl"), ("deploys-capistrano.log", "capistrano"),
  ]

  /// Each line with one of its numbers replaced by each extreme text in turn.
  static func mutations(of lines: [[UInt8]], linesKept: Int = 25) -> [[UInt8]] {
    let number = try! Regex("[0-9]+(\\.[0-9]+)?")
    var out: [[UInt8]] = []
    for line in lines.prefix(linesKept) {
      let text = String(decoding: line, as: UTF8.self)
      for match in text.matches(of: number).prefix(12) {
        for value in texts {
          var copy = text
          copy.replaceSubrange(match.range, with: value)
          out.append(Array(copy.utf8))
        }
      }
    }
    return out
  }

  /// Everything a snapshot shows, computed and printed the ways report and check do.
  static func exercise(_ monitor: Monitor, now: EpochSeconds) {
    for window in TimeWindow.allCases {
      let snapshot = monitor.snapshot(now: now, window: window)
      _ = ReportJSON.document(snapshot).rendered()
      _ = CheckEvaluator.evaluate(snapshot, failOn: Set(CheckEvaluator.Condition.allCases))
      for job in snapshot.jobs {
        for run in job.recentRuns {
          _ = run.durationSeconds.map { Formatting.latency($0 * 1000) }
          _ = run.durationSeconds.map(Formatting.duration)
        }
      }
    }
  }

  @Test(arguments: fixtures)
  func extremeNumbersInEveryFormat(file: String, format: String) throws {
    let lines = Self.mutations(of: try fixtureLines(file))
    #expect(lines.count > 100)
    let descriptor = try #require(FormatCatalog.descriptor(id: format))
    let monitor = Monitor()
    let decoder = descriptor.makeDecoder(
      DecoderOptions(naiveZone: 0, service: "svc"), monitor.requestSink(service: "svc"))
    var events: [Event] = []
    for (i, line) in lines.enumerated() {
      line.withUnsafeBufferPointer {
        decoder.feed($0, readAt: fixtureReadAt + Double(i) / 100, into: &events)
      }
    }
    decoder.flush(into: &events)
    #expect(total(decoder.counts) == lines.count, "\(file): a line was not counted")
    for e in events { monitor.ingest(e, service: "svc") }
    Self.exercise(monitor, now: fixtureReadAt + Double(lines.count) / 100)
  }

  /// The access-log fast path (one-pass scan, recorder, bulk lanes) sees the same lines.
  @Test(arguments: ["nginx-combined.log", "nginx-upstream.log", "gunicorn-access.log"])
  func extremeAccessLinesThroughThePipeline(file: String) throws {
    let lines = Self.mutations(of: try fixtureLines(file))
    #expect(lines.count > 500)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-extreme-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent(file).path
    var data = Data()
    for line in lines { data.append(contentsOf: line + [0x0A]) }
    try data.write(to: URL(fileURLWithPath: path))
    for headless in [true, false] {
      var options = FollowOptions()
      options.fromStart = true
      options.bulkChunkBytes = 64 << 10
      let pipeline = IngestPipeline(
        specs: [SourceSpec(pattern: path, role: .access, service: "api")], options: options,
        monitor: Monitor(), archive: headless ? nil : LineArchive(),
        decoderOptions: DecoderOptions())
      if headless {
        pipeline.readOnce(now: fixtureReadAt)
      } else {
        while pipeline.pump(now: fixtureReadAt, budgetBytes: 64 << 10) {}
      }
      let health = try #require(pipeline.health().first)
      #expect(health.lines == lines.count)
      Self.exercise(pipeline.monitor, now: fixtureReadAt)
    }
  }

  @Test func extremeMetricValuesAndStamps() throws {
    let file = try fixtureLines("app.prom")
    let descriptor = try #require(FormatCatalog.descriptor(id: "prometheus"))
    let monitor = Monitor()
    let decoder = descriptor.makeDecoder(
      DecoderOptions(naiveZone: 0, service: "api"), monitor.requestSink(service: "api"))
    var events: [Event] = []
    var readAt = fixtureReadAt
    // Each snapshot is the whole file with one number changed, 15 s after the one before.
    for (index, line) in file.enumerated() {
      for mutated in Self.mutations(of: [line]) {
        var snapshot = file
        snapshot[index] = mutated
        for l in snapshot {
          l.withUnsafeBufferPointer { decoder.feed($0, readAt: readAt, into: &events) }
        }
        decoder.flush(into: &events)
        for e in events { monitor.ingest(e, service: "api") }
        events.removeAll()
        readAt += 15
        Self.exercise(monitor, now: readAt)
      }
    }
  }

  /// An exporter's uint64 counter wrapping to 2^64-1 (as `node_exporter` prints it) made the
  /// request count `Int(1.8e19)`: exit 132 for report, check and the dashboard.
  @Test func aCounterPast2To63CountsWithoutTrapping() throws {
    let descriptor = try #require(FormatCatalog.descriptor(id: "prometheus"))
    let monitor = Monitor()
    let decoder = descriptor.makeDecoder(
      DecoderOptions(naiveZone: 0, service: "api"), monitor.requestSink(service: "api"))
    var events: [Event] = []
    for (i, value) in ["0", "18446744073709551615"].enumerated() {
      for line in [
        "# TYPE http_requests_total counter",
        "http_requests_total{handler=\"/a\",method=\"GET\",status=\"2xx\"} \(value)",
        "http_requests_total{handler=\"/a\",method=\"GET\",status=\"5xx\"} \(value)",
      ] {
        Array(line.utf8).withUnsafeBufferPointer {
          decoder.feed($0, readAt: fixtureReadAt + Double(i) * 60, into: &events)
        }
      }
      decoder.flush(into: &events)
    }
    for e in events { monitor.ingest(e, service: "api") }
    let snapshot = monitor.snapshot(now: fixtureReadAt + 60, window: .fiveMinutes)
    let api = try #require(snapshot.services.first { $0.name == "api" })
    #expect(api.numbersFrom == "metrics")
    #expect(api.stats.requests == RequestStats.largestMetricsCount)
    _ = ReportJSON.document(snapshot).rendered()
    _ = CheckEvaluator.evaluate(snapshot, failOn: Set(CheckEvaluator.Condition.allCases))
  }

  @Test func statsFromMetricsSaturate() {
    let huge = MetricsServiceStats(
      from: 0, to: 60, requests: 0x1p64, rps: .infinity,
      statusClasses: ["2xx": .infinity, "5xx": .nan, "4xx": -1e308], errorRate: .nan, p50Ms: nil,
      p95Ms: nil, p99Ms: nil, routes: [])
    let stats = RequestStats(metrics: huge, now: 60, window: 60)
    #expect(stats?.requests == RequestStats.largestMetricsCount)
    #expect(stats?.statusClasses == [0, 0, RequestStats.largestMetricsCount, 0, 0, 0])
  }

  @Test func formattingHelpersTakeAnyDouble() {
    for v in Self.doubles {
      _ = Formatting.latency(v)
      _ = Formatting.duration(v)
      _ = Formatting.percent(v)
      _ = Formatting.rate(v)
      _ = Formatting.clock(v, offsetSeconds: 3600)
      _ = Formatting.iso8601(v)
      _ = Formatting.ago(v, now: 1_795_528_800)
      _ = Formatting.ago(1_795_528_800, now: v)
      _ = DurationText.format(seconds: v)
      _ = ReportValue.number(v).rendered()
    }
    #expect(Formatting.duration(1e23) == "\(Int.max / 86_400)d\((Int.max % 86_400) / 3600)h")
    #expect(Formatting.latency(.nan) == "—")
  }

  /// Double → integer conversions that cannot trap: the helpers every such conversion uses.
  @Test func saturatingConversionsStopAtTheBounds() {
    #expect(Int(saturating: .nan) == 0)
    #expect(Int(saturating: .infinity) == .max)
    #expect(Int(saturating: -.infinity) == .min)
    #expect(Int(saturating: 0x1p63) == .max)
    #expect(Int(saturating: -0x1p63) == .min)
    #expect(Int(saturating: 0x1p63 - 1024) == 9_223_372_036_854_774_784)
    #expect(Int(saturating: -0.0) == 0)
    #expect(Int(saturating: 2.9) == 2)
    #expect(Int32(saturating: 1e10) == .max)
    #expect(UInt32(saturating: -5) == 0)
    #expect(UInt64(saturating: 0x1p64) == .max)
  }

  /// The fast `init(saturating:)` of `Int`, `Int64`, `Int32` and `UInt32` answer as the generic
  /// one does, at the bounds, around them and over a spread of values.
  @Test func intsOwnSaturatingConversionAgreesWithTheGenericOne() {
    func generic<T: FixedWidthInteger>(_ value: Double, as _: T.Type) -> T { T(saturating: value) }
    var values: [Double] = [
      .nan, .infinity, -.infinity, 0x1p63, -0x1p63, 0x1p63.nextDown, (-0x1p63).nextUp,
      0x1p63.nextUp, (-0x1p63).nextDown, -0.0, 0, 0.5, -0.5, 2.9, -2.9, 1e300, -1e300,
      .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    ]
    var rng = SplitMix64(seed: 63)
    for _ in 0..<5000 {
      values.append(Double(bitPattern: rng.next()))
      values.append(Double(Int64(bitPattern: rng.next())) / Double(1 + rng.next() % 1000))
    }
    values += [
      2_147_483_647.5, -2_147_483_648.5, 2_147_483_648, -2_147_483_649, 4_294_967_295.5,
      4_294_967_296, -0.5, -1,
    ]
    for value in values {
      #expect(Int(saturating: value) == generic(value, as: Int.self), "\(value)")
      #expect(Int64(saturating: value) == generic(value, as: Int64.self), "\(value)")
      #expect(Int32(saturating: value) == generic(value, as: Int32.self), "\(value)")
      #expect(UInt32(saturating: value) == generic(value, as: UInt32.self), "\(value)")
    }
  }

  /// `1e999999` is valid JSON: the line keeps its other fields instead of being refused.
  @Test func anOverflowingJSONNumberKeepsTheLine() throws {
    let decoded = try decode(
      "json",
      text: [
        #"{"ts": 1e999999, "level": "error", "message": "boom", "bytes": -1e999999}"#
      ])
    #expect(decoded.counts.parsed == 1)
    #expect(decoded.records.first?.message == "boom")
    let jobs = try decode(
      "json-jobs", text: [#"{"job": "nightly", "status": "success", "duration": 1e999999}"#])
    #expect(jobs.counts.parsed == 1)
    #expect(jobs.jobs.first?.durationSeconds == nil)
  }
}
