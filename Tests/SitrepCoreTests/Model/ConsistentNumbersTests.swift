import Testing

@testable import SitrepCore

/// Issue 13: one number, one answer — rates over the time the data covers, route rows that add up
/// to their service, and the same figure whatever screen shows it.
@Suite struct ConsistentNumbersTests {
  static let t0: EpochSeconds = 1_795_000_000

  static func request(_ t: EpochSeconds, route: String, status: Int = 200) -> Request {
    Request(time: t, method: "GET", path: route, route: route, status: status, durationMs: 20)
  }

  /// 30 seconds of data at 10 rps is 10 rps, not 1 rps over a 5-minute window.
  @Test func aRateIsOverTheTimeTheDataCovers() throws {
    let monitor = Monitor()
    for i in 0..<300 {
      monitor.ingest(Self.request(Self.t0 + Double(i) * 0.1, route: "/a"), service: "api")
    }
    let snap = monitor.snapshot(now: Self.t0 + 30, window: .fiveMinutes)
    let api = try #require(snap.services.first)
    #expect(abs(api.stats.rps - 10) < 0.5, "rps \(api.stats.rps)")
    #expect(abs((api.routes.first?.stats.rps ?? 0) - 10) < 0.5)
  }

  /// After `r`, the rate is over the time since the reset.
  @Test func aRateAfterAResetIsOverTheTimeSinceIt() throws {
    let monitor = Monitor()
    for i in 0..<600 {
      monitor.ingest(Self.request(Self.t0 + Double(i), route: "/a"), service: "api")
    }
    monitor.reset()
    for i in 0..<200 {
      monitor.ingest(Self.request(Self.t0 + 600 + Double(i) * 0.1, route: "/a"), service: "api")
    }
    let snap = monitor.snapshot(now: Self.t0 + 620, window: .fiveMinutes)
    let api = try #require(snap.services.first)
    #expect(api.stats.requests == 200)
    #expect(abs(api.stats.rps - 10) < 1, "rps \(api.stats.rps)")
  }

  /// With more routes than are kept, the route rows plus `(other)` still add up to the service,
  /// at any moment (the window's start falls anywhere inside a minute). The data ends at `now`,
  /// as it does live and under `--at`.
  @Test(arguments: [0.0, 17.5, 42.25, 59.9])
  func routeRowsAddUpToTheService(secondsIntoTheMinute: Double) throws {
    let monitor = Monitor()
    var rng = SplitMix64(seed: 9)
    var t = Self.t0
    let now = (Self.t0 / 60).rounded(.down) * 60 + 1140 + secondsIntoTheMinute
    while t <= now {
      let route = "/r\(rng.next() % 80)"
      monitor.ingest(
        Self.request(t, route: route, status: rng.chance(0.03) ? 502 : 200), service: "api")
      t += rng.exponential(mean: 0.05)
    }
    for window in TimeWindow.allCases {
      let snap = monitor.snapshot(now: now, window: window)
      let api = try #require(snap.services.first)
      #expect(api.routes.contains { $0.route == ServiceTracker.otherRoute })
      #expect(api.routes.map(\.stats.requests).reduce(0, +) == api.stats.requests, "\(window)")
      #expect(api.routes.map(\.stats.errors).reduce(0, +) == api.stats.errors, "\(window)")
    }
  }
}
