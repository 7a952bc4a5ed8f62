import Foundation
import Testing

@testable import SitrepCore

/// Issue 13: the route that regressed at a deploy is found even when a slow, steady route hides it
/// in the service-wide numbers; many routes do not raise false alarms.
@Suite struct RouteDeltaTests {
  static let t0: EpochSeconds = 1_795_000_000
  static let deployAt = t0 + 600

  struct Route {
    var method = "GET"
    var route: String
    var rps: Double
    var medianMs: Double
    var errorRate = 0.0
    var latencyFactorAfter = 1.0
    var errorFactorAfter = 1.0
  }

  /// 10 minutes either side of a deploy at `deployAt`; log-normal latencies.
  static func monitor(_ routes: [Route], seed: UInt64) -> Monitor {
    let monitor = Monitor()
    var rng = SplitMix64(seed: seed)
    var events: [(EpochSeconds, Request)] = []
    for r in routes {
      var t = t0
      while t < t0 + 1200 {
        let after = t >= deployAt
        let ms = r.medianMs * exp(0.4 * rng.normal()) * (after ? r.latencyFactorAfter : 1)
        let failed = rng.chance(r.errorRate * (after ? r.errorFactorAfter : 1))
        events.append(
          (
            t,
            Request(
              time: t, method: r.method, path: r.route, route: r.route, status: failed ? 500 : 200,
              durationMs: ms)
          ))
        t += rng.exponential(mean: 1 / r.rps)
      }
    }
    for (_, e) in events.sorted(by: { $0.0 < $1.0 }) { monitor.ingest((e), service: "api") }
    monitor.ingest(.deploy(DeployEvent(time: deployAt, version: "v2.0.1")), service: nil)
    return monitor
  }

  static let orders = Route(route: "/api/orders/:id", rps: 15, medianMs: 45)
  static let admin = Route(route: "/admin/report", rps: 3, medianMs: 200)

  @Test func aRouteFiveTimesSlowerIsFoundBehindASlowSteadyOne() throws {
    var slower = Self.orders
    slower.latencyFactorAfter = 5
    let monitor = Self.monitor([slower, Self.admin], seed: 3)
    let snap = monitor.snapshot(now: Self.t0 + 1200, window: .fiveMinutes)
    let d = try #require(snap.deploy)
    let top = try #require(d.routes.first)
    #expect(top.route == "GET /api/orders/:id")
    #expect(top.isRegression)
    #expect((top.p95Ratio ?? 0) > 3.5)
    #expect(top.impact > 1000)
    #expect(d.routes.count == 2)
    #expect(!(d.routes.last?.isRegression ?? true))
    #expect(d.hasRegression)
    // The service's verdict says which route and by how much.
    let api = try #require(snap.services.first { $0.name == "api" })
    #expect(api.verdict.verdict == .slow)
    #expect(api.verdict.reason.hasPrefix("GET /api/orders/:id p95 "))
    #expect(api.verdict.reason.hasSuffix("since v2.0.1"))
  }

  /// Already SLOW on its threshold: the verdict stays, and the regressed route leads the reason.
  @Test func aSlowServiceNamesTheRegressedRouteFirst() throws {
    var slower = Self.orders
    slower.latencyFactorAfter = 5
    var slowAdmin = Self.admin
    slowAdmin.medianMs = 600
    let snap = Self.monitor([slower, slowAdmin], seed: 4).snapshot(
      now: Self.t0 + 1200, window: .fiveMinutes)
    let api = try #require(snap.services.first)
    #expect(api.verdict.verdict == .slow)
    #expect(api.verdict.reason.hasPrefix("GET /api/orders/:id p95 "))
    #expect(api.verdict.reason.contains("since v2.0.1; p95 "))
  }

  @Test func aRouteWhoseErrorsRoseIsDegraded() throws {
    var checkout = Route(
      method: "POST", route: "/api/checkout", rps: 8, medianMs: 30, errorRate: 0.03)
    checkout.errorFactorAfter = 6
    let monitor = Self.monitor([Self.orders, checkout], seed: 5)
    let snap = monitor.snapshot(now: Self.t0 + 1200, window: .fiveMinutes)
    let d = try #require(snap.deploy)
    let top = try #require(d.routes.first)
    #expect(top.route == "POST /api/checkout")
    #expect(top.change("error_rate")?.isRegression == true)
    #expect(snap.services.first?.verdict.verdict == .degraded)
  }

  /// 20 routes, nothing changed, 100 deploys: the family-wise correction keeps false alarms at
  /// about one in 200 deploys.
  @Test func manyUnchangedRoutesRaiseNoAlarm() {
    var alarms = 0
    for seed in 1...100 {
      let routes = (0..<20).map {
        Route(route: "/r\($0)", rps: 1.5, medianMs: 20 + Double($0 * 10), errorRate: 0.02)
      }
      let d = Self.monitor(routes, seed: UInt64(seed)).deployDelta(
        for: DeployEvent(time: Self.deployAt, version: "v2.0.1"), now: Self.t0 + 1200)
      if d.routes.contains(where: \.isRegression) { alarms += 1 }
    }
    #expect(alarms <= 2, "\(alarms) of 100 unchanged deploys flagged a route")
  }

  @Test func criticalZForATwoSidedP() {
    #expect(abs(Significance.twoSidedZ(forP: 0.05) - 1.95996) < 1e-4)
    #expect(abs(Significance.twoSidedZ(forP: 0.0005) - 3.48076) < 1e-4)
    #expect(Significance.twoSidedZ(forP: 0) == .infinity)
  }
}

extension RouteDeltaTests {
  /// A deploy in the middle of a minute: the minute holding it is left out, and both sides keep as
  /// many minutes, so steady traffic shows about the same request count on both (the after
  /// side's last minute may still be filling).
  @Test func routeSidesCoverTheSameNumberOfMinutes() throws {
    let monitor = Monitor()
    for i in 0..<1200 {
      monitor.ingest(
        (Request(
          time: Self.t0 + Double(i), method: "GET", path: "/a", route: "/a", status: 200,
          durationMs: 10)), service: "api")
    }
    let deploy = DeployEvent(time: Self.t0 + 630, version: "v2")
    monitor.ingest(.deploy(deploy), service: nil)
    let d = monitor.deployDelta(for: deploy, now: Self.t0 + 1200)
    let route = try #require(d.routes.first)
    #expect(abs(route.before.requests - route.after.requests) <= 30)
    #expect(route.before.requests >= 500)
    #expect(route.after.from >= deploy.time)
    #expect(route.before.to <= deploy.time)
  }

  /// A minute after the deploy the routes are compared already (not only once whole minutes
  /// pile up after it): the comparison an on-call engineer looks at first.
  @Test func aShortComparisonStillHasRoutes() throws {
    var slower = Self.orders
    slower.latencyFactorAfter = 5
    let monitor = Self.monitor([slower, Self.admin], seed: 8)
    let deploy = DeployEvent(time: Self.deployAt, version: "v2.0.1")
    let d = monitor.deployDelta(for: deploy, now: Self.deployAt + 75)
    let top = try #require(d.routes.first)
    #expect(top.route == "GET /api/orders/:id")
    #expect(top.after.requests > 0)
  }
}
