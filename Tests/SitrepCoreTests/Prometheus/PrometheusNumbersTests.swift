import Testing

@testable import SitrepCore

/// Counting from raw counters: restarts, label sets born inside the window, and buckets.
@Suite struct PrometheusNumbersTests {
  func series(_ labels: [String: String], _ points: [(Double, Double)]) -> PromSeries {
    PromSeries(labels: labels, samples: points.map { PromSample(time: $0.0, value: $0.1) })
  }

  @Test func aRestartCountsFromZeroAgain() {
    // 10 → 40 (+30), restart, 5 (+5), 25 (+20).
    let s = series([:], [(0, 10), (10, 40), (20, 5), (30, 25)])
    let (total, perStep) = PrometheusNumbers.increases(s, start: 0, step: 10, steps: 3)
    #expect(total == 55)
    #expect(perStep == [30, 5, 20])
  }

  /// A service's first 5xx creates its series inside the window: `increase()` would see one
  /// sample and count nothing; here it counts from 0.
  @Test func aLabelSetBornInsideTheWindowCountsFromZero() {
    let s = series([:], [(20, 3), (30, 4)])
    let (total, perStep) = PrometheusNumbers.increases(s, start: 0, step: 10, steps: 3)
    #expect(total == 4)
    #expect(perStep == [0, 3, 1])
  }

  @Test func serviceNumbersFromCountersAndBuckets() throws {
    let q = PrometheusServiceQueries(selector: #"job="api""#)
    let counters = [
      series(["handler": "/a", "method": "GET", "status": "2xx"], [(0, 100), (60, 190)]),
      series(["handler": "/a", "method": "GET", "status": "5xx"], [(0, 0), (60, 10)]),
      series(["handler": "/b", "method": "post", "status": "404"], [(30, 5), (60, 5)]),
    ]
    // 100 observations in the window: 50 ≤ 0.1 s, 40 more ≤ 0.5 s, 10 more ≤ 1 s.
    let buckets = [
      series(["le": "0.1", "handler": "/a", "method": "GET"], [(0, 0), (60, 50)]),
      series(["le": "0.5", "handler": "/a", "method": "GET"], [(0, 0), (60, 90)]),
      series(["le": "1", "handler": "/a", "method": "GET"], [(0, 0), (60, 100)]),
      series(["le": "+Inf", "handler": "/a", "method": "GET"], [(0, 0), (60, 100)]),
    ]
    let up = [series(["instance": "a"], [(60, 1)]), series(["instance": "b"], [(60, 0)])]
    let (stats, spark, last) = PrometheusNumbers.stats(
      counters: counters, buckets: buckets, up: up, queries: q, start: 0, end: 60, step: 30)
    #expect(stats.requests == 105)
    #expect(stats.statusClasses == ["2xx": 90, "5xx": 10, "4xx": 5])
    #expect(stats.errorRate == 10.0 / 105)
    #expect(stats.p50Ms == 100)
    #expect(try #require(stats.p95Ms) == 750)
    #expect(stats.up == false)
    #expect(stats.routes.map(\.route) == ["GET /a", "POST /b"])
    #expect(stats.routes[0].errorRate == 0.1)
    // The 404s' series was born at 30 s: its 5 count in the first step.
    #expect(spark == [5.0 / 30, 100.0 / 30])
    #expect(last == 60)
  }
}

/// The one rule for a service with both an access log and Prometheus: never counted twice.
@Suite struct PrometheusShareTests {
  func reading(requests: Double, p95: Double? = 40, up: Bool? = true, error: PrometheusError? = nil)
    -> PrometheusReading
  {
    var r = PrometheusReading(service: "api", selector: #"job="api""#, askedAt: 1000)
    var stats = MetricsServiceStats(
      from: 700, to: 1000, requests: requests, rps: requests / 300,
      statusClasses: ["2xx": requests - 1, "5xx": 1], errorRate: 1 / requests, p50Ms: 20,
      p95Ms: p95, p99Ms: p95)
    stats.up = up
    r.stats = stats
    r.error = error
    return r
  }

  func monitorWithLog(durations: Bool) -> Monitor {
    let m = Monitor()
    m.declareService("api")
    for i in 0..<50 {
      m.ingest(
        Request(
          time: 900 + Double(i), method: "GET", path: "/", route: "/", status: 200,
          durationMs: durations ? 5 : nil),
        service: "api")
    }
    return m
  }

  @Test func theAccessLogCountsAndPrometheusFillsWhatItLacks() throws {
    let m = monitorWithLog(durations: false)
    m.prometheus["api"] = reading(requests: 400)
    let s = try #require(m.snapshot(now: 1000, window: .fiveMinutes).services.first)
    #expect(s.stats.requests == 50)
    #expect(s.stats.p95Ms == 40)
    #expect(s.numbersFrom == "access log; prometheus also read")
    #expect(
      s.numberSources
        == NumberSources(requests: "access log", latency: "prometheus", up: "prometheus"))
  }

  @Test func aLogWithDurationsKeepsItsOwnLatency() throws {
    let m = monitorWithLog(durations: true)
    m.prometheus["api"] = reading(requests: 400)
    let s = try #require(m.snapshot(now: 1000, window: .fiveMinutes).services.first)
    #expect(s.stats.requests == 50)
    #expect(s.stats.p95Ms != 40)
    #expect(s.numberSources.latency == "access log")
  }

  @Test func sourcePrometheusTakesItsNumbersOnly() throws {
    let m = monitorWithLog(durations: true)
    m.numbersSources["api"] = .prometheus
    m.prometheus["api"] = reading(requests: 400)
    let s = try #require(m.snapshot(now: 1000, window: .fiveMinutes).services.first)
    #expect(s.stats.requests == 400)
    #expect(s.numbersFrom == "prometheus; access log also read")
    #expect(s.numberSources.requests == "prometheus")
  }

  @Test func withoutALogPrometheusCounts() throws {
    let m = Monitor()
    m.declareService("api")
    m.prometheus["api"] = reading(requests: 400)
    let s = try #require(m.snapshot(now: 1000, window: .fiveMinutes).services.first)
    #expect(s.stats.requests == 400)
    #expect(s.numbersFrom == "prometheus")
    #expect(s.verdict.verdict == .up)
  }

  @Test func upZeroIsDown() throws {
    let m = Monitor()
    m.declareService("api")
    m.prometheus["api"] = reading(requests: 400, up: false)
    let s = try #require(m.snapshot(now: 1000, window: .fiveMinutes).services.first)
    #expect(s.verdict == VerdictWithReason(.down, "up metric reads 0"))
  }

  /// A failed query is never shown as a quiet service: its verdict says why there are no numbers.
  @Test func aFailedQueryIsUnknownWithTheServersWords() throws {
    let m = Monitor()
    m.declareService("api")
    var r = PrometheusReading(service: "api", selector: "job=,", askedAt: 1000)
    r.error = .server(status: 400, type: "bad_data", message: "parse error")
    m.prometheus["api"] = r
    let s = try #require(m.snapshot(now: 1000, window: .fiveMinutes).services.first)
    #expect(
      s.verdict == VerdictWithReason(.unknown, "prometheus: prometheus 400 bad_data: parse error"))
    let source = try #require(m.prometheusSources(url: "http://p:9090", headless: true).first)
    #expect(source.state == .unreadable("prometheus 400 bad_data: parse error"))
    #expect(source.path == "http://p:9090 {job=,}")
  }
}
