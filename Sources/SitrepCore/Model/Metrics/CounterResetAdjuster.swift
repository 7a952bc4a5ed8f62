/// Turns raw counter values into reset-free running totals.
///
/// When a counter drops, the process restarted and counted from zero again; like PromQL `increase`,
/// the value before the drop is added to an offset so the adjusted series keeps growing. Adjusting
/// at ingest (rather than when a window is queried) means thinning the history can never hide a
/// reset that happened between two kept snapshots.
struct CounterResetAdjuster: Sendable {
  private var lastRaw: [SeriesKey: Double] = [:]
  private var offset: [SeriesKey: Double] = [:]
  private var lastSeen: [SeriesKey: EpochSeconds] = [:]

  /// The adjusted value, or nil for NaN (a counter reading that carries no information).
  mutating func adjust(_ key: SeriesKey, raw: Double, at time: EpochSeconds) -> Double? {
    guard !raw.isNaN else { return nil }
    if let previous = lastRaw[key], raw < previous {
      offset[key, default: 0] += previous
    }
    lastRaw[key] = raw
    lastSeen[key] = time
    return raw + (offset[key] ?? 0)
  }

  /// Forgets series not seen since `cutoff`, so label churn cannot grow memory without bound.
  mutating func forget(before cutoff: EpochSeconds) {
    let stale = lastSeen.filter { $0.value < cutoff }.map(\.key)
    for key in stale {
      lastRaw[key] = nil
      offset[key] = nil
      lastSeen[key] = nil
    }
  }
}
