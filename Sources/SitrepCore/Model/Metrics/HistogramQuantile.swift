/// PromQL `histogram_quantile` over cumulative buckets.
public enum HistogramQuantile {
  public struct Bucket: Sendable, Equatable {
    /// The `le` bound; `.infinity` for the `+Inf` bucket.
    public var upperBound: Double
    /// Observations at or below the bound.
    public var cumulativeCount: Double

    public init(upperBound: Double, cumulativeCount: Double) {
      self.upperBound = upperBound
      self.cumulativeCount = cumulativeCount
    }
  }

  /// The `q` quantile (0...1) by linear interpolation inside the bucket holding the rank. A rank in
  /// the `+Inf` bucket answers the highest finite bound, as Prometheus does. Nil when unknowable:
  /// no `+Inf` bucket, fewer than two buckets, no observations, `q` out of range.
  public static func quantile(_ q: Double, buckets: [Bucket]) -> Double? {
    guard q >= 0, q <= 1 else { return nil }
    var sorted = buckets.filter { !$0.upperBound.isNaN && !$0.cumulativeCount.isNaN }
      .sorted { $0.upperBound < $1.upperBound }
    guard sorted.count >= 2, let last = sorted.last, last.upperBound == .infinity else {
      return nil
    }
    // Scrapes taken mid-update can be slightly non-monotonic; Prometheus evens them out the same way.
    for index in sorted.indices.dropFirst() {
      sorted[index].cumulativeCount = max(
        sorted[index].cumulativeCount, sorted[index - 1].cumulativeCount)
    }
    let total = sorted[sorted.count - 1].cumulativeCount
    guard total > 0 else { return nil }
    let rank = q * total
    let finite = sorted.dropLast()
    guard let index = finite.firstIndex(where: { $0.cumulativeCount >= rank }) else {
      return finite.last?.upperBound
    }
    let upper = sorted[index].upperBound
    if index == 0 && upper <= 0 { return upper }
    let lower = index == 0 ? 0 : sorted[index - 1].upperBound
    let below = index == 0 ? 0 : sorted[index - 1].cumulativeCount
    let inBucket = sorted[index].cumulativeCount - below
    guard inBucket > 0 else { return lower }
    return lower + (upper - lower) * (rank - below) / inBucket
  }

  /// Reads an `le` label: `+Inf`, `0.5`, `1e-3`.
  public static func bound(fromLabel text: String) -> Double? {
    switch text.lowercased() {
    case "+inf", "inf": return .infinity
    default:
      guard let value = Double(text), value.isFinite else { return nil }
      return value
    }
  }
}
