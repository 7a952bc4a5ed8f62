import Histogram

/// Request latencies with bounded memory, on HdrHistogram.
///
/// Values are recorded in units of 0.1 ms from 0.1 ms to one hour with two significant digits, so any
/// percentile read back is within 1 % of the exact value (HdrHistogram's guarantee for two digits), plus
/// the 0.05 ms rounding at the bottom of the range. Longer requests are clamped to one hour and counted.
///
/// A bucket with few requests keeps their raw values instead (at most `sparseLimit`, half a kilobyte)
/// and becomes a histogram (about 10 kB) on the next one: one-minute route buckets mostly hold a few
/// dozen requests, and 60 routes × 62 minutes of full histograms would be 37 MB per service. Every
/// question is answered from a histogram of the same values, so the answers do not depend on which
/// form a bucket is in.
public struct LatencyHistogram: Sendable {
  static let unitsPerMs = 10.0
  static let highest: UInt64 = 36_000_000
  static let sparseLimit = 128

  private var sparse: [UInt32] = []
  private var full: Histogram<UInt32>?
  /// Whether `full` is set. Tested instead of `full != nil`, which copies and destroys the
  /// histogram through generic code on every call (a fifth of a report's time, perf showed).
  private var isFull = false

  public init() {}

  private static func makeHistogram() -> Histogram<UInt32> {
    Histogram<UInt32>(
      lowestDiscernibleValue: 1, highestTrackableValue: Self.highest,
      numberOfSignificantValueDigits: .two)
  }

  public var count: Int { isFull ? Int(full.unsafelyUnwrapped.totalCount) : sparse.count }

  public mutating func record(ms: Double) {
    guard ms.isFinite else { return }
    let units = (ms * Self.unitsPerMs).rounded()
    let clamped = UInt32(Swift.max(0, Swift.min(units, Double(Self.highest))))
    if isFull {
      _ = full!.record(UInt64(clamped))
    } else if sparse.count < Self.sparseLimit {
      sparse.append(clamped)
    } else {
      promote()
      _ = full!.record(UInt64(clamped))
    }
  }

  private mutating func promote() {
    full = histogram
    isFull = true
    sparse = []
  }

  public mutating func add(_ other: LatencyHistogram) {
    if !isFull, !other.isFull, sparse.count + other.sparse.count <= Self.sparseLimit {
      sparse.append(contentsOf: other.sparse)
      return
    }
    if !isFull { promote() }
    if other.isFull {
      full!.add(other.full.unsafelyUnwrapped)
    } else {
      for v in other.sparse { _ = full!.record(UInt64(v)) }
    }
  }

  /// The values as a histogram: the stored one, or one built from the raw values.
  private var histogram: Histogram<UInt32> {
    if isFull { return full.unsafelyUnwrapped }
    var h = Self.makeHistogram()
    for v in sparse { _ = h.record(UInt64(v)) }
    return h
  }

  /// The value at `percentile` (0...100) in milliseconds, `nil` when empty.
  public func valueMs(atPercentile percentile: Double) -> Double? {
    valuesMs(atPercentiles: [percentile])[0]
  }

  /// Several percentiles from one histogram (built once when the bucket holds raw values).
  public func valuesMs(atPercentiles percentiles: [Double]) -> [Double?] {
    guard count > 0 else { return percentiles.map { _ in nil } }
    let h = histogram
    return percentiles.map {
      Double(h.medianEquivalentForValue(h.valueAtPercentile($0))) / Self.unitsPerMs
    }
  }

  /// How many recorded values are strictly above `ms` (at the histogram's resolution).
  public func countAbove(ms: Double) -> Int {
    guard count > 0 else { return 0 }
    let h = histogram
    let units = UInt64(
      Swift.max(0, Swift.min((ms * Self.unitsPerMs).rounded(), Double(Self.highest))))
    let top = h.highestEquivalentForValue(units)
    guard top < Self.highest else { return 0 }
    return Int(h.count(within: (top + 1)...Self.highest))
  }
}
