/// One step of a service's time chart: the requests of a few consecutive 10-second slots, with
/// the same `RequestStats` every other figure is made of, so the chart's readout and the
/// service row agree.
public struct TimelinePoint: Sendable, Equatable {
  public var stats: RequestStats
  /// False for a step before the first line read (a read bounded by bytes, `coverage`): its
  /// zero is unknown, not quiet.
  public var covered = true

  public init(stats: RequestStats, covered: Bool = true) {
    self.stats = stats
    self.covered = covered
  }

  public var from: EpochSeconds { stats.from }
  public var to: EpochSeconds { stats.to }
}

extension ServiceTracker {
  /// The window ending `now` in about `maxPoints` steps (one more when the span runs past its name) of whole slots, oldest first, from the
  /// same start the service row uses (`windowStart`), the last step holding the slot still filling.
  /// Steps without requests are there too (zero requests, no latency): a gap is news.
  public func timeline(window: Double, now: EpochSeconds, maxPoints: Int) -> [TimelinePoint] {
    let slot = ring.slotSeconds
    let start = Self.windowStart(window: window, now: now)
    guard maxPoints > 0, now > start, now.isFinite, start.isFinite else { return [] }
    let slots = Int(saturating: ((now - start) / slot).rounded(.up))
    guard slots > 0 else { return [] }
    // Steps sized by the window's name, not the span it covers today (which moves by up to 30 s
    // with the minute alignment): a cursor kept on a step's start stays on the same moment.
    let nominal = Swift.max(1, Int(saturating: (window / slot).rounded(.up)))
    let perPoint = (nominal + maxPoints - 1) / maxPoints
    let count = (slots + perPoint - 1) / perPoint
    var buckets = [RequestBucket](repeating: RequestBucket(), count: count)
    ring.forEach(from: start, to: now, includeCurrent: true) { s, bucket in
      // The slot starting at `now` exactly (still empty but for this instant) joins the last step.
      let index = Int(saturating: (Double(s) * slot - start) / slot) / perPoint
      buckets[Swift.max(0, Swift.min(index, count - 1))].add(bucket)
    }
    let step = Double(perPoint) * slot
    return buckets.enumerated().map { i, bucket in
      let from = start + Double(i) * step
      return TimelinePoint(
        stats: RequestStats(bucket: bucket, from: from, to: Swift.min(from + step, now)))
    }
  }
}
