/// How many times a signature occurred in each second of the last 80 minutes: the windowed counts,
/// kept apart from the signature's bounded list of exact times (`ErrorSignatures.maxRecent`), so a
/// thousand identical tracebacks count a thousand, not the length of that list.
///
/// Sparse and in time order: only seconds that saw an occurrence take an entry, 12 bytes each, and
/// at most one entry a second within the horizon (4,800).
public struct OccurrenceSeconds: Sendable, Equatable {
  /// The 1h window plus a deploy comparison reaching back before it, as for job outcomes.
  public static let horizonSeconds = 80 * 60

  private var seconds: [Int64] = []
  private var counts: [Int32] = []

  public init() {}

  public mutating func add(at time: EpochSeconds) {
    guard time.isFinite else { return }
    let s = Self.second(time)
    if let last = seconds.last, last == s {
      counts[counts.count - 1] &+= 1
    } else if seconds.last.map({ $0 < s }) ?? true {
      seconds.append(s)
      counts.append(1)
    } else {
      // A late line: find its second, or put one in its place.
      let i = firstIndex(atOrAfter: s)
      if i < seconds.count, seconds[i] == s {
        counts[i] &+= 1
      } else {
        seconds.insert(s, at: i)
        counts.insert(1, at: i)
      }
    }
    prune()
  }

  /// Occurrences in the whole seconds from the one holding `from` to the one holding `to`.
  public func count(from: EpochSeconds, through to: EpochSeconds) -> Int {
    guard from <= to else { return 0 }
    let lo = firstIndex(atOrAfter: Self.second(from))
    let hi = to.isFinite ? firstIndex(atOrAfter: Self.second(to) + 1) : seconds.count
    guard hi > lo else { return 0 }
    return counts[lo..<hi].reduce(0) { $0 + Int($1) }
  }

  /// The oldest second still held, as a time.
  public var oldest: EpochSeconds? { seconds.first.map { Double($0) } }

  private static func second(_ t: EpochSeconds) -> Int64 {
    Int64(Int(saturating: t.rounded(.down)))
  }

  private func firstIndex(atOrAfter s: Int64) -> Int {
    var lo = 0
    var hi = seconds.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if seconds[mid] < s { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  private mutating func prune() {
    guard let newest = seconds.last else { return }
    let drop = firstIndex(atOrAfter: newest - Int64(Self.horizonSeconds))
    // In batches, so an append stays amortised O(1).
    guard drop >= 256 || (drop > 0 && drop * 8 >= seconds.count) else { return }
    seconds.removeFirst(drop)
    counts.removeFirst(drop)
  }
}
