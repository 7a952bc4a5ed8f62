/// Request counts and latencies for one slice of time (one bucket of a ring).
public struct RequestBucket: Sendable {
  public var requests = 0
  /// Lane 0 holds statuses outside 100...599; lanes 1...5 the status classes. A SIMD value rather
  /// than an array: recording a request then touches no heap and no copy-on-write check.
  private var classCounts = SIMD8<Int>()
  /// Requests whose format carried no duration (uvicorn): latency unknown, not zero.
  public var unknownLatency = 0
  public var latency = LatencyHistogram()

  public init() {}

  /// Index 0: statuses outside 100...599; 1...5: the status classes.
  public var statusClasses: [Int] { (0..<6).map { classCounts[$0] } }
  public var errors: Int { classCounts[5] }

  @inline(__always)
  public mutating func record(status: Int, durationMs: Double?) {
    requests += 1
    let cls = status &- 100 < 500 && status >= 100 ? status / 100 : 0
    classCounts[cls] &+= 1
    if let durationMs { latency.record(ms: durationMs) } else { unknownLatency += 1 }
  }

  public mutating func add(_ other: RequestBucket) {
    requests += other.requests
    classCounts &+= other.classCounts
    unknownLatency += other.unknownLatency
    if other.latency.count > 0 { latency.add(other.latency) }
  }
}
