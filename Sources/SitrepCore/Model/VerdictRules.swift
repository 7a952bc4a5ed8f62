/// Decides a service's verdict from its numbers. Pure: everything it needs is passed in, so every
/// rule is tested with hand-made numbers.
///
/// Order of precedence, worst first: DOWN, DEGRADED, SLOW, then UP; UNKNOWN when nothing is known.
public enum VerdictRules {
  public struct Input: Sendable {
    public var window: RequestStats
    /// The hour before the window, for "normally has traffic" and the latency baseline.
    public var baseline: RequestStats
    /// Per-minute slices of the window, newest first, to say how long a breach has lasted.
    public var recentMinutes: [RequestStats]
    public var lastRequestAt: EpochSeconds?
    public var lastErrorAt: EpochSeconds?
    public var lastErrorStatus: Int?
    public var recentHealth: [Int]
    /// From a metrics source: an `up`-style gauge, `false` when one reads 0.
    public var metricsUp: Bool?
    public var now: EpochSeconds
    public var offsetSeconds: Int

    public init(
      window: RequestStats, baseline: RequestStats, recentMinutes: [RequestStats],
      lastRequestAt: EpochSeconds?, lastErrorAt: EpochSeconds? = nil, lastErrorStatus: Int? = nil,
      recentHealth: [Int] = [], metricsUp: Bool? = nil, now: EpochSeconds, offsetSeconds: Int = 0
    ) {
      self.window = window
      self.baseline = baseline
      self.recentMinutes = recentMinutes
      self.lastRequestAt = lastRequestAt
      self.lastErrorAt = lastErrorAt
      self.lastErrorStatus = lastErrorStatus
      self.recentHealth = recentHealth
      self.metricsUp = metricsUp
      self.now = now
      self.offsetSeconds = offsetSeconds
    }
  }

  public static func evaluate(_ input: Input, thresholds t: ServiceThresholds) -> VerdictWithReason
  {
    let w = input.window
    if input.metricsUp == false {
      return VerdictWithReason(.down, "up metric reads 0")
    }
    if input.recentHealth.count >= 3,
      input.recentHealth.suffix(3).allSatisfy({ !(200...399).contains($0) })
    {
      let codes = input.recentHealth.suffix(3).map(String.init).joined(separator: ",")
      return VerdictWithReason(.down, "health \(t.healthPath ?? "check") failing: \(codes)")
    }
    if let silence = silenceReason(input, t) {
      return VerdictWithReason(.down, silence)
    }
    if w.requests >= t.minimumRequests, let rate = w.errorRate, rate >= 0.5 {
      return VerdictWithReason(.down, "\(Formatting.percent(rate)) of requests fail (5xx)")
    }
    if w.requests == 0 {
      if input.lastRequestAt == nil {
        return VerdictWithReason(
          .unknown,
          input.metricsUp == true ? "up metric 1, no requests seen" : "no requests seen yet")
      }
      return VerdictWithReason(
        .up, "idle: last request \(Formatting.ago(input.lastRequestAt!, now: input.now))")
    }
    if w.requests >= t.minimumRequests, let rate = w.errorRate, rate > t.errorRate {
      let lasting = breachDuration(input.recentMinutes, minimum: t.minimumRequests / 4) {
        ($0.errorRate ?? 0) > t.errorRate
      }
      return VerdictWithReason(
        .degraded,
        "err \(Formatting.percent(rate)) > \(Formatting.percent(t.errorRate))\(lasting)")
    }
    if w.latencySamples >= t.minimumRequests, let p95 = w.p95Ms {
      if p95 > t.p95Ms {
        let lasting = breachDuration(input.recentMinutes, minimum: t.minimumRequests / 4) {
          ($0.p95Ms ?? 0) > t.p95Ms
        }
        return VerdictWithReason(
          .slow, "p95 \(Formatting.latency(p95)) > \(Formatting.latency(t.p95Ms))\(lasting)")
      }
      if input.baseline.latencySamples >= 100, let base = input.baseline.p95Ms,
        p95 > base * t.baselineFactor, p95 - base >= 50
      {
        return VerdictWithReason(
          .slow,
          "p95 \(Formatting.latency(p95)) is \(String(cFormat: "%.1f", p95 / base))x its usual \(Formatting.latency(base))"
        )
      }
    }
    var parts: [String] = []
    if let p95 = w.p95Ms {
      parts.append("p95 \(Formatting.latency(p95)) ≤ \(Formatting.latency(t.p95Ms))")
    }
    parts.append("err \(Formatting.percent(w.errorRate ?? 0)) ≤ \(Formatting.percent(t.errorRate))")
    if w.requests < t.minimumRequests { parts.append("only \(w.requests) requests") }
    return VerdictWithReason(.up, parts.joined(separator: ", "))
  }

  /// "no requests for 2m14s", when the service normally has traffic: at least 30 requests in the
  /// baseline hour or the window, and a gap both over the threshold and over ten typical gaps.
  static func silenceReason(_ input: Input, _ t: ServiceThresholds) -> String? {
    guard let last = input.lastRequestAt else { return nil }
    let gap = input.now - last
    guard gap > t.silenceSeconds else { return nil }
    let reference = [input.baseline, input.window].filter { $0.requests >= 30 }
      .max { $0.rps < $1.rps }
    guard let reference else { return nil }
    let typicalGap = reference.seconds / Double(reference.requests)
    guard gap > typicalGap * 10 else { return nil }
    var reason = "no requests for \(Formatting.duration(gap))"
    if let errAt = input.lastErrorAt, let status = input.lastErrorStatus, errAt >= last - 60 {
      reason +=
        " · last \(status) at \(Formatting.clock(errAt, offsetSeconds: input.offsetSeconds))"
    }
    return reason
  }

  /// " for 3m" when the last N one-minute slices all breach, "" when only the newest or none does.
  static func breachDuration(
    _ minutes: [RequestStats], minimum: Int, _ breaches: (RequestStats) -> Bool
  ) -> String {
    var n = 0
    for m in minutes {
      if m.requests < Swift.max(minimum, 1) { break }
      if breaches(m) { n += 1 } else { break }
    }
    return n >= 2 ? " for \(n)m" : ""
  }
}
