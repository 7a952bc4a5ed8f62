import Testing

@testable import SitrepCore

/// Each verdict rule, with its one-line reason.
@Suite struct VerdictRulesTests {
  let now: EpochSeconds = 1_795_000_000

  func stats(requests: Int, errors: Int = 0, p95: Double? = 100, seconds: Double = 300)
    -> RequestStats
  {
    var b = RequestBucket()
    for i in 0..<requests {
      b.record(status: i < errors ? 500 : 200, durationMs: p95.map { i % 10 == 0 ? $0 : $0 / 2 })
    }
    return RequestStats(bucket: b, from: now - seconds, to: now)
  }

  func input(
    _ window: RequestStats, baseline: RequestStats? = nil, last: EpochSeconds? = nil,
    health: [Int] = [], up: Bool? = nil
  ) -> VerdictRules.Input {
    VerdictRules.Input(
      window: window, baseline: baseline ?? stats(requests: 0, seconds: 3600), recentMinutes: [],
      lastRequestAt: last ?? now - 1, recentHealth: health, metricsUp: up, now: now)
  }

  @Test func upWithReason() {
    let v = VerdictRules.evaluate(input(stats(requests: 200)), thresholds: ServiceThresholds())
    #expect(v.verdict == .up)
    #expect(v.reason.hasPrefix("p95 100ms ≤ 500ms"))
  }

  @Test func degradedWhenErrorsOverThreshold() {
    let v = VerdictRules.evaluate(
      input(stats(requests: 200, errors: 10)), thresholds: ServiceThresholds())
    #expect(v == VerdictWithReason(.degraded, "err 5.0% > 2.0%"))
  }

  @Test func slowWhenP95OverThreshold() {
    let v = VerdictRules.evaluate(
      input(stats(requests: 200, p95: 2100)), thresholds: ServiceThresholds())
    #expect(v.verdict == .slow)
    #expect(v.reason == "p95 2.1s > 500ms")
  }

  @Test func slowAgainstItsOwnBaseline() {
    let base = stats(requests: 1000, p95: 80, seconds: 3600)
    let v = VerdictRules.evaluate(
      input(stats(requests: 200, p95: 300), baseline: base), thresholds: ServiceThresholds())
    #expect(v.verdict == .slow)
    // Both p95s are read from the histogram (within 1 %), so the ratio is checked to one digit.
    #expect(v.reason.hasPrefix("p95 300ms is 3."))
    #expect(v.reason.hasSuffix("x its usual 80ms"))
  }

  @Test func downWhenMostRequestsFail() {
    let v = VerdictRules.evaluate(
      input(stats(requests: 100, errors: 60)), thresholds: ServiceThresholds())
    #expect(v == VerdictWithReason(.down, "60% of requests fail (5xx)"))
  }

  @Test func downOnSilenceOfABusyService() {
    let base = stats(requests: 3600, seconds: 3600)
    let v = VerdictRules.evaluate(
      input(stats(requests: 0), baseline: base, last: now - 134), thresholds: ServiceThresholds())
    #expect(v == VerdictWithReason(.down, "no requests for 2m14s"))
  }

  @Test func quietServiceIsNotDown() {
    // Three requests an hour: a 10-minute gap is normal.
    let base = stats(requests: 3, seconds: 3600)
    let v = VerdictRules.evaluate(
      input(stats(requests: 0), baseline: base, last: now - 600), thresholds: ServiceThresholds())
    #expect(v.verdict == .up)
    #expect(v.reason.hasPrefix("idle"))
  }

  @Test func downOnFailingHealthChecks() {
    let v = VerdictRules.evaluate(
      input(stats(requests: 100), health: [200, 502, 502, 503]), thresholds: ServiceThresholds())
    #expect(v == VerdictWithReason(.down, "health /health failing: 502,502,503"))
  }

  @Test func downWhenUpMetricIsZero() {
    let v = VerdictRules.evaluate(
      input(stats(requests: 100), up: false), thresholds: ServiceThresholds())
    #expect(v == VerdictWithReason(.down, "up metric reads 0"))
  }

  @Test func unknownWithoutData() {
    let empty = VerdictRules.Input(
      window: stats(requests: 0), baseline: stats(requests: 0), recentMinutes: [],
      lastRequestAt: nil, now: now)
    #expect(VerdictRules.evaluate(empty, thresholds: ServiceThresholds()).verdict == .unknown)
  }

  @Test func tooFewRequestsDoNotJudge() {
    let v = VerdictRules.evaluate(
      input(stats(requests: 5, errors: 3, p95: 3000)), thresholds: ServiceThresholds())
    #expect(v.verdict == .up)
    #expect(v.reason.contains("only 5 requests"))
  }

  @Test func breachDurationIsStated() {
    let minute = stats(requests: 60, p95: 2000, seconds: 60)
    var i = input(stats(requests: 300, p95: 2000))
    i.recentMinutes = [minute, minute, minute, stats(requests: 60, p95: 100, seconds: 60)]
    #expect(
      VerdictRules.evaluate(i, thresholds: ServiceThresholds()).reason == "p95 2.0s > 500ms for 3m")
  }

  @Test func thresholdsPerService() {
    var t = ServiceThresholds()
    t.p95Ms = 50
    #expect(VerdictRules.evaluate(input(stats(requests: 200)), thresholds: t).verdict == .slow)
  }
}
