import Glibc

/// Compares every route of the deploy's services across the same two windows as the service.
///
/// Many routes means many tests: testing 60 routes at the service's |z| ≥ 3.5 would raise false
/// alarms on unchanged deploys, so the routes share one family-wise error rate (Bonferroni: each
/// test's two-sided p must be under `familyAlpha / tests`). A change must also be big enough to act
/// on: p95 up by a fifth, or the error rate up by a quarter and at least one point.
public struct RouteDeltaAnalyzer: Sendable {
  /// The chance of flagging any route on a deploy that changed nothing.
  public static let familyAlpha = 0.005
  public static let minimumLatencyChange = 0.2
  public static let minimumErrorChange = 0.25
  public static let minimumErrorPoints = 0.01

  public struct RouteSample {
    public var service: String
    public var route: String
    public var before: RequestBucket
    public var after: RequestBucket

    public init(service: String, route: String, before: RequestBucket, after: RequestBucket) {
      self.service = service
      self.route = route
      self.before = before
      self.after = after
    }
  }

  public init() {}

  /// Regressions first, most requests hurt first; then the other routes, busiest first.
  public func deltas(
    _ samples: [RouteSample], before: (from: Double, to: Double), after: (from: Double, to: Double),
    judge: Bool
  ) -> [RouteDelta] {
    let testable =
      samples.filter { Self.latencyTestable($0) }.count
      + samples.filter { Self.errorTestable($0) }.count
    let criticalZ = Significance.twoSidedZ(forP: Self.familyAlpha / Double(Swift.max(1, testable)))
    let deltas = samples.map { s -> RouteDelta in
      let b = RequestStats(bucket: s.before, from: before.from, to: before.to)
      let a = RequestStats(bucket: s.after, from: after.from, to: after.to)
      let latency = latencyChange(s, judge: judge, criticalZ: criticalZ, tests: testable)
      let errors = errorChange(b, a, judge: judge, criticalZ: criticalZ, tests: testable)
      var impact = 0
      if latency.isRegression, let threshold = latency.before {
        let slower = s.after.latency.countAbove(ms: threshold)
        impact += Swift.max(
          0, slower - Int(saturating: (Double(s.after.latency.count) * 0.05).rounded()))
      }
      if errors.isRegression, let rate = b.errorRate {
        impact += Swift.max(0, a.errors - Int(saturating: (rate * Double(a.requests)).rounded()))
      }
      return RouteDelta(
        service: s.service, route: s.route, before: b, after: a, changes: [latency, errors],
        impact: impact)
    }
    return deltas.sorted {
      ($0.isRegression ? 1 : 0, $0.impact, $0.after.requests, $1.route)
        > ($1.isRegression ? 1 : 0, $1.impact, $1.after.requests, $0.route)
    }
  }

  static let latencyMinimumSamples = 100  // 5 / (1 - 0.95): five requests above the p95
  static let errorMinimumSamples = 50

  static func latencyTestable(_ s: RouteSample) -> Bool {
    s.before.latency.count >= latencyMinimumSamples
      && s.after.latency.count >= latencyMinimumSamples
  }

  static func errorTestable(_ s: RouteSample) -> Bool {
    s.before.requests >= errorMinimumSamples && s.after.requests >= errorMinimumSamples
  }

  private func latencyChange(_ s: RouteSample, judge: Bool, criticalZ: Double, tests: Int)
    -> DeltaChange
  {
    let before = s.before.latency.valueMs(atPercentile: 95)
    let after = s.after.latency.valueMs(atPercentile: 95)
    let nb = s.before.latency.count
    let na = s.after.latency.count
    var direction = DeltaChange.Direction.same
    if let b = before, let a = after, b > 0 {
      if a > b * (1 + Self.minimumLatencyChange) { direction = .up }
      if a < b * (1 - Self.minimumLatencyChange) { direction = .down }
    }
    var change = DeltaChange(
      metric: "p95_ms", before: before, after: after, direction: direction, significant: false,
      beforeSamples: nb, afterSamples: na, z: nil, method: "", higherIsWorse: true)
    guard judge, Self.latencyTestable(s), let threshold = before else {
      change.method =
        "too few latency samples (need \(Self.latencyMinimumSamples) each side, have \(nb) and \(na))"
      return change
    }
    let z = Significance.twoProportionZ(
      x1: s.before.latency.countAbove(ms: threshold), n1: nb,
      x2: s.after.latency.countAbove(ms: threshold), n2: na)
    change.z = z
    change.significant = abs(z) >= criticalZ && direction != .same && (z > 0) == (direction == .up)
    change.method =
      "exceedance test on the before p95, |z| ≥ \(String(cFormat: "%.1f", criticalZ)) (\(tests) route tests, family-wise 0.5 %) and change ≥ 20%"
    return change
  }

  private func errorChange(
    _ b: RequestStats, _ a: RequestStats, judge: Bool, criticalZ: Double, tests: Int
  ) -> DeltaChange {
    var direction = DeltaChange.Direction.same
    if let rb = b.errorRate, let ra = a.errorRate, abs(ra - rb) >= Self.minimumErrorPoints {
      if ra > rb * (1 + Self.minimumErrorChange) { direction = .up }
      if ra < rb * (1 - Self.minimumErrorChange) { direction = .down }
    }
    var change = DeltaChange(
      metric: "error_rate", before: b.errorRate, after: a.errorRate, direction: direction,
      significant: false, beforeSamples: b.requests, afterSamples: a.requests, z: nil, method: "",
      higherIsWorse: true)
    guard judge, b.requests >= Self.errorMinimumSamples, a.requests >= Self.errorMinimumSamples
    else {
      change.method =
        "too few requests (need \(Self.errorMinimumSamples) each side, have \(b.requests) and \(a.requests))"
      return change
    }
    let z = Significance.twoProportionZ(x1: b.errors, n1: b.requests, x2: a.errors, n2: a.requests)
    change.z = z
    change.significant = abs(z) >= criticalZ && direction != .same
    change.method =
      "two-proportion z test, |z| ≥ \(String(cFormat: "%.1f", criticalZ)) (\(tests) route tests, family-wise 0.5 %) and change ≥ 25% and ≥ 1 pt"
    return change
  }
}

extension Significance {
  /// The |z| whose two-sided normal tail is `p`: erfc(z / √2) = p, by bisection (erfc falls
  /// monotonically; 60 halvings of [0, 40] are exact to double precision).
  public static func twoSidedZ(forP p: Double) -> Double {
    guard p > 0 else { return .infinity }
    guard p < 1 else { return 0 }
    var lo = 0.0
    var hi = 40.0
    for _ in 0..<60 {
      let mid = (lo + hi) / 2
      if erfc(mid / 2.0.squareRoot()) > p { lo = mid } else { hi = mid }
    }
    return (lo + hi) / 2
  }
}
