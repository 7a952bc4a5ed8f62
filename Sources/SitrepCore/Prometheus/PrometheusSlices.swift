/// A service's Prometheus numbers step by step around the latest deploy, so the deploy comparison
/// (and the gate) can ask for any stretch of it as a `RequestBucket`, as they ask a log's service.
public struct PrometheusSlices: Sendable, Equatable {
  /// The first step's start; step `i` covers `(start + i·step, start + (i+1)·step]`.
  public var start: EpochSeconds
  public var step: Double
  /// Per step, requests by status class (index 0 other, 1...5 the classes).
  public var classes: [[Double]]
  /// Per step, each latency bucket's increase (`le` → observations at or below it).
  public var buckets: [[Double: Double]]

  public var end: EpochSeconds { start + step * Double(classes.count) }

  /// The requests of the steps ending within `(from, to]` (a step counts in the stretch where it
  /// ends, so stretches side by side, the gate's looks, count each step once), their latency
  /// spread over each bucket as `histogram_quantile` reads it (evenly between its bounds).
  public func bucket(from: EpochSeconds, to: EpochSeconds) -> RequestBucket {
    var counts = [Double](repeating: 0, count: 6)
    var les: [Double: Double] = [:]
    for i in classes.indices {
      let stepTo = start + Double(i + 1) * step
      guard stepTo > from + 1e-6, stepTo <= to + 1e-6 else { continue }
      for c in 0..<6 { counts[c] += classes[i][c] }
      for (le, n) in buckets[i] { les[le, default: 0] += n }
    }
    var b = RequestBucket()
    b.addCounts(counts.map(RequestStats.count))
    b.latency = Self.histogram(cumulative: les)
    return b
  }

  /// Observations spread over each bucket's span, at most `pointsPerBucket` distinct values.
  static func histogram(cumulative: [Double: Double]) -> LatencyHistogram {
    var h = LatencyHistogram()
    let sorted = cumulative.sorted { $0.key < $1.key }
    var lower = 0.0
    var below = 0.0
    let highestFinite = sorted.last { $0.key.isFinite }?.key ?? 0
    for (le, cumulativeCount) in sorted {
      let n = RequestStats.count(cumulativeCount - below)
      below = Swift.max(below, cumulativeCount)
      // The +Inf bucket answers the highest finite bound, as Prometheus does.
      let upper = le.isFinite ? le : highestFinite
      defer { lower = upper }
      guard n > 0 else { continue }
      let points = Swift.min(n, pointsPerBucket)
      for k in 0..<points {
        let share = n / points + (k < n % points ? 1 : 0)
        let seconds = lower + (upper - lower) * (Double(k) + 0.5) / Double(points)
        h.record(ms: seconds * 1000, times: share)
      }
    }
    return h
  }

  static let pointsPerBucket = 50
}

extension PrometheusNumbers {
  /// Slices from the raw counters and buckets read step by step over `[start, start + steps·step]`.
  static func slices(
    counters: [PromSeries], buckets: [PromSeries], queries q: PrometheusServiceQueries,
    start: Double, step: Double, steps: Int
  ) -> PrometheusSlices {
    var classes = [[Double]](repeating: [0, 0, 0, 0, 0, 0], count: steps)
    for s in counters {
      let status = q.statusLabels.lazy.compactMap { s.labels[$0] }.first
      let digit = status.flatMap { MetricStatusClass.of($0) }?.first?.wholeNumberValue ?? 0
      let (_, perStep) = increases(s, start: start, step: step, steps: steps)
      for i in perStep.indices { classes[i][digit] += perStep[i] }
    }
    var les = [[Double: Double]](repeating: [:], count: steps)
    for s in buckets {
      guard let le = s.labels["le"].flatMap(HistogramQuantile.bound(fromLabel:)) else { continue }
      let (_, perStep) = increases(s, start: start, step: step, steps: steps)
      for i in perStep.indices { les[i][le, default: 0] += perStep[i] }
    }
    return PrometheusSlices(start: start, step: step, classes: classes, buckets: les)
  }
}
