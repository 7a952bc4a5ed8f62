/// When each finished run of one job ended and whether it failed, for the last 80 minutes: the
/// counts every screen, the report and the deploy comparison read, kept apart from the detailed run
/// list (`JobTracker.maxRuns`), so a job that runs every few seconds does not lose the runs before a
/// deploy while the comparison still needs them.
///
/// Two flat arrays in time order; counting a span is two binary searches.
public struct JobOutcomeLog: Sendable, Equatable {
  /// Long enough for the 1h window plus a deploy comparison reaching back before it.
  public static let horizonSeconds = 80.0 * 60
  /// A bound for a job that runs many times a second: the oldest outcomes go first.
  public static let maxOutcomes = 20_000

  public private(set) var times: [EpochSeconds] = []
  private var failed: [Bool] = []
  /// This log's bound: `maxOutcomes` for one job, more for the tally of retired jobs.
  public let capacity: Int

  public init(capacity: Int = Self.maxOutcomes) { self.capacity = capacity }

  public mutating func append(at time: EpochSeconds, failed didFail: Bool) {
    guard time.isFinite else { return }
    // Lines mostly arrive in order; a late one is put in its place.
    let i =
      times.last.map { $0 <= time } ?? true ? times.endIndex : firstIndex(atOrAfter: time + 1e-9)
    times.insert(time, at: i)
    failed.insert(didFail, at: i)
    prune(newest: times[times.endIndex - 1])
  }

  /// Finished runs and failures that ended in `[from, to)`.
  public func counts(from: EpochSeconds, to: EpochSeconds) -> (runs: Int, failures: Int) {
    let lo = firstIndex(atOrAfter: from)
    let hi = firstIndex(atOrAfter: to)
    guard hi > lo else { return (0, 0) }
    return (hi - lo, failed[lo..<hi].lazy.filter { $0 }.count)
  }

  /// The first position whose time is at or after `t`.
  private func firstIndex(atOrAfter t: EpochSeconds) -> Int {
    var lo = 0
    var hi = times.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if times[mid] < t { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  private mutating func prune(newest: EpochSeconds) {
    var drop = firstIndex(atOrAfter: newest - Self.horizonSeconds)
    drop = Swift.max(drop, times.count - capacity)
    guard drop > 0 else { return }
    // Removing from the front is O(n); do it in batches so appends stay amortised O(1).
    guard drop >= 256 || drop * 8 >= times.count else { return }
    times.removeFirst(drop)
    failed.removeFirst(drop)
  }

  /// Merges `other` in, both in time order. Retired jobs come least recently active first, so
  /// their runs mostly go at the end, or near it: appended, not merged. Otherwise a linear merge,
  /// however far back `other` reaches.
  mutating func absorb(_ other: JobOutcomeLog) {
    guard let first = other.times.first else { return }
    if times.last.map({ $0 <= first }) ?? true || other.times.count <= 16 {
      for (t, f) in zip(other.times, other.failed) { append(at: t, failed: f) }
      return
    }
    var mergedTimes: [EpochSeconds] = []
    var mergedFailed: [Bool] = []
    mergedTimes.reserveCapacity(times.count + other.times.count)
    mergedFailed.reserveCapacity(times.count + other.times.count)
    var i = 0
    var j = 0
    while i < times.count || j < other.times.count {
      if j == other.times.count || (i < times.count && times[i] <= other.times[j]) {
        mergedTimes.append(times[i])
        mergedFailed.append(failed[i])
        i += 1
      } else {
        mergedTimes.append(other.times[j])
        mergedFailed.append(other.failed[j])
        j += 1
      }
    }
    times = mergedTimes
    failed = mergedFailed
    if let newest = times.last { prune(newest: newest) }
  }
}
