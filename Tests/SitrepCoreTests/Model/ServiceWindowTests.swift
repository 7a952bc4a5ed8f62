import Testing

@testable import SitrepCore

/// Windows sliding over exact event streams, numbers checked by hand.
@Suite struct ServiceWindowTests {
  static let t0: EpochSeconds = 1_795_000_020  // a multiple of 10 and of 60

  func request(_ t: EpochSeconds, status: Int = 200, ms: Double? = 100, route: String = "/a")
    -> Request
  {
    Request(time: t, method: "GET", path: route, route: route, status: status, durationMs: ms)
  }

  @Test func windowCountsOnlyWhatIsInside() {
    var s = ServiceTracker(name: "api")
    // One request every second for 10 minutes, every tenth a 500.
    for i in 0..<600 {
      s.record(request(Self.t0 + Double(i), status: i % 10 == 0 ? 500 : 200))
    }
    let now = Self.t0 + 600
    let five = s.stats(window: 300, now: now)
    #expect(five.requests == 300)
    #expect(five.errors == 30)
    #expect(five.errorRate == 0.1)
    #expect(abs(five.rps - 1.0) < 1e-9)
    let one = s.stats(window: 60, now: now)
    #expect(one.requests == 60)
    // Sliding on by 20 s with no new traffic: the window starts on the nearest minute, so the
    // 1m window now covers the last 40 s of data (and 80 s in all: its rate is over those).
    let later = s.stats(window: 60, now: now + 20)
    #expect(later.requests == 60)
    let further = s.stats(window: 60, now: now + 40)
    #expect(further.requests == 0)
    #expect(abs(further.seconds - 40) < 1e-9)
  }

  @Test func statusClassesAndUnknownLatency() {
    var s = ServiceTracker(name: "api")
    s.record(request(Self.t0 + 1, status: 204))
    s.record(request(Self.t0 + 2, status: 301))
    s.record(request(Self.t0 + 3, status: 404))
    s.record(request(Self.t0 + 4, status: 503, ms: nil))
    s.record(request(Self.t0 + 5, status: 99_999))
    let st = s.stats(window: 60, now: Self.t0 + 10)
    #expect(st.statusClasses == [1, 0, 1, 1, 1, 1])
    #expect(st.unknownLatency == 1)
    #expect(st.latencySamples == 4)
  }

  @Test func percentilesWithinTheStatedBound() {
    var s = ServiceTracker(name: "api")
    var exact: [Double] = []
    var rng = SplitMix64(seed: 7)
    for i in 0..<5000 {
      let ms = 5 + 2000 * rng.unit() * rng.unit()
      exact.append(ms)
      s.record(request(Self.t0 + Double(i) * 0.05, ms: ms))
    }
    exact.sort()
    let st = s.stats(window: 3600, now: Self.t0 + 300)
    for (p, value) in [(50.0, st.p50Ms), (95.0, st.p95Ms), (99.0, st.p99Ms)] {
      let truth = exact[Int((p / 100) * Double(exact.count)) - 1]
      let got = try! #require(value)
      // Two significant digits: within 1 % (plus the 0.05 ms unit).
      #expect(abs(got - truth) <= truth * 0.01 + 0.1, "p\(p): \(got) vs \(truth)")
    }
  }

  @Test func routesAreCappedSoMemoryStaysBounded() {
    var s = ServiceTracker(name: "api")
    for i in 0..<(ServiceTracker.maxRoutes + 40) {
      s.record(request(Self.t0 + 1, route: "/r\(i)"))
    }
    #expect(s.routes.count == ServiceTracker.maxRoutes + 1)
    let other = s.routeStats(window: 60, now: Self.t0 + 5).first {
      $0.route == ServiceTracker.otherRoute
    }
    #expect(other?.stats.requests == 40)
  }

  @Test func oldBucketsAreReusedNotKept() {
    var s = ServiceTracker(name: "api")
    s.record(request(Self.t0))
    // Two hours later the ring has wrapped: the old request is gone from every window.
    s.record(request(Self.t0 + 7200))
    #expect(s.stats(window: 3600, now: Self.t0 + 7201).requests == 1)
    // A request older than the ring holds is not counted in any window (and does not crash).
    s.record(request(Self.t0 - 100_000))
    #expect(s.stats(window: 3600, now: Self.t0 + 7201).requests == 1)
    #expect(s.totalRequests == 3)
  }

  @Test func sparklineSumsTheWindow() {
    var s = ServiceTracker(name: "api")
    for i in 0..<300 { s.record(request(Self.t0 + Double(i))) }
    let series = s.series(window: 300, now: Self.t0 + 300, points: 30)
    #expect(series.count == 30)
    #expect(series.reduce(0, +) == 300)
  }
}
