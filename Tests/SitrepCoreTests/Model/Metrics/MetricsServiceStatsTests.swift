import Testing

@testable import SitrepCore

@Suite struct MetricsServiceStatsTests {
  /// An instrumentator-style file; `scale` multiplies the counts so two reads differ.
  func instrumentator(
    at time: EpochSeconds, ok: Int, errors: Int, health: Int, fast: Int, slow: Int,
    version: String = "v1", up: Int = 1
  ) -> MetricsSnapshot {
    metricsSnapshot(
      at: time,
      """
      # TYPE http_requests_total counter
      http_requests_total{handler="/api/orders",method="GET",status="2xx"} \(ok)
      http_requests_total{handler="/api/orders",method="GET",status="5xx"} \(errors)
      http_requests_total{handler="/health",method="GET",status="2xx"} \(health)
      # TYPE http_request_duration_seconds histogram
      http_request_duration_seconds_bucket{handler="/api/orders",method="GET",le="0.1"} \(fast)
      http_request_duration_seconds_bucket{handler="/api/orders",method="GET",le="1.0"} \(fast + slow)
      http_request_duration_seconds_bucket{handler="/api/orders",method="GET",le="+Inf"} \(fast + slow)
      http_request_duration_seconds_bucket{handler="/health",method="GET",le="0.1"} \(health)
      http_request_duration_seconds_bucket{handler="/health",method="GET",le="1.0"} \(health)
      http_request_duration_seconds_bucket{handler="/health",method="GET",le="+Inf"} \(health)
      app_build_info{version="\(version)"} 1
      up{job="api"} \(up)
      """)
  }

  @Test func serviceNumbersFromInstrumentatorMetrics() throws {
    var tracker = MetricsTracker(resolution: 1)
    tracker.ingest(instrumentator(at: 0, ok: 1000, errors: 10, health: 100, fast: 1000, slow: 10))
    tracker.ingest(instrumentator(at: 60, ok: 1080, errors: 30, health: 200, fast: 1050, slow: 60))

    let stats = try #require(tracker.serviceStats(window: 60, now: 60, names: .default))
    // Increases: orders 2xx 80, 5xx 20, health 100.
    #expect(stats.requests == 200)
    #expect(stats.rps == 200.0 / 60)
    #expect(stats.errorRate == 0.1)
    #expect(stats.statusClasses == ["2xx": 180, "5xx": 20])
    #expect(stats.up == true)
    #expect(stats.version == "v1")
    #expect(stats.from == 0 && stats.to == 60)
    // Buckets over both handlers: 0.1: 50+100=150, 1.0: 100+100=200, +Inf 200.
    // p50 rank 100 → 0.1 * 100/150 s; p95 rank 190 → 0.1 + 0.9 * 40/50 s.
    #expect(isNearly(stats.p50Ms, 100 * 100 / 150))
    #expect(isNearly(stats.p95Ms, 1000 * (0.1 + 0.9 * 40 / 50)))

    #expect(stats.routes.map(\.route) == ["GET /api/orders", "GET /health"])
    let orders = stats.routes[0]
    #expect(orders.requests == 100)
    #expect(orders.errorRate == 0.2)
    // Orders buckets: 0.1: 50, 1.0: 100. p50 rank 50 → 100 ms; p99 rank 99 → 0.1 + 0.9*49/50 s.
    #expect(isNearly(orders.p50Ms, 100))
    #expect(isNearly(orders.p99Ms, 1000 * (0.1 + 0.9 * 49 / 50)))
    #expect(stats.routes[1].errorRate == 0)
  }

  @Test func firstSnapshotKnowsVersionAndUpButNoRates() throws {
    var tracker = MetricsTracker()
    tracker.ingest(instrumentator(at: 0, ok: 1, errors: 0, health: 1, fast: 1, slow: 0, up: 0))
    let stats = try #require(tracker.serviceStats(window: 300, now: 0, names: .default))
    #expect(stats.requests == nil)
    #expect(stats.rps == nil)
    #expect(stats.errorRate == nil)
    #expect(stats.p95Ms == nil)
    #expect(stats.up == false)
    #expect(stats.version == "v1")
    #expect(stats.routes.isEmpty)
  }

  @Test func noRequestsMeansUnknownErrorRateAndLatency() throws {
    var tracker = MetricsTracker(resolution: 1)
    tracker.ingest(instrumentator(at: 0, ok: 5, errors: 1, health: 5, fast: 5, slow: 0))
    tracker.ingest(instrumentator(at: 60, ok: 5, errors: 1, health: 5, fast: 5, slow: 0))
    let stats = try #require(tracker.serviceStats(window: 60, now: 60, names: .default))
    #expect(stats.requests == 0)
    #expect(stats.rps == 0)
    #expect(stats.errorRate == nil)
    #expect(stats.p50Ms == nil)
    #expect(stats.routes.isEmpty)
  }

  @Test func staleMetricsFileGivesNoUpAndNoRates() throws {
    var tracker = MetricsTracker(resolution: 1)
    tracker.ingest(instrumentator(at: 0, ok: 5, errors: 1, health: 5, fast: 5, slow: 0))
    tracker.ingest(instrumentator(at: 60, ok: 9, errors: 1, health: 5, fast: 9, slow: 0))
    let stats = try #require(tracker.serviceStats(window: 60, now: 1000, names: .default))
    #expect(stats.snapshotAge == 940)
    #expect(stats.up == nil)
    #expect(stats.requests == nil)
    #expect(stats.version == "v1")
  }

  @Test func pastWindowsUseOnlyTheSnapshotsBeforeThem() throws {
    var tracker = MetricsTracker(resolution: 1)
    tracker.ingest(instrumentator(at: 0, ok: 100, errors: 0, health: 0, fast: 100, slow: 0))
    tracker.ingest(instrumentator(at: 60, ok: 160, errors: 0, health: 0, fast: 160, slow: 0))
    tracker.ingest(
      instrumentator(
        at: 120, ok: 170, errors: 50, health: 0, fast: 160, slow: 60, version: "v2", up: 0))
    // The window before the deploy at 60 sees 60 requests, no errors, and no "present" values.
    let before = try #require(tracker.serviceStats(window: 60, now: 60, names: .default))
    #expect(before.requests == 60)
    #expect(before.errorRate == 0)
    #expect(before.version == nil)
    #expect(before.up == nil)
    #expect(before.snapshotAge == 0)
    let after = try #require(tracker.serviceStats(window: 60, now: 120, names: .default))
    #expect(after.requests == 60)
    #expect(isNearly(after.errorRate, 50.0 / 60))
    #expect(after.version == "v2")
    #expect(after.up == false)
    #expect(tracker.serviceStats(window: 60, now: -1, names: .default) == nil)
  }

  @Test func alternativeNamesNumericStatusAndOverrides() throws {
    var tracker = MetricsTracker(resolution: 1)
    func file(_ time: EpochSeconds, _ ok: Int, _ bad: Int) -> MetricsSnapshot {
      metricsSnapshot(
        at: time,
        """
        starlette_requests_total{method="GET",path="/a",status_code="200"} \(ok)
        starlette_requests_total{method="GET",path="/a",status_code="503"} \(bad)
        """)
    }
    tracker.ingest(file(0, 10, 0))
    tracker.ingest(file(10, 40, 10))
    let stats = try #require(tracker.serviceStats(window: 10, now: 10, names: .default))
    #expect(stats.requests == 40)
    #expect(stats.errorRate == 0.25)
    #expect(stats.routes.map(\.route) == ["GET /a"])

    // An override naming a metric that is absent falls back to the defaults after it.
    let names = MetricNames.overriding(requests: "myapp_hits_total", duration: nil)
    #expect(names.requests.first == "myapp_hits_total")
    #expect(tracker.serviceStats(window: 10, now: 10, names: names)?.requests == 40)
  }

  @Test func summaryLatencyIsReadDirectly() throws {
    var tracker = MetricsTracker()
    tracker.ingest(
      metricsSnapshot(
        at: 0,
        """
        http_server_requests_seconds{quantile="0.5"} 0.02
        http_server_requests_seconds{quantile="0.95"} 0.3
        http_server_requests_seconds{quantile="0.99"} 0.9
        """))
    let stats = try #require(tracker.serviceStats(window: 60, now: 0, names: .default))
    #expect(isNearly(stats.p95Ms, 300))
    #expect(isNearly(stats.p99Ms, 900))
  }

  @Test func unrelatedMetricsGiveNil() {
    var tracker = MetricsTracker()
    #expect(tracker.serviceStats(window: 60, now: 0, names: .default) == nil)
    tracker.ingest(metricsSnapshot(at: 0, "node_load1 0.5"))
    #expect(tracker.serviceStats(window: 60, now: 0, names: .default) == nil)
  }

  @Test func statusClassReading() {
    #expect(MetricStatusClass.of("5xx") == "5xx")
    #expect(MetricStatusClass.of("5XX") == "5xx")
    #expect(MetricStatusClass.of("502") == "5xx")
    #expect(MetricStatusClass.of("200") == "2xx")
    #expect(MetricStatusClass.of("5x0") == nil)
    #expect(MetricStatusClass.of("600") == nil)
    #expect(MetricStatusClass.of("") == nil)
  }
}
