import Histogram

/// Request latencies with bounded memory, on HdrHistogram.
///
/// Values are recorded in units of 0.1 ms from 0.1 ms to one hour with two significant digits, so any
/// percentile read back is within 1 % of the exact value (HdrHistogram's guarantee for two digits), plus
/// the 0.05 ms rounding at the bottom of the range. Longer requests are clamped to one hour and counted.
public struct LatencyHistogram: Sendable {
  static let unitsPerMs = 10.0
  static let highest: UInt64 = 36_000_000

  private var storage: Histogram<UInt32>

  public init() {
    storage = Histogram<UInt32>(
      lowestDiscernibleValue: 1, highestTrackableValue: Self.highest,
      numberOfSignificantValueDigits: .two)
  }

  public var count: Int { Int(storage.totalCount) }

  public mutating func record(ms: Double) {
    guard ms.isFinite else { return }
    let units = (ms * Self.unitsPerMs).rounded()
    let clamped = UInt64(Swift.max(0, Swift.min(units, Double(Self.highest))))
    _ = storage.record(clamped)
  }

  public mutating func add(_ other: LatencyHistogram) {
    storage.add(other.storage)
  }

  /// The value at `percentile` (0...100) in milliseconds, `nil` when empty.
  public func valueMs(atPercentile percentile: Double) -> Double? {
    guard storage.totalCount > 0 else { return nil }
    let units = storage.valueAtPercentile(percentile)
    return Double(storage.medianEquivalentForValue(units)) / Self.unitsPerMs
  }

  /// How many recorded values are strictly above `ms` (at the histogram's resolution).
  public func countAbove(ms: Double) -> Int {
    guard storage.totalCount > 0 else { return 0 }
    let units = UInt64(
      Swift.max(0, Swift.min((ms * Self.unitsPerMs).rounded(), Double(Self.highest))))
    let top = storage.highestEquivalentForValue(units)
    guard top < Self.highest else { return 0 }
    return Int(storage.count(within: (top + 1)...Self.highest))
  }
}
