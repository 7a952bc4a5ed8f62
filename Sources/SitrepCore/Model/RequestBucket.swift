/// Request counts and latencies for one slice of time (one bucket of a ring).
public struct RequestBucket: Sendable {
  public var requests = 0
  /// Index 0 holds statuses outside 100...599; 1...5 the status classes.
  public var statusClasses = [Int](repeating: 0, count: 6)
  /// Requests whose format carried no duration (uvicorn): latency unknown, not zero.
  public var unknownLatency = 0
  public var latency = LatencyHistogram()

  public init() {}

  public var errors: Int { statusClasses[5] }

  public mutating func record(status: Int, durationMs: Double?) {
    requests += 1
    let cls = (100...599).contains(status) ? status / 100 : 0
    statusClasses[cls] += 1
    if let durationMs { latency.record(ms: durationMs) } else { unknownLatency += 1 }
  }

  public mutating func add(_ other: RequestBucket) {
    requests += other.requests
    for i in 0..<6 { statusClasses[i] += other.statusClasses[i] }
    unknownLatency += other.unknownLatency
    if other.latency.count > 0 { latency.add(other.latency) }
  }
}
