/// Numbers for one service or route over one span of time, as shown on screen and in the report.
public struct RequestStats: Sendable, Equatable {
  public var from: EpochSeconds
  public var to: EpochSeconds
  public var requests: Int
  public var statusClasses: [Int]  // 0 other, 1...5 the classes
  public var unknownLatency: Int
  public var latencySamples: Int
  public var p50Ms: Double?
  public var p95Ms: Double?
  public var p99Ms: Double?

  public init(bucket: RequestBucket, from: EpochSeconds, to: EpochSeconds) {
    self.from = from
    self.to = to
    requests = bucket.requests
    statusClasses = bucket.statusClasses
    unknownLatency = bucket.unknownLatency
    latencySamples = bucket.latency.count
    let p = bucket.latency.valuesMs(atPercentiles: [50, 95, 99])
    p50Ms = p[0]
    p95Ms = p[1]
    p99Ms = p[2]
  }

  public var seconds: Double { Swift.max(to - from, 1e-9) }
  public var rps: Double { Double(requests) / seconds }
  public var errors: Int { statusClasses[5] }
  /// 5xx share of all requests; `nil` with no requests (unknown, not 0).
  public var errorRate: Double? { requests > 0 ? Double(errors) / Double(requests) : nil }
}

extension RequestStats {
  /// Stats as a service's own metrics report them, for a service with no access log.
  public init?(metrics m: MetricsServiceStats, now: EpochSeconds, window: Double) {
    guard let requests = m.requests else { return nil }
    from = m.from ?? now - window
    to = m.to ?? now
    self.requests = Self.count(requests)
    statusClasses = [0, 0, 0, 0, 0, 0]
    for (key, value) in m.statusClasses {
      if let digit = key.first?.wholeNumberValue, (1...5).contains(digit) {
        statusClasses[digit] = Self.count(value)
      }
    }
    unknownLatency = 0
    latencySamples = m.p95Ms == nil ? 0 : self.requests
    p50Ms = m.p50Ms
    p95Ms = m.p95Ms
    p99Ms = m.p99Ms
  }

  /// Most a count from metrics can be: 2^53, the largest whole number a Double holds exactly. A
  /// uint64 counter that wrapped (18446744073709551615) would otherwise make sums of counts trap.
  public static let largestMetricsCount = 1 << 53

  /// A count from a metrics increase: never negative, never more than `largestMetricsCount`, 0
  /// for NaN.
  static func count(_ value: Double) -> Int {
    guard value > 0 else { return 0 }
    return Int(saturating: Swift.min(value.rounded(), Double(largestMetricsCount)))
  }
}
