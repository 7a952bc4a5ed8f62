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
///
/// A full bucket that time has moved past is packed (`pack`, called by the ring): its counts from
/// the first to the last that is not zero, each in as few bytes as the largest needs. A busy
/// service's 10-second bucket goes from 10 kB to about 1 kB, so 75 minutes of them, and an hour of
/// every busy route's minutes, stay a few MB instead of growing to tens (the soak's memory grew for
/// 80 minutes with them). A packed bucket written again (a late line) is unpacked first.
public struct LatencyHistogram: Sendable {
  static let unitsPerMs = 10.0
  static let highest: UInt64 = 36_000_000
  static let sparseLimit = 128

  private var sparse: [UInt32] = []
  /// Past `sparseLimit` values: counts laid out exactly as HdrHistogram lays out this range (see
  /// `DenseLayout`), kept here because the library records and merges through generic code that
  /// cost a tenth of a full report. Queries still go through an HdrHistogram built from them.
  private var dense: [UInt32] = []
  private var denseTotal = 0
  private var isFull = false
  /// A packed full histogram: the counts from index `packedFirst` on, `packedWidth` bytes each,
  /// little-endian; `packedWidth` is 0 when not packed (`dense` then holds the counts).
  private var packed: [UInt8] = []
  private var packedFirst = 0
  private var packedWidth = 0

  public init() {}

  private static func makeHistogram() -> Histogram<UInt32> {
    Histogram<UInt32>(
      lowestDiscernibleValue: 1, highestTrackableValue: Self.highest,
      numberOfSignificantValueDigits: .two)
  }

  public var count: Int { isFull ? denseTotal : sparse.count }

  public mutating func record(ms: Double) {
    if let units = Self.units(ms: ms) { record(units: units) }
  }

  /// `times` observations of one value (latency read from Prometheus's buckets).
  mutating func record(ms: Double, times: Int) {
    guard times > 0, let units = Self.units(ms: ms) else { return }
    if !isFull, sparse.count + times <= Self.sparseLimit {
      sparse.append(contentsOf: repeatElement(units, count: times))
      return
    }
    if !isFull { promote() }
    if packedWidth != 0 { unpack() }
    count(units, times: UInt32(clamping: times))
  }

  /// `ms` in the histogram's units (0.1 ms, clamped to the range), nil when not a number: computed
  /// once per request for the service's and the route's bucket.
  @inline(__always)
  static func units(ms: Double) -> UInt32? {
    guard ms.isFinite else { return nil }
    let units = (ms * Self.unitsPerMs).rounded()
    return UInt32(saturating: Swift.min(units, Double(Self.highest)))
  }

  @inline(__always)
  mutating func record(units: UInt32) {
    if isFull {
      if packedWidth != 0 { unpack() }
      count(units, times: 1)
    } else if sparse.count < Self.sparseLimit {
      sparse.append(units)
    } else {
      promote()
      count(units, times: 1)
    }
  }

  @inline(__always)
  private mutating func count(_ value: UInt32, times: UInt32) {
    dense[DenseLayout.index(of: value)] &+= times
    denseTotal &+= Int(times)
  }

  private mutating func promote() {
    dense = [UInt32](repeating: 0, count: DenseLayout.countsLength)
    isFull = true
    for v in sparse { count(v, times: 1) }
    sparse = []
  }

  public mutating func add(_ other: LatencyHistogram) {
    if !isFull, !other.isFull, sparse.count + other.sparse.count <= Self.sparseLimit {
      sparse.append(contentsOf: other.sparse)
      return
    }
    if !isFull { promote() }
    if packedWidth != 0 { unpack() }
    if other.packedWidth != 0 {
      dense.withUnsafeMutableBufferPointer { mine in
        other.forEachPacked { mine[$0] &+= $1 }
      }
      denseTotal += other.denseTotal
    } else if other.isFull {
      dense.withUnsafeMutableBufferPointer { mine in
        other.dense.withUnsafeBufferPointer { theirs in
          for i in 0..<DenseLayout.countsLength { mine[i] &+= theirs[i] }
        }
      }
      denseTotal += other.denseTotal
    } else {
      for v in other.sparse { count(v, times: 1) }
    }
  }

  /// The values as an HdrHistogram: the raw values recorded, or each count recorded at the lowest
  /// value of its sub-bucket. HdrHistogram's smallest and largest value then differ from the
  /// recorded ones, but only within their sub-buckets, and every answer below is a sub-bucket's
  /// median or a count of whole sub-buckets, so the answers are those of recording every value.
  private var histogram: Histogram<UInt32> {
    var h = Self.makeHistogram()
    guard isFull else {
      for v in sparse { _ = h.record(UInt64(v)) }
      return h
    }
    if packedWidth != 0 {
      forEachPacked { _ = h.record(UInt64(DenseLayout.value(at: $0)), count: $1) }
      return h
    }
    for i in 0..<DenseLayout.countsLength where dense[i] > 0 {
      _ = h.record(UInt64(DenseLayout.value(at: i)), count: dense[i])
    }
    return h
  }

  /// Whether the counts are packed (for tests and the memory figures).
  var isPacked: Bool { packedWidth != 0 }

  /// The bytes the counts take on the heap, roughly (for tests and the memory figures).
  var countBytes: Int { sparse.count * 4 + dense.count * 4 + packed.count }

  /// Packs a full histogram that is not written any more (see the type's comment). Answers are
  /// the same packed or not; a raw-value bucket stays as it is.
  public mutating func pack() {
    guard isFull, packedWidth == 0, !dense.isEmpty else { return }
    guard let first = dense.firstIndex(where: { $0 != 0 }),
      let last = dense.lastIndex(where: { $0 != 0 })
    else {
      dense = []
      packed = []
      packedFirst = 0
      packedWidth = 1
      return
    }
    let top = dense[first...last].max() ?? 0
    let width = top <= 0xFF ? 1 : top <= 0xFFFF ? 2 : 4
    var bytes = [UInt8]()
    bytes.reserveCapacity((last - first + 1) * width)
    for value in dense[first...last] {
      var v = value
      for _ in 0..<width {
        bytes.append(UInt8(truncatingIfNeeded: v))
        v >>= 8
      }
    }
    packed = bytes
    packedFirst = first
    packedWidth = width
    dense = []
  }

  private mutating func unpack() {
    var counts = [UInt32](repeating: 0, count: DenseLayout.countsLength)
    counts.withUnsafeMutableBufferPointer { mine in forEachPacked { mine[$0] = $1 } }
    dense = counts
    packed = []
    packedFirst = 0
    packedWidth = 0
  }

  /// Each count that is not zero of a packed histogram, by its index in `DenseLayout`.
  @inline(__always)
  private func forEachPacked(_ body: (Int, UInt32) -> Void) {
    let width = packedWidth
    packed.withUnsafeBufferPointer { bytes in
      var index = packedFirst
      var at = 0
      while at < bytes.count {
        var value: UInt32 = 0
        for k in 0..<width { value |= UInt32(bytes[at + k]) << UInt32(8 * k) }
        if value != 0 { body(index, value) }
        at += width
        index += 1
      }
    }
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
      saturating: Swift.min((ms * Self.unitsPerMs).rounded(), Double(Self.highest)))
    let top = h.highestEquivalentForValue(units)
    guard top < Self.highest else { return 0 }
    return Int(h.count(within: (top + 1)...Self.highest))
  }
}

/// HdrHistogram's counts layout for values 1...36,000,000 with two significant digits: 256
/// sub-buckets per bucket (the upper 128 of each bucket after the first are its own), 19 buckets,
/// 2,560 counts. `index(of:)` is the library's `countsIndexForValue` for this layout.
enum DenseLayout {
  static let subBucketHalfCountMagnitude = 7
  static let subBucketHalfCount = 128
  static let subBucketMask: UInt64 = 255
  static let leadingZeroCountBase = 56
  static let countsLength = 2560

  @inline(__always)
  static func index(of value: UInt32) -> Int {
    let v = UInt64(value)
    let bucket = leadingZeroCountBase - (v | subBucketMask).leadingZeroBitCount
    let subBucket = Int(v >> UInt64(bucket))
    return (bucket + 1) << subBucketHalfCountMagnitude + (subBucket - subBucketHalfCount)
  }

  /// The lowest value counted at `index`.
  static func value(at index: Int) -> UInt32 {
    var bucket = (index >> subBucketHalfCountMagnitude) - 1
    var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
    if bucket < 0 {
      subBucket -= subBucketHalfCount
      bucket = 0
    }
    return UInt32(subBucket << bucket)
  }
}
