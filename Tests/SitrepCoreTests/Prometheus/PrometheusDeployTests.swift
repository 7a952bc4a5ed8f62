import Testing

@testable import SitrepCore

/// The deploy comparison over a service Prometheus counts: the same sides and tests as for a log,
/// fed step by step from the counters and buckets read around the deploy.
@Suite struct PrometheusDeployTests {
  /// 60 steps of 10 s each side of a deploy at 1600: 10 requests a step, none failing before,
  /// half failing after; latency 0–100 ms before, 250–500 ms after.
  static func slices() -> PrometheusSlices {
    var classes: [[Double]] = []
    var buckets: [[Double: Double]] = []
    for i in 0..<120 {
      let after = i >= 60
      classes.append(after ? [0, 0, 5, 0, 0, 5] : [0, 0, 10, 0, 0, 0])
      buckets.append(
        after
          ? [0.1: 0, 0.25: 0, 0.5: 10, .infinity: 10]
          : [0.1: 10, 0.25: 10, 0.5: 10, .infinity: 10])
    }
    return PrometheusSlices(start: 1000, step: 10, classes: classes, buckets: buckets)
  }

  @Test func aStretchOfStepsIsABucket() {
    let b = Self.slices().bucket(from: 1000, to: 1600)
    #expect(b.requests == 600)
    #expect(b.errors == 0)
    let p = b.latency.valuesMs(atPercentiles: [50, 95])
    // Spread evenly over 0–100 ms as histogram_quantile reads the bucket: p50 ≈ 50 ms.
    #expect(abs((p[0] ?? 0) - 50) < 2)
    #expect(abs((p[1] ?? 0) - 95) < 2)
    let after = Self.slices().bucket(from: 1600, to: 2200)
    #expect(after.errors == 300)
    #expect(abs((after.latency.valuesMs(atPercentiles: [50])[0] ?? 0) - 375) < 8)
    // A step counts where it ends: stretches side by side (the gate's 1 s looks) count each
    // step once.
    #expect(Self.slices().bucket(from: 1605, to: 1700).requests == 100)
    var looks = 0
    for t in stride(from: 1001.0, through: 2200, by: 1) {
      looks += Self.slices().bucket(from: t - 1, to: t).requests
    }
    #expect(looks == 1200)
  }

  @Test func theDeployComparisonReadsPrometheusForAServiceWithoutLogs() throws {
    let m = Monitor()
    m.declareService("api")
    m.ingest(.deploy(DeployEvent(time: 1600, version: "v2", service: "api")), service: "api")
    var r = PrometheusReading(service: "api", selector: #"job="api""#, askedAt: 2200)
    r.stats = MetricsServiceStats(from: 1900, to: 2200, requests: 300, rps: 1)
    r.slices = Self.slices()
    m.prometheus["api"] = r
    let d = try #require(m.snapshot(now: 2200, window: .fiveMinutes).deploy)
    #expect(d.before.requests.requests >= 500)
    #expect(d.before.requests.errors == 0)
    #expect(d.after.requests.errors * 2 == d.after.requests.requests)
    let err = try #require(d.changes.first { $0.metric == "error_rate" })
    #expect(err.significant && err.direction == .up)
    let p95 = try #require(d.changes.first { $0.metric == "p95_ms" })
    #expect(p95.significant && p95.direction == .up)
  }

  /// A service an access log counts keeps its log's comparison: Prometheus is not added to it.
  @Test func aLoggedServiceKeepsItsOwnComparison() throws {
    let m = Monitor()
    m.declareService("api")
    for i in 0..<200 {
      m.ingest(
        Request(
          time: 1000 + Double(i) * 6, method: "GET", path: "/", route: "/", status: 200,
          durationMs: 10), service: "api")
    }
    m.ingest(.deploy(DeployEvent(time: 1600, version: "v2", service: "api")), service: "api")
    var r = PrometheusReading(service: "api", selector: #"job="api""#, askedAt: 2200)
    r.stats = MetricsServiceStats(from: 1900, to: 2200, requests: 300, rps: 1)
    r.slices = Self.slices()
    m.prometheus["api"] = r
    let d = try #require(m.snapshot(now: 2200, window: .fiveMinutes).deploy)
    #expect(d.before.requests.errors == 0 && d.after.requests.errors == 0)
  }
}
