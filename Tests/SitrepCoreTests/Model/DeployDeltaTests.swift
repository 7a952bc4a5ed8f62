import Foundation
import Testing

@testable import SitrepCore

/// The deploy delta's acceptance: with nothing changed at the deploy nothing is flagged in at least
/// 99 of 100 seeds; a 50 % p95 rise or a tripled error rate is flagged in at least 95 of 100.
@Suite struct DeployDeltaTests {
  static let t0: EpochSeconds = 1_795_000_000
  static let deployAt = t0 + 600

  /// 10 rps for 10 minutes either side of a deploy; log-normal latency (median 50 ms), 1 % errors.
  static func delta(seed: UInt64, latencyFactor: Double = 1, errorFactor: Double = 1) -> DeployDelta
  {
    let monitor = Monitor()
    var rng = SplitMix64(seed: seed)
    var t = t0
    while t < t0 + 1200 {
      let after = t >= deployAt
      let ms = 50 * exp(0.5 * rng.normal()) * (after ? latencyFactor : 1)
      let errorRate = 0.01 * (after ? errorFactor : 1)
      let status = rng.chance(errorRate) ? 500 : 200
      monitor.ingest(
        (Request(
          time: t, method: "GET", path: "/a", route: "/a", status: status, durationMs: ms)),
        service: "api")
      t += rng.exponential(mean: 0.1)
    }
    monitor.ingest(.deploy(DeployEvent(time: deployAt, version: "v2")), service: nil)
    return monitor.deployDelta(for: monitor.deploys[0], now: t0 + 1200)
  }

  static func flagged(_ d: DeployDelta, _ metric: String) -> Bool {
    d.changes.first { $0.metric == metric }?.significant ?? false
  }

  @Test func nothingChangedIsNotFlagged() {
    var falseAlarms = 0
    for seed in 1...100 {
      let d = Self.delta(seed: UInt64(seed))
      if d.changes.contains(where: \.significant) { falseAlarms += 1 }
    }
    #expect(falseAlarms <= 1, "\(falseAlarms) of 100 unchanged deploys flagged")
  }

  @Test func p95RiseOfHalfIsFlagged() {
    var found = 0
    for seed in 1...100
    where Self.flagged(Self.delta(seed: UInt64(seed), latencyFactor: 1.5), "p95_ms") {
      found += 1
    }
    #expect(found >= 95, "flagged in \(found) of 100")
  }

  @Test func tripledErrorRateIsFlagged() {
    var found = 0
    for seed in 1...100
    where Self.flagged(Self.delta(seed: UInt64(seed), errorFactor: 3), "error_rate") {
      found += 1
    }
    #expect(found >= 95, "flagged in \(found) of 100")
  }

  /// One request a second from t0 to t0 + `until`, and the given deploys.
  static func steadyMonitor(until: Int = 1200, deploys: [(Int, String)]) -> Monitor {
    let monitor = Monitor()
    Self.traffic(monitor, from: 0, to: until)
    for (at, version) in deploys {
      monitor.ingest(
        .deploy(DeployEvent(time: Self.t0 + Double(at), version: version)), service: nil)
    }
    return monitor
  }

  /// Issue 13: both sides have the same length; the previous deploy bounds the before side, and
  /// then the after side is cut to match (a rate or a count compares like with like).
  @Test func windowsAreEqualAndStopAtThePreviousDeploy() {
    let monitor = Self.steadyMonitor(deploys: [(500, "v1"), (800, "v2")])
    let d = monitor.deployDelta(for: monitor.deploys[1], now: Self.t0 + 1200)
    #expect(d.before.from == Self.t0 + 500)
    #expect(d.before.to == Self.t0 + 800)
    #expect(d.after.from == Self.t0 + 800)
    #expect(d.after.to == Self.t0 + 1100)
    #expect(d.before.requests.requests == 300)
    #expect(d.after.requests.requests == 300)
    #expect(d.previous?.version == "v1")
    #expect(d.note == "5m00s each side: the previous deploy is 5m00s before it")
  }

  /// Comparing around an older deploy stops at the next one: the older deploy is not blamed for
  /// what the newer one did.
  @Test func anOlderDeploysAfterSideEndsAtTheNextDeploy() {
    let monitor = Self.steadyMonitor(deploys: [(300, "v1"), (500, "v2")])
    let d = monitor.deployDelta(for: monitor.deploys[0], now: Self.t0 + 1200)
    #expect(d.after.from == Self.t0 + 300)
    #expect(d.after.to == Self.t0 + 500)
    #expect(d.before.from == Self.t0 + 100)
    #expect(d.note == "3m20s each side: the next deploy came 3m20s after it")
    #expect(!d.isLatest)
    #expect(monitor.deployDelta(for: monitor.deploys[1], now: Self.t0 + 1200).isLatest)
  }

  /// When traffic stops, the after side stops with the data instead of counting the silence up to
  /// the wall clock as a drop in rps.
  @Test func theAfterSideEndsAtTheEndOfTheDataNotTheWallClock() {
    let monitor = Self.steadyMonitor(until: 900, deploys: [(600, "v2")])
    let d = monitor.deployDelta(for: monitor.deploys[0], now: Self.t0 + 3000)
    #expect(d.after.to <= Self.t0 + 900)
    let rps = try? #require(d.changes.first { $0.metric == "rps" })
    #expect(rps?.significant == false)
    #expect(rps?.direction == .same)
    #expect(d.note == "collecting: 4m59s of 10m each side")
  }

  @Test func tooEarlyToJudgeSaysSo() {
    let d = Self.delta(seed: 1)
    #expect(d.note == nil)
    let monitor = Monitor()
    monitor.ingest(.deploy(DeployEvent(time: Self.t0, version: "v1")), service: nil)
    let early = monitor.deployDelta(for: monitor.deploys[0], now: Self.t0 + 30)
    #expect(early.note?.hasPrefix("collecting") == true)
    #expect(early.changes.allSatisfy { !$0.significant })
  }

  /// Requests once a second over [from, to), so the data covers the whole span.
  static func traffic(_ monitor: Monitor, from: Int, to: Int) {
    for i in from..<to {
      monitor.ingest(
        (Request(
          time: Self.t0 + Double(i), method: "GET", path: "/", route: "/", status: 200,
          durationMs: 10)), service: "api")
    }
  }

  @Test func newErrorSignaturesAfterTheDeploy() {
    let monitor = Monitor()
    Self.traffic(monitor, from: 0, to: 600)
    let old = ExceptionInfo(type: "TimeoutError", message: "slow db")
    let new = ExceptionInfo(type: "KeyError", message: "'sku'")
    for i in 0..<10 {
      monitor.ingest(
        .log(
          LogRecord(time: Self.t0 + Double(i * 30), level: .error, message: "x", exception: old)),
        service: "api")
    }
    monitor.ingest(.deploy(DeployEvent(time: Self.t0 + 300, version: "v2")), service: nil)
    for i in 0..<4 {
      monitor.ingest(
        .log(
          LogRecord(
            time: Self.t0 + 400 + Double(i * 40), level: .error, message: "y", exception: new)),
        service: "api")
    }
    let d = monitor.deployDelta(for: monitor.deploys[0], now: Self.t0 + 600)
    #expect(d.newErrors.map(\.type) == ["KeyError"])
    #expect(d.firstSeenErrors.isEmpty)
    #expect(d.goneErrors.map(\.type) == ["TimeoutError"])
    #expect(d.hasRegression)
  }

  /// Issue 13: with a minute of logs before the deploy, an error that comes every few minutes
  /// cannot be called new when it shows up after it: "first seen", never a regression.
  @Test func anErrorFirstSeenAfterAShortHistoryIsNotNew() {
    let monitor = Monitor()
    Self.traffic(monitor, from: 0, to: 600)
    monitor.ingest(.deploy(DeployEvent(time: Self.t0 + 60, version: "v2")), service: nil)
    let rare = ExceptionInfo(type: "TimeoutError", message: "upstream slow")
    for at in [200, 500] {
      monitor.ingest(
        .log(LogRecord(time: Self.t0 + Double(at), level: .error, message: "x", exception: rare)),
        service: "api")
    }
    let d = monitor.deployDelta(for: monitor.deploys[0], now: Self.t0 + 600)
    #expect(d.newErrors.isEmpty)
    #expect(d.firstSeenErrors.map(\.type) == ["TimeoutError"])
    #expect(!d.hasRegression)
  }

  @Test func fisherExactMatchesAHandComputedValue() {
    // 0/40 before, 4/15 after: P(4 failures all after) = C(15,4)/C(55,4) = 1365/341055, and no
    // other table with 4 failures is as unlikely, so the two-sided p is that alone.
    let p = Significance.fisherExactP(x1: 0, n1: 40, x2: 4, n2: 15)
    #expect(abs(p - 1365.0 / 341_055.0) < 1e-9)
  }

  @Test func twoProportionZByHand() {
    // p1 = 0.01, p2 = 0.03, n = 6000 each: pooled 0.02, se = sqrt(0.02*0.98*(2/6000)) = 0.008083.
    let z = Significance.twoProportionZ(x1: 60, n1: 6000, x2: 180, n2: 6000)
    #expect(abs(z - 0.02 / (0.02 * 0.98 * 2 / 6000).squareRoot()) < 1e-9)
  }
}

extension DeployDeltaTests {
  /// A record that only repeats a 500 is not a new error: the error rate judges the 500s, and the
  /// exception behind them is what can be new.
  @Test func aRequestEchoIsNeverANewError() {
    let monitor = Monitor()
    Self.traffic(monitor, from: 0, to: 1200)
    monitor.ingest(.deploy(DeployEvent(time: Self.t0 + 600, version: "v2")), service: nil)
    for i in 0..<20 {
      monitor.ingest(
        .log(
          LogRecord(
            time: Self.t0 + 700 + Double(i * 10), level: .error, message: "request completed",
            fields: ["status": "500", "path": "/api/checkout"])), service: "api")
    }
    let d = monitor.deployDelta(for: monitor.deploys[0], now: Self.t0 + 1200)
    #expect(d.newErrors.isEmpty)
    #expect(d.firstSeenErrors.isEmpty)
  }
}
