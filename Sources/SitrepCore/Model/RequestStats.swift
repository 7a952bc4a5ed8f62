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
    self.requests = Int(requests.rounded())
    statusClasses = [0, 0, 0, 0, 0, 0]
    for (key, value) in m.statusClasses {
      if let digit = key.first?.wholeNumberValue, (1...5).contains(digit) {
        statusClasses[digit] = Int(value.rounded())
      }
    }
    unknownLatency = 0
    latencySamples = m.p95Ms == nil ? 0 : self.requests
    p50Ms = m.p50Ms
    p95Ms = m.p95Ms
    p99Ms = m.p99Ms
  }
}
