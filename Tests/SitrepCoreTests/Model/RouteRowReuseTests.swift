import Testing

@testable import SitrepCore

/// Route rows are not first-come for ever (issue 19: 60 scanner 404s from an hour ago pushed
/// /api/orders into (other) for the rest of the run): a row idle past its ring is freed for a
/// route with traffic now, and (other) still sums exactly.
@Suite struct RouteRowReuseTests {
  static let t0: EpochSeconds = 1_800_000_000

  func get(_ path: String, at t: EpochSeconds, status: Int = 200) -> Request {
    Request(time: t, method: "GET", path: path, route: path, status: status, durationMs: 20)
  }

  @Test func aBusyRouteTakesTheRowOfScannerPathsGoneQuiet() {
    let m = Monitor()
    // One sink for the whole run, as an access log has: its route map keeps positions.
    let sink = m.requestSink(service: "api")
    for i in 0..<ServiceTracker.maxRoutes {
      sink.record(get("/scan/probe\(i).php", at: Self.t0, status: 404), routeAsWritten: true)
    }
    // /api/orders comes after the table is full: (other) for now.
    let minutes = 90
    for k in 0..<minutes {
      sink.record(get("/api/orders", at: Self.t0 + 10 + Double(k) * 60), routeAsWritten: true)
    }
    let now = Self.t0 + 10 + Double(minutes - 1) * 60 + 1
    let snap = m.snapshot(now: now, window: .oneHour)
    let api = try! #require(snap.services.first)
    let orders = api.routes.first { $0.route == "GET /api/orders" }
    #expect(orders != nil)
    #expect(api.routes.allSatisfy { !$0.route.contains("/scan/") })
    // Every request of the window is in a row: the route rows add up to the service.
    #expect(api.routes.map(\.stats.requests).reduce(0, +) == api.stats.requests)
    // Its row has the minutes since the scanner rows aged out; (other) the ones before.
    let other = api.routes.first { $0.route == ServiceTracker.otherRoute }
    #expect((orders?.stats.requests ?? 0) + (other?.stats.requests ?? 0) == api.stats.requests)
    #expect((orders?.stats.requests ?? 0) >= 20)
  }

  @Test func aRowWithTrafficInTheRingIsNeverFreed() {
    var s = ServiceTracker(name: "api")
    for i in 0..<ServiceTracker.maxRoutes { s.record(get("/r\(i)", at: Self.t0)) }
    s.record(get("/late", at: Self.t0 + 1))
    // 61 minutes on: /r0../r59 still have a bucket inside the 62-minute ring.
    s.record(get("/r0", at: Self.t0 + 61 * 60))
    let freedTooEarly = s.freeIdleRoutes()
    #expect(!freedTooEarly)
    // Past the ring every row but /r0 (and (other)) is idle and freed.
    s.record(get("/r0", at: Self.t0 + 63 * 60))
    let freed = s.freeIdleRoutes()
    #expect(freed)
    #expect(s.routes.count == 2)
    let row = s.routeSlot(for: .init(method: "GET", route: "/new"))
    #expect(row < ServiceTracker.maxRoutes)
  }

  @Test func aRingWithNothingLeftIsEmpty() {
    var ring = ServiceTracker.makeRouteRing()
    #expect(ring.isEmpty(at: Self.t0))
    ring.update(at: Self.t0) { $0.record(status: 200, latency: .init(durationMs: 1)) }
    #expect(!ring.isEmpty(at: Self.t0 + 61 * 60))
    #expect(ring.isEmpty(at: Self.t0 + 62 * 60 + 60))
  }
}
