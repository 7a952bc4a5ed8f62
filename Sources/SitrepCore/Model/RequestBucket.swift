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
    record(status: status, latency: Latency(durationMs: durationMs))
  }

  /// A request's duration as a bucket takes it, worked out once for all the buckets it goes to.
  enum Latency {
    /// The format carries no duration.
    case unknown
    /// A duration that is not a number: the request counts, its latency does not.
    case unreadable
    case units(UInt32)

    @inline(__always)
    init(durationMs: Double?) {
      guard let durationMs else {
        self = .unknown
        return
      }
      self = LatencyHistogram.units(ms: durationMs).map { .units($0) } ?? .unreadable
    }
  }

  @inline(__always)
  mutating func record(status: Int, latency: Latency) {
    requests += 1
    let cls = status &- 100 < 500 && status >= 100 ? status / 100 : 0
    classCounts[cls] &+= 1
    switch latency {
    case .unknown: unknownLatency += 1
    case .unreadable: break
    case .units(let units): self.latency.record(units: units)
    }
  }

  /// Requests counted elsewhere (Prometheus), by class (index 0 other, 1...5), without latency.
  mutating func addCounts(_ counts: [Int]) {
    for (i, n) in counts.prefix(6).enumerated() where n > 0 {
      classCounts[i] &+= n
      requests += n
    }
  }

  /// Packs the latencies of a bucket time has moved past (`BucketRing`'s seal).
  public mutating func seal() { latency.pack() }

  public mutating func add(_ other: RequestBucket) {
    requests += other.requests
    classCounts &+= other.classCounts
    unknownLatency += other.unknownLatency
    if other.latency.count > 0 { latency.add(other.latency) }
  }
}
