import Testing

@testable import SitrepCore

@Suite struct MetricsTrackerTests {
  let typeLine = "# TYPE reqs_total counter\n"

  @Test func firstSnapshotHasNoRate() {
    var tracker = MetricsTracker()
    tracker.ingest(metricsSnapshot(at: 100, typeLine + "reqs_total 5"))
    #expect(tracker.rate(of: "reqs_total", window: 60, now: 100) == nil)
    #expect(tracker.increase(of: "reqs_total", window: 60, now: 100) == nil)
  }

  @Test func rateUsesTheSnapshotAtOrJustBeforeTheWindowStart() {
    var tracker = MetricsTracker(resolution: 1)
    for (time, value) in [(0.0, 0), (30.0, 30), (60.0, 90), (90.0, 120)] {
      tracker.ingest(metricsSnapshot(at: time, typeLine + "reqs_total \(value)"))
    }
    // Window 60 ending at 90 starts at 30: 120 - 30 over 60 s.
    #expect(tracker.increase(of: "reqs_total", window: 60, now: 90) == 90)
    #expect(tracker.rate(of: "reqs_total", window: 60, now: 90) == 1.5)
    // Window start 45 has no snapshot; the one just before it (30) is the base.
    #expect(tracker.increase(of: "reqs_total", window: 45, now: 90) == 90)
    // Tracking began inside the window: the oldest snapshot is the base.
    #expect(tracker.rate(of: "reqs_total", window: 3600, now: 90) == 120.0 / 90)
  }

  @Test func counterResetCountsThePostResetValueAsIncrease() {
    var tracker = MetricsTracker(resolution: 1)
    let values = [(0.0, 100), (10.0, 150), (20.0, 20), (30.0, 50)]
    for (time, value) in values {
      tracker.ingest(metricsSnapshot(at: time, typeLine + "reqs_total \(value)"))
    }
    // 100 → 150 (+50), restart → 20 (+20), → 50 (+30).
    #expect(tracker.increase(of: "reqs_total", window: 30, now: 30) == 100)
    #expect(tracker.increase(of: "reqs_total", window: 10, now: 20) == 20)
  }

  @Test func resetsSurviveThinning() {
    // Snapshots every second with a 10 s resolution: the one holding the reset gets thinned away.
    var tracker = MetricsTracker(resolution: 10)
    var value = 0
    for second in 0...30 {
      value = second == 15 ? 1 : value + 10
      tracker.ingest(metricsSnapshot(at: Double(second), typeLine + "reqs_total \(value)"))
    }
    #expect(tracker.snapshotCount < 10)
    // 0..140 by 10s (+140), reset to 1 (+1), then 15 more steps of 10 (+150).
    #expect(tracker.increase(of: "reqs_total", window: 40, now: 30) == 291)
  }

  @Test func historyIsBoundedByRetention() {
    var tracker = MetricsTracker(retention: 100, resolution: 10)
    for step in 0..<100 {
      tracker.ingest(metricsSnapshot(at: Double(step * 10), typeLine + "reqs_total \(step)"))
    }
    #expect(tracker.snapshotCount <= 12)
    #expect(tracker.increase(of: "reqs_total", window: 100, now: 990) == 10)
  }

  @Test func staleOrGappedDataIsUnknown() {
    var tracker = MetricsTracker(resolution: 1)
    tracker.ingest(metricsSnapshot(at: 0, typeLine + "reqs_total 1"))
    tracker.ingest(metricsSnapshot(at: 10, typeLine + "reqs_total 2"))
    // Nothing read in the last minute before now=500.
    #expect(tracker.rate(of: "reqs_total", window: 60, now: 500) == nil)
    // A metric missing from the base snapshot is unknown, not 0.
    tracker.ingest(metricsSnapshot(at: 20, typeLine + "reqs_total 3\nother_total 7"))
    #expect(tracker.increase(of: "other_total", window: 15, now: 20) == nil)
  }

  @Test func newLabelCombinationStartsFromZero() {
    var tracker = MetricsTracker(resolution: 1)
    tracker.ingest(metricsSnapshot(at: 0, typeLine + #"reqs_total{status="200"} 10"#))
    tracker.ingest(
      metricsSnapshot(
        at: 10, typeLine + "reqs_total{status=\"200\"} 20\nreqs_total{status=\"500\"} 2"))
    #expect(
      tracker.increase(of: "reqs_total", matching: ["status": "500"], window: 10, now: 10) == 2)
  }

  @Test func gaugesAndUp() {
    var tracker = MetricsTracker()
    #expect(tracker.anyUpIsZero == nil)
    tracker.ingest(
      metricsSnapshot(at: 0, "queue_depth{queue=\"a\"} 4\nup{job=\"api\"} 1\nup{job=\"db\"} 0"))
    #expect(tracker.latestValue("queue_depth", matching: ["queue": "a"]) == 4)
    #expect(tracker.latestValue("queue_depth", matching: ["queue": "b"]) == nil)
    #expect(tracker.anyUpIsZero == true)
    tracker.ingest(metricsSnapshot(at: 10, "up{job=\"api\"} 1\nup{job=\"db\"} 1"))
    #expect(tracker.anyUpIsZero == false)
    tracker.ingest(metricsSnapshot(at: 20, "up{job=\"api\"} 1\nredis_up 0"))
    #expect(tracker.anyUpIsZero == true)
  }

  @Test func histogramQuantileOverWindowUsesBucketDeltas() throws {
    var tracker = MetricsTracker(resolution: 1)
    let types = "# TYPE lat_seconds histogram\n"
    tracker.ingest(
      metricsSnapshot(
        at: 0,
        types + """
          lat_seconds_bucket{le="0.1"} 1000
          lat_seconds_bucket{le="1"} 1000
          lat_seconds_bucket{le="+Inf"} 1000
          """))
    tracker.ingest(
      metricsSnapshot(
        at: 60,
        types + """
          lat_seconds_bucket{le="0.1"} 1010
          lat_seconds_bucket{le="1"} 1100
          lat_seconds_bucket{le="+Inf"} 1100
          """))
    // Window deltas 0.1:10, 1:100, +Inf:100. p50 rank 50: 0.1 + 0.9 * 40 / 90 = 0.5.
    #expect(isNearly(tracker.histogramQuantile(0.5, of: "lat_seconds", window: 60, now: 60), 0.5))
    // Over totals it would have been inside the first bucket; deltas are what the window saw.
  }

  @Test func summaryQuantilesAreReadDirectly() {
    var tracker = MetricsTracker()
    tracker.ingest(
      metricsSnapshot(
        at: 0,
        """
        # TYPE rpc_seconds summary
        rpc_seconds{quantile="0.5"} 0.05
        rpc_seconds{quantile="0.99"} 0.8
        rpc_seconds_count 10
        """))
    #expect(tracker.summaryQuantile(0.99, of: "rpc_seconds") == 0.8)
    #expect(tracker.summaryQuantile(0.95, of: "rpc_seconds") == nil)
  }

  @Test func buildInfoVersionChangeIsADeploy() {
    var tracker = MetricsTracker(service: "api")
    let first = tracker.ingest(
      metricsSnapshot(at: 0, #"app_build_info{version="v1.4.1",commit="aaa"} 1"#))
    #expect(first.isEmpty)
    let same = tracker.ingest(
      metricsSnapshot(at: 10, #"app_build_info{version="v1.4.1",commit="aaa"} 1"#))
    #expect(same.isEmpty)
    let changed = tracker.ingest(
      metricsSnapshot(at: 20, #"app_build_info{version="v1.4.2",commit="bbb"} 1"#))
    #expect(
      changed == [
        DeployEvent(time: 20, kind: .deploy, version: "v1.4.2", service: "api", commit: "bbb")
      ])
    #expect(tracker.buildVersion == "v1.4.2")
  }

  @Test func olderSnapshotsAreIgnored() {
    var tracker = MetricsTracker()
    tracker.ingest(metricsSnapshot(at: 100, #"app_build_info{version="v2"} 1"#))
    let deploys = tracker.ingest(metricsSnapshot(at: 50, #"app_build_info{version="v1"} 1"#))
    #expect(deploys.isEmpty)
    #expect(tracker.buildVersion == "v2")
  }
}
